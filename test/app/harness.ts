/**
 * Probot under test, as the Probot docs show: a real Probot instance with a
 * private key made at test time, retries and throttling off unless a test
 * turns them on (with waits of milliseconds), GitHub mocked with nock and
 * the network closed. Every request nock does not expect is recorded, so a
 * test fails on it even when the App swallowed the error.
 */
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { OWNER, REPO_PATH } from '../github/helpers.js';

export const APP_ID = 4242;
export const INSTALLATION_ID = 77;
export const API = 'https://api.github.com';

let privateKey: string | null = null;

/** An RSA key made once per test file (PKCS#8, what Probot's JWT code wants). */
export function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
  return privateKey;
}

export interface ProbotTestOptions {
  retry?: boolean;
  throttle?: boolean;
}

/**
 * Octokit for tests. A function, not an object, so it runs after Probot's own
 * defaults (which set `throttle` and would replace an object's): throttling
 * off, or left exactly as Probot configures it in production; retry off, or
 * on with waits of milliseconds.
 */
export function testOctokitClass(options: ProbotTestOptions = {}): typeof ProbotOctokit {
  type Options = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;
  return ProbotOctokit.defaults((instance: Options) => ({
    ...instance,
    retry: options.retry ? { enabled: true, retryAfterBaseValue: 1 } : { enabled: false },
    throttle: options.throttle ? instance.throttle : { enabled: false },
  }));
}

export function testProbot(options: ProbotTestOptions = {}): Probot {
  // TEST_LOG_LEVEL=debug shows every GitHub request with its duration.
  const logLevel = (process.env.TEST_LOG_LEVEL ?? 'fatal') as 'fatal';
  return new Probot({ appId: APP_ID, privateKey: testPrivateKey(), logLevel, Octokit: testOctokitClass(options) });
}

/** Requests that reached nock without a matching mock. */
export const unmatched: string[] = [];
let listening = false;

interface NoMatch {
  method?: string;
  path?: string;
  url?: string;
  hostname?: string;
  options?: { method?: string; path?: string; hostname?: string; host?: string };
}

/** Close the network; requests to loopback (the test's own servers) may still pass when a test enables them. */
export function closeNetwork(): void {
  nock.disableNetConnect();
  if (!listening) {
    nock.emitter.on('no match', (req: NoMatch) => {
      const host = req.options?.hostname ?? req.options?.host ?? req.hostname ?? (req.url ? new URL(req.url).hostname : '');
      if (/^127\./.test(host)) return;
      unmatched.push(`${req.method ?? req.options?.method ?? '?'} ${req.path ?? req.options?.path ?? req.url ?? '?'}`);
    });
    listening = true;
  }
}

/** After each test: every mock consumed, nothing unexpected asked. */
export function assertNetworkClean(): void {
  const pending = nock.pendingMocks();
  const unexpected = unmatched.splice(0);
  nock.cleanAll();
  if (pending.length > 0 || unexpected.length > 0) {
    throw new Error(`pending mocks: ${pending.join(', ') || 'none'}; unexpected requests: ${unexpected.join(', ') || 'none'}`);
  }
}

/** The installation token exchange every installation Octokit starts with. */
export function mockInstallationToken(scope: nock.Scope = nock(API)): nock.Scope {
  return scope
    .post(`/app/installations/${INSTALLATION_ID}/access_tokens`)
    .reply(201, { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: {}, repository_selection: 'all' });
}

let deliveries = 0;

/**
 * A webhook delivered straight to Probot (signature checks are the e2e test's business).
 * Each call is a new delivery unless `id` repeats one (a redelivery).
 */
export async function deliver(probot: Probot, name: string, payload: Record<string, unknown>, id?: string): Promise<void> {
  deliveries += 1;
  await probot.receive({ id: id ?? `delivery-${name}-${deliveries}`, name, payload } as Parameters<Probot['receive']>[0]);
}

/** GET /app: the App's identity, `listkeeper[bot]`. */
export function mockIdentity(): void {
  nock(API).get('/app').reply(200, { id: APP_ID, slug: 'listkeeper', name: 'listkeeper', owner: { login: 'octo' } });
}

const CONFIG_PATH = `${REPO_PATH}/contents/.github%2Flistkeeper.yml`;
const ORG_CONFIG_PATH = `/repos/${OWNER}/.github/contents/.github%2Flistkeeper.yml`;

/** No config in the repository nor in the organisation's `.github` repository: the defaults. */
export function mockNoConfig(): void {
  nock(API).get(CONFIG_PATH).reply(404, { message: 'Not Found' });
  nock(API).get(ORG_CONFIG_PATH).reply(404, { message: 'Not Found' });
}

/** The repository's `.github/listkeeper.yml` with `text`. */
export function mockConfig(text: string): void {
  nock(API).get(CONFIG_PATH).reply(200, text, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
}
