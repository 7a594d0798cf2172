import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleAction, DIST_FILE } from '../../scripts/bundle.js';

describe('dist/index.js', () => {
  it('is what the bundler makes from the current sources', async () => {
    const fresh = await bundleAction();
    const committed = readFileSync(DIST_FILE, 'utf8');
    // One clear line instead of a 3 MB diff.
    if (committed !== fresh) expect.fail('dist/ is stale: run npm run bundle (and commit dist/index.js)');
  });
});
