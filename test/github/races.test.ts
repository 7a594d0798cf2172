/**
 * Two runs of one workflow at the same time, against the fake GitHub server:
 * both read the state before either writes, as a scheduled run and a manual
 * `/check-links`, or two pushes to one pull request, can. A barrier in each
 * client holds the write until both runs have reached it, so the race happens
 * every time.
 */
import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubClient } from '../../src/github/context.js';
import { PR_CHECK_MARKER, REPORT_MARKER } from '../../src/github/markers.js';
import { runPrCheck } from '../../src/github/pr-check/pr-check.js';
import { runReport } from '../../src/github/report/report-issue.js';
import { FakeGitHub } from '../fake-github/server.js';
import { FAST_LINKS, makeContext, startLinkServer, type LinkServer } from './helpers.js';

const REPO = 'octo-lists/awesome-llm';
const BOT = 'github-actions[bot]';

let fake: FakeGitHub;
let links: LinkServer;

beforeEach(async () => {
  fake = await FakeGitHub.start();
  links = await startLinkServer('127.0.0.26');
  fake.seedToken('t-workflow', { login: BOT, write: [REPO] });
});

afterEach(async () => {
  expect(fake.unknownRequests).toEqual([]);
  expect(fake.shapeErrors).toEqual([]);
  await links.close();
  await fake.close();
});

/** Releases every waiting caller once `parties` have arrived. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let release: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    arrived += 1;
    if (arrived === parties) release();
    return all;
  };
}

interface Gate {
  method: string;
  path: RegExp;
  wait: () => Promise<void>;
}

/** A client whose requests matching a gate wait at its barrier first. */
function racingClient(gates: Gate[]): GitHubClient {
  const client = getOctokit('t-workflow', { baseUrl: fake.url, request: { retries: 0 } });
  client.hook.before('request', async (options) => {
    const gate = gates.find((g) => options.method === g.method && g.path.test(String(options.url)));
    if (gate) await gate.wait();
  });
  return client;
}

function list(entries: string[]): string {
  return ['# Awesome LLM reading', '', '## Blogs', '', ...entries, ''].join('\n');
}

describe('two report runs at once', () => {
  it('leave exactly one open report issue; the other is closed as a duplicate with a link to it', async () => {
    fake.seedRepo({
      repo: REPO,
      files: { 'README.md': list([`- [Why RLHF works](${links.origin}/gone-rlhf) | Alignment Weekly 2023-03-04`]) },
    });
    const wait = barrier(2);
    const run = () =>
      runReport(racingClient([{ method: 'POST', path: /\/issues$/, wait }]), makeContext({ expectedAuthor: BOT }), { threshold: 1, linkOptions: FAST_LINKS });

    const [a, b] = await Promise.all([run(), run()]);

    const reports = fake.getIssues(REPO).filter((i) => i.body?.startsWith(REPORT_MARKER));
    expect(reports).toHaveLength(2);
    const open = reports.filter((i) => i.state === 'open');
    expect(open).toHaveLength(1);
    const [kept] = open;
    const closed = reports.find((i) => i.state === 'closed');
    expect(kept.number).toBeLessThan(closed?.number ?? 0);
    expect(closed?.state_reason).toBe('duplicate');
    expect(fake.getComments(REPO, closed?.number ?? 0).map((c) => c.body)).toEqual([
      expect.stringMatching(new RegExp(`^Duplicate of #${kept.number}\\b`)) as string,
    ]);
    // Both runs point at the report that stays, and it lists the dead link.
    expect([a.issue?.number, b.issue?.number]).toEqual([kept.number, kept.number]);
    expect(kept.body).toContain('/gone-rlhf');

    // The next run updates the one report and creates nothing.
    const next = await runReport(racingClient([]), makeContext({ expectedAuthor: BOT }), {
      threshold: 1,
      linkOptions: FAST_LINKS,
    });
    expect(next.issue?.number).toBe(kept.number);
    expect(fake.getIssues(REPO)).toHaveLength(2);
  });
});

describe('two PR checks at once', () => {
  it('leave one sticky comment and post each suggestion once', async () => {
    const old = `- [Scaling laws, revisited](${links.origin}/scaling) | Lab Notes 2023-01-05`;
    fake.seedRepo({ repo: REPO, files: { 'README.md': list([old]) } });
    // Two fixable lines (dates written short).
    const added = [
      `- [Why RLHF works](${links.origin}/rlhf) | Alignment Weekly 2023-3-4`,
      `- [Tokenizers from scratch](${links.origin}/tokenizers) | NLP Daily 2023-3-20`,
    ];
    const pull = fake.seedPull({ repo: REPO, author: 'contributor', headBranch: 'add-posts', files: { 'README.md': list([old, ...added]) } });
    // Each run holds its sticky comment and its review until the other run is as far.
    const gates = (): Gate[] => [
      { method: 'POST', path: /\/issues\/\{?\w+\}?\/comments$/, wait: comment },
      { method: 'POST', path: /\/pulls\/\{?\w+\}?\/reviews$/, wait: review },
    ];
    const comment = barrier(2);
    const review = barrier(2);
    const run = () =>
      runPrCheck(racingClient(gates()), makeContext(), {
        pullNumber: pull.number,
        linkOptions: FAST_LINKS,
      });

    const [a, b] = await Promise.all([run(), run()]);

    const suggestions = fake.getReviewComments(REPO, pull.number).map((c) => c.body);
    expect(suggestions).toHaveLength(2);
    expect(suggestions.filter((s) => s.includes('2023-03-04'))).toHaveLength(1);
    expect(suggestions.filter((s) => s.includes('2023-03-20'))).toHaveLength(1);
    expect(a.suggestions.duplicatesRemoved + b.suggestions.duplicatesRemoved).toBe(2);
    const sticky = fake.getComments(REPO, pull.number).filter((c) => c.body?.startsWith(PR_CHECK_MARKER));
    expect(sticky).toHaveLength(1);
    expect([a.comment.commentId, b.comment.commentId]).toEqual([sticky[0].id, sticky[0].id]);
  });
});
