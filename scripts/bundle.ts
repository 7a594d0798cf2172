/**
 * Bundles the Action (src/action/index.ts) into one ESM file, dist/index.js, that runs on
 * Node 20 and 24 without node_modules. The output is deterministic: the same sources give
 * the same bytes, which test/action/dist-fresh.test.ts relies on.
 *
 *   npm run bundle            writes dist/index.js
 */
import { build, type BuildOptions } from 'esbuild';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_FILE = join(ROOT, 'dist', 'index.js');

const OPTIONS: BuildOptions = {
  absWorkingDir: ROOT,
  entryPoints: ['src/action/index.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Some bundled CommonJS packages call require() for Node built-ins.
  banner: { js: "import { createRequire as __lkCreateRequire } from 'node:module';\nconst require = __lkCreateRequire(import.meta.url);" },
  legalComments: 'none',
  // Paths in the output stay relative to the checkout even when node_modules is a symlink (bundling a clean copy).
  preserveSymlinks: true,
  sourcemap: false,
  minify: false,
  charset: 'utf8',
  logLevel: 'silent',
  write: false,
};

/** The bundle's text, built in memory from the current sources. */
export async function bundleAction(): Promise<string> {
  const result = await build({ ...OPTIONS, outfile: DIST_FILE });
  const file = result.outputFiles?.[0];
  if (!file) throw new Error('esbuild produced no output');
  return file.text;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await bundleAction();
  mkdirSync(dirname(DIST_FILE), { recursive: true });
  writeFileSync(DIST_FILE, text);
  console.log(`dist/index.js: ${(text.length / 1024).toFixed(0)} KiB`);
}
