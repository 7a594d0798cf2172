/**
 * The world an end-to-end test runs in: the fake GitHub API with a list repository,
 * a workflow token, and real link servers on loopback (one 127.0.0.x address per host).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { closeAll, startHost, type TestHost } from '../links/servers.js';
import { FakeGitHub } from '../fake-github/server.js';

export const REPO = 'acme/awesome-dialogue';
export const TOKEN = 'ghs_workflow_token_e2e';
export const READ_ONLY_TOKEN = 'ghs_fork_pr_token_e2e';
export const BOT = 'github-actions[bot]';

export interface World {
  fake: FakeGitHub;
  /** Answers 200 to everything. */
  alive: TestHost;
  /** Answers 404 to everything. */
  dead: TestHost;
  /** Alive or dead on demand: paths in `flaky.deadPaths` answer 404. */
  flaky: TestHost & { deadPaths: Set<string> };
  close(): Promise<void>;
}

function answer(status: number) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    res.writeHead(status, { 'content-type': 'text/html' });
    res.end(status === 200 ? '<html><title>ok</title></html>' : 'not here');
  };
}

/** The list on the default branch, in the seed's style, linking to the world's hosts. */
export function baseList(w: Pick<World, 'alive' | 'flaky'>): string {
  return [
    '# Awesome Dialogue Notes',
    '',
    '## Chat Models',
    '',
    '### Assistants',
    '  * Helper',
    `    - [paper](${w.alive.url('/paper/helper')}): Helper: a dialogue model`,
    '    - author: Example Lab',
    '    - blog:',
    `      - [Helper explained](${w.alive.url('/a')}) | Tech Weekly 2023-01-05`,
    `      - [Helper in practice](${w.flaky.url('/b')}) | Notes Daily 2023-02-10`,
    '',
  ].join('\n');
}

/** Inserts lines after the last blog entry of the base list (line 11). */
export function withEntries(list: string, entries: string[]): string {
  const lines = list.split('\n');
  lines.splice(11, 0, ...entries);
  return lines.join('\n');
}

export async function createWorld(): Promise<World> {
  const fake = await FakeGitHub.start();
  const alive = await startHost('127.0.0.2', answer(200));
  const dead = await startHost('127.0.0.3', answer(404));
  const deadPaths = new Set<string>();
  const flakyHost = await startHost('127.0.0.4', (req, res) => answer(deadPaths.has((req.url ?? '').split('?')[0]!) ? 404 : 200)(req, res));
  const flaky = Object.assign(flakyHost, { deadPaths });
  fake.seedRepo({ repo: REPO, files: { 'README.md': baseList({ alive, flaky }) }, collaborators: { maintainer: 'write', triager: 'triage' } });
  fake.seedUser('stranger');
  fake.seedToken(TOKEN, { login: BOT, write: [REPO] });
  fake.seedToken(READ_ONLY_TOKEN, { login: BOT });
  return {
    fake,
    alive,
    dead,
    flaky,
    close: async () => {
      await fake.close();
      await closeAll();
    },
  };
}

/** A Wayback Machine availability API on loopback: every URL has a snapshot from 2024-01-01. */
export async function startWayback(): Promise<TestHost> {
  return startHost('127.0.0.5', (req, res) => {
    req.resume();
    const url = new URL(req.url ?? '/', 'http://wayback.test').searchParams.get('url') ?? '';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ url, archived_snapshots: { closest: { status: '200', available: true, url: `http://web.archive.org/web/20240101000000/${url}`, timestamp: '20240101000000' } } }));
  });
}
