/**
 * Bundles the CLI (lib/cli/main.js, tsc's output) into lib/cli-bundle/, which bin/listkeeper.js runs.
 *
 * Why: `listkeeper lint` loads about 220 modules (remark's parser alone pulls in some 50 files of
 * mdast-util-to-markdown that it never calls), and on a 10,000-entry list resolving and reading
 * them was about a tenth of the run. One file per lazily loaded command (code splitting keeps
 * `links`, `add` and the config parser out of a plain `lint`) starts about 0.1 s sooner, with
 * no more memory. lib/cli-bundle sits as deep as lib/cli, so paths the CLI finds relative to
 * its own file (examples/, package.json) stay the same.
 *
 *   node scripts/bundle-cli.mjs      (run by `npm run build`)
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'lib', 'cli-bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['lib/cli/main.js'],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir,
  // Some bundled CommonJS packages call require() for Node built-ins.
  banner: { js: "import { createRequire as __lkCreateRequire } from 'node:module';\nconst require = __lkCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
