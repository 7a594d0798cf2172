import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRoutes, isAuthorized, parseReportTarget, type RepositoryName, type RoutesOptions } from '../../src/app/routes.js';

let server: Server | null = null;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** The routes on a loopback server; requests they do not handle get 404 like Probot's last handler. */
async function serve(options: Partial<RoutesOptions> = {}): Promise<{ url: string; triggers: Array<RepositoryName | null> }> {
  const triggers: Array<RepositoryName | null> = [];
  const handler = createRoutes({
    reportSecret: 's3cret-value',
    health: () => ({ version: '1.2.3', jobs: 0 }),
    triggerReport: async (target) => {
      triggers.push(target);
      return { ok: true, queued: target ? [`${target.owner}/${target.repo}`] : ['a/one', 'b/two'] };
    },
    ...options,
  });
  server = createServer((req, res) => {
    void handler(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, triggers };
}

const auth = { authorization: 'Bearer s3cret-value', 'content-type': 'application/json' };

describe('health route', () => {
  it('answers 200 with JSON', async () => {
    const { url } = await serve();
    const res = await fetch(`${url}/listkeeper/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', version: '1.2.3', jobs: 0 });
  });

  it('refuses other methods and leaves other paths to the next handler', async () => {
    const { url } = await serve();
    expect((await fetch(`${url}/listkeeper/health`, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(`${url}/listkeeper/other`)).status).toBe(404);
  });
});

describe('report route', () => {
  it('queues one repository with the right secret', async () => {
    const { url, triggers } = await serve();
    const res = await fetch(`${url}/listkeeper/report`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ owner: 'octo-org', repo: 'awesome.list' }),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ queued: ['octo-org/awesome.list'] });
    expect(triggers).toEqual([{ owner: 'octo-org', repo: 'awesome.list' }]);
  });

  it('queues every installation for an empty body', async () => {
    const { url, triggers } = await serve();
    const res = await fetch(`${url}/listkeeper/report`, { method: 'POST', headers: { authorization: auth.authorization } });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ queued: ['a/one', 'b/two'] });
    expect(triggers).toEqual([null]);
  });

  it.each([
    ['no header', {}],
    ['a wrong secret', { authorization: 'Bearer s3cret-valuf' }],
    ['a longer secret', { authorization: 'Bearer s3cret-value-and-more' }],
    ['another scheme', { authorization: 'Basic s3cret-value' }],
  ])('answers 401 and runs nothing with %s', async (_name, headers: Record<string, string>) => {
    const { url, triggers } = await serve();
    const res = await fetch(`${url}/listkeeper/report`, { method: 'POST', headers, body: '{}' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(triggers).toEqual([]);
  });

  it('is off (503) when the server has no secret, whatever the caller sends', async () => {
    const { url, triggers } = await serve({ reportSecret: '' });
    const res = await fetch(`${url}/listkeeper/report`, { method: 'POST', headers: { authorization: 'Bearer ' } });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toContain('LISTKEEPER_REPORT_SECRET');
    expect(triggers).toEqual([]);
  });

  it('answers 400 for a bad body and 413 for a huge one, running nothing', async () => {
    const { url, triggers } = await serve();
    const bad = await fetch(`${url}/listkeeper/report`, { method: 'POST', headers: auth, body: '{"owner": "o", "repo": "../x"}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: '"repo" must be a repository name' });
    const huge = await fetch(`${url}/listkeeper/report`, { method: 'POST', headers: auth, body: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
    expect(triggers).toEqual([]);
  });

  it('passes on the trigger failure (app not installed) as its status', async () => {
    const { url } = await serve({
      triggerReport: async () => ({ ok: false, status: 404, error: 'listkeeper is not installed on o/r' }),
    });
    const res = await fetch(`${url}/listkeeper/report`, { method: 'POST', headers: auth, body: '{"owner":"o","repo":"r"}' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'listkeeper is not installed on o/r' });
  });

  it('refuses GET', async () => {
    const { url } = await serve();
    expect((await fetch(`${url}/listkeeper/report`, { headers: auth })).status).toBe(405);
  });
});

describe('parseReportTarget', () => {
  it('reads the target or every installation, and names what is wrong', () => {
    expect(parseReportTarget('')).toEqual({ ok: true, target: null });
    expect(parseReportTarget('{}')).toEqual({ ok: true, target: null });
    expect(parseReportTarget('{"owner":"a","repo":"b"}')).toEqual({ ok: true, target: { owner: 'a', repo: 'b' } });
    expect(parseReportTarget('{"owner":"a"}')).toEqual({ ok: false, error: '"repo" must be a repository name' });
    expect(parseReportTarget('{"owner":"a/b","repo":"c"}')).toEqual({ ok: false, error: '"owner" must be a GitHub account name' });
    expect(parseReportTarget('{"owner":"a","repo":"b","ref":"x"}')).toEqual({ ok: false, error: 'unknown key "ref"' });
    expect(parseReportTarget('[1]')).toEqual({ ok: false, error: 'the body must be a JSON object' });
    expect(parseReportTarget('{')).toMatchObject({ ok: false });
  });
});

describe('isAuthorized', () => {
  it('accepts only the exact bearer secret', () => {
    expect(isAuthorized('Bearer abc', 'abc')).toBe(true);
    expect(isAuthorized('bearer abc', 'abc')).toBe(true);
    expect(isAuthorized('Bearer abcd', 'abc')).toBe(false);
    expect(isAuthorized('Bearer ab', 'abc')).toBe(false);
    expect(isAuthorized(undefined, 'abc')).toBe(false);
    expect(isAuthorized('abc', 'abc')).toBe(false);
  });
});
