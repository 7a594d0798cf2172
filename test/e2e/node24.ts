/**
 * Node 24 (what GitHub's runners use for `runs.using: node24`) from the npm registry via
 * `npx -y node@24`, so the bundle is also tested there. Null when it cannot be fetched.
 */
import { execFile } from 'node:child_process';

let found: Promise<{ command: string[] | null; why: string }> | null = null;

export function node24(): Promise<{ command: string[] | null; why: string }> {
  found ??= new Promise((resolve) => {
    execFile('npx', ['-y', 'node@24', '-p', 'process.execPath + " " + process.version'], { timeout: 180_000 }, (error, stdout, stderr) => {
      const [path, version] = stdout.trim().split(' ');
      if (error || !path || !version?.startsWith('v24.')) {
        resolve({ command: null, why: `node@24 could not be fetched with npx: ${(stderr || String(error)).split('\n')[0]}` });
      } else {
        resolve({ command: [path], why: version });
      }
    });
  });
  return found;
}
