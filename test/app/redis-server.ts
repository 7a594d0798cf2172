/**
 * A real `redis-server` (the Debian package) for the tests of the App's
 * shared state: started on a free loopback port in a temp folder, nothing
 * saved to disk, stopped after the file. Without the binary the tests are
 * skipped with the reason printed — except under CI (`CI` set), where
 * `.ci/run` installs it and a missing server fails the run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY = 'redis-server';

/** Why the Redis tests cannot run here, or null when they can. */
export function redisSkipReason(): string | null {
  const probe = spawnSync(BINARY, ['--version'], { encoding: 'utf8' });
  if (probe.status === 0) return null;
  if (process.env.CI) throw new Error(`${BINARY} is not installed; .ci/run installs it (apt-get install redis-server)`);
  const reason = `${BINARY} is not installed (apt-get install redis-server): the Redis tests are skipped`;
  console.warn(reason);
  return reason;
}

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

/** A port the kernel just gave out on 127.0.0.1 (redis-server cannot report one it picked itself). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Resolves once the server accepts connections; rejects if it exits first. */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`)));
  });
}

export async function startRedis(): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'listkeeper-redis-'));
  let lastError: unknown;
  // A port taken between freePort() and the server's bind: try another.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(
      BINARY,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'notice'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      await ready(child);
    } catch (error) {
      lastError = error;
      continue;
    }
    return {
      url: `redis://127.0.0.1:${port}`,
      stop: async () => {
        if (child.exitCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          await exited;
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}
