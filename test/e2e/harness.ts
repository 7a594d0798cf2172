/**
 * Runs the bundled Action (dist/index.js) the way a runner does: a child process with
 * GITHUB_* variables, INPUT_* variables (the runner keeps dashes: `INPUT_GITHUB-TOKEN`),
 * an event payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files — against the fake
 * GitHub API. Payloads start from GitHub's webhook examples (`@octokit/webhooks-examples`)
 * with the fake's own objects put in.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeGitHub } from '../fake-github/server.js';
import { node24 } from './node24.js';

export const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

export interface RunnerAnnotation {
  level: 'error' | 'warning' | 'notice';
  file: string | null;
  line: number | null;
  title: string | null;
  message: string;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  annotations: RunnerAnnotation[];
  /** The `::error::` message of core.setFailed, if any (a failure without file). */
  failure: string | null;
  /** Lines of stdout, stderr, the summary or the outputs that show the token (other than the `::add-mask::` command). */
  tokenLeaks: string[];
}

export interface RunActionOptions {
  fake: FakeGitHub;
  repo: string;
  event: string;
  payload: unknown;
  token: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Command that runs a script (default: this Node). */
  node?: string[];
  timeoutMs?: number;
}

/** Link-checker settings that keep end-to-end runs short. */
export const FAST_LINKS = { LISTKEEPER_LINK_TIMEOUT_MS: '3000', LISTKEEPER_LINK_RETRIES: '0', LISTKEEPER_LINK_BACKOFF_MS: '10' };

function unescapeCommand(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/** Parses `::error file=README.md,line=3,title=x::message` workflow commands from stdout. */
export function parseAnnotations(stdout: string): RunnerAnnotation[] {
  const out: RunnerAnnotation[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const props = new Map<string, string>();
    for (const part of (m[2] ?? '').split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) props.set(part.slice(0, eq), unescapeCommand(part.slice(eq + 1)));
    }
    out.push({
      level: m[1] as RunnerAnnotation['level'],
      file: props.get('file') ?? null,
      line: props.has('line') ? Number(props.get('line')) : null,
      title: props.get('title') ?? null,
      message: unescapeCommand(m[3]!),
    });
  }
  return out;
}

/** Parses the GITHUB_OUTPUT file (`name<<delimiter` blocks, as @actions/core writes them). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    outputs[m[1]!] = value.join('\n');
  }
  return outputs;
}

/**
 * The Node that runs the bundle: this one, or Node 24 for the whole suite when
 * LISTKEEPER_E2E_NODE24=1 (`npm run test:e2e:node24`).
 */
async function defaultNode(): Promise<string[]> {
  if (process.env.LISTKEEPER_E2E_NODE24 !== '1') return [process.execPath];
  const node = await node24();
  if (!node.command) throw new Error(node.why);
  return node.command;
}

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'listkeeper-e2e-'));
  try {
    const eventPath = join(dir, 'event.json');
    const outputPath = join(dir, 'output.txt');
    const summaryPath = join(dir, 'summary.md');
    writeFileSync(eventPath, JSON.stringify(options.payload));
    writeFileSync(outputPath, '');
    writeFileSync(summaryPath, '');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: options.event,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: options.repo,
      GITHUB_API_URL: options.fake.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_WORKSPACE: dir,
      RUNNER_TEMP: dir,
      'INPUT_GITHUB-TOKEN': options.token,
      // The link servers are on loopback, which the Action refuses by default.
      'INPUT_ALLOW-PRIVATE-LINKS': 'true',
      ...FAST_LINKS,
      ...options.env,
    };
    for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    const [command, ...args] = options.node ?? (await defaultNode());
    const child = spawn(command!, [...args, DIST], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const code = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`dist/index.js did not finish in time\n${stdout}\n${stderr}`));
      }, options.timeoutMs ?? 60_000);
      child.on('error', reject);
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve(c ?? -1);
      });
    });
    const annotations = parseAnnotations(stdout);
    const failure = annotations.filter((a) => a.level === 'error' && a.file === null).at(-1)?.message ?? null;
    const outputs = parseOutputs(readFileSync(outputPath, 'utf8'));
    const summary = readFileSync(summaryPath, 'utf8');
    const tokenLeaks = [stdout, stderr, summary, ...Object.values(outputs)]
      .flatMap((text) => text.split('\n'))
      .filter((line) => line.includes(options.token) && line !== `::add-mask::${options.token}`);
    return { code, stdout, stderr, outputs, summary, annotations, failure, tokenLeaks };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- event payloads ----

interface WebhookDefinition {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}

let definitions: WebhookDefinition[] | null = null;

function webhookExample(name: string, action?: string): Record<string, unknown> {
  if (!definitions) definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];
  const def = definitions.find((d) => d.name === name);
  const example = def?.examples.find((e) => action === undefined || e.action === action);
  if (!example) throw new Error(`no webhook example for ${name}.${action}`);
  return structuredClone(example);
}

export function pullRequestPayload(fake: FakeGitHub, repo: string, number: number, action = 'opened', sender?: string): Record<string, unknown> {
  const pull = fake.getPull(repo, number);
  return {
    ...webhookExample('pull_request', 'opened'),
    action,
    number,
    pull_request: pull,
    repository: fake.getRepo(repo),
    sender: { login: sender ?? pull.user.login, type: 'User' },
  };
}

export function issueCommentPayload(fake: FakeGitHub, repo: string, issue: number, comment: ReturnType<FakeGitHub['seedComment']>, action = 'created'): Record<string, unknown> {
  return {
    ...webhookExample('issue_comment', 'created'),
    action,
    issue: fake.getIssue(repo, issue),
    comment,
    repository: fake.getRepo(repo),
    sender: comment.user,
  };
}

/** GitHub sends no webhook for `schedule`; the runner's event file holds the schedule and the repository. */
export function schedulePayload(fake: FakeGitHub, repo: string): Record<string, unknown> {
  return { schedule: '0 4 * * *', repository: fake.getRepo(repo), workflow: '.github/workflows/links.yml' };
}
