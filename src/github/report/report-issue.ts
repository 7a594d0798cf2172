/**
 * The scheduled dead-link report: check every link of the list files on the
 * default branch and keep ONE report issue (found by label and a hidden
 * marker, opened by the login its token acts as) in step with it — created when the first link is reported dead,
 * updated in place, closed when all is alive, reopened when links die again
 * (a report a person closed: only for links that died since). Runs that race
 * each other converge on the oldest open report and close the others with a
 * link. The failure history lives in the issue body, so runners stay stateless.
 */
import type { LinkCheckRun, LinkHistory, LinkResult, CheckLinksOptions } from '../../links/index.js';
import {
  applyHistory,
  checkLinks,
  emptyHistory,
  findSameArticles,
  linkOptionsFromConfig,
  pruneHistory,
  renderMarkdownReport,
  reportableResults,
} from '../../links/index.js';
import { type Annotation, linkAnnotations } from '../pr-check/annotations.js';
import { type ArchiveChanger, updateArchivePullRequest } from '../upkeep/archive-fixup.js';
import type { GitHubClient, WorkflowContext } from '../context.js';
import type { FixupResult } from '../upkeep/fixup-pr.js';
import { readDefaultBranchListTexts } from '../repo/list-files.js';
import { collectListLinkTargetsInProcess, type LinkTargetCollector } from './report-targets.js';
import { hasMarker, REPORT_MARKER } from '../markers.js';
import { blobBase, plural } from '../markdown.js';
import { readStoredHistory, storeHistory, type StoredHistory } from './history-store.js';
import { reportAuthorVerdict, type IssueAuthorship } from './report-author.js';
import { readHistory, renderReportBody } from './report-body.js';
import { ownLogin } from '../git/sticky-comment.js';

export const DEFAULT_REPORT_LABEL = 'dead links';

export interface ReportInput {
  /** Label of the report issue (the Action's `report-label`). */
  label?: string;
  /** Runs in a row a link must fail before it is reported (default `config.links.threshold`). */
  threshold?: number;
  /** Look up archive snapshots and keep the archive fix-up PR up to date. */
  suggestArchive?: boolean;
  /** Link-checker options over `config.links` (GitHub token, a workspace cache, test settings). */
  linkOptions?: CheckLinksOptions;
  /** History kept elsewhere (the workspace cache), used only when no report issue holds one yet. */
  history?: LinkHistory | null;
  /**
   * Where the lists are parsed and their links collected (default: in-process;
   * the App: a worker with a time budget, whose `TooComplexError` runReport rethrows).
   */
  collectTargets?: LinkTargetCollector;
  /** Where the archive fix-up parses and edits the lists (default: in-process; see archive-fixup.ts). */
  archiveChanges?: ArchiveChanger;
}

export interface ReportIssue extends IssueAuthorship {
  number: number;
  state: string;
  body?: string | null;
  html_url: string;
  title: string;
}

export type ReportAction = 'created' | 'updated' | 'unchanged' | 'closed' | 'reopened' | 'none' | 'skipped';

export interface ReportResult {
  action: ReportAction;
  issue: { number: number; url: string } | null;
  /** The judged run (failedRuns, reportable filled in); null when nothing was checked. */
  run: LinkCheckRun | null;
  /** Links reported dead (failed in `threshold` runs in a row). */
  dead: LinkResult[];
  /** The history after this run (also stored in the issue); the adapter may cache it. */
  history: LinkHistory;
  /** True when the runner looked offline: nothing was written. */
  offline: boolean;
  files: string[];
  problems: string[];
  /** Markdown for the job summary. */
  summary: string;
  /** A warning per place a reported dead link occurs. */
  annotations: Annotation[];
  /** `…/blob/<sha>/` of the checked commit, where the annotations' lines link to; null when nothing was read. */
  blobBase: string | null;
  fixup: FixupResult | null;
  outputs: { 'dead-links': string; 'report-issue': string; 'pull-request': string };
}

export async function runReport(client: GitHubClient, ctx: WorkflowContext, input: ReportInput = {}): Promise<ReportResult> {
  const label = input.label ?? DEFAULT_REPORT_LABEL;
  const threshold = input.threshold ?? ctx.config.links.threshold;
  const { baseSha, paths, read } = await readDefaultBranchListTexts(client, ctx);
  const problems = [...read.problems];
  if (paths.length === 0) problems.push(`no file on ${ctx.defaultBranch} matches ${ctx.files.join(', ')}`);
  for (const p of problems) ctx.logger.error(p);
  const lists = read.texts.map(({ path, text }) => ({ path, text }));

  if (lists.length === 0) {
    // No list could be read: that says nothing about the links, so the report issue stays as it is.
    return { ...skippedReport(input, paths, problems), summary: `### listkeeper: link report skipped\n\n${problems.map((p) => `- ${p}`).join('\n')}\n` };
  }
  if (ownLogin(ctx) === null && !ctx.dryRun) {
    // Without the token's own login no issue can be told to be ours: a new one each run would pile up.
    const message = 'listkeeper could not tell which login its token acts as, so it cannot find its report issue: the report is skipped this run.';
    ctx.logger.warning(message);
    return { ...skippedReport(input, paths, problems), summary: `### listkeeper: link report skipped\n\n${message}\n` };
  }
  // Parsed before the report issue is touched: a list too complex to parse (the App's budget) changes nothing.
  const targets = await (input.collectTargets ?? collectListLinkTargetsInProcess)({
    lists,
    exclude: ctx.config.links.exclude,
    excludeHosts: ctx.config.links.excludeHosts,
  });
  const found = pickReport(await listReportIssues(client, ctx, label));
  const issue = found.issue;
  // Left over from runs that raced (or an older listkeeper): keep exactly one open report.
  if (!ctx.dryRun) await closeDuplicates(client, ctx, found.duplicates, issue);
  const inIssue = readHistory(issue?.body);
  // Before a report issue exists, the first failures wait under a hidden ref.
  const stored: StoredHistory = inIssue === null ? await readStoredHistory(client, ctx) : { history: null, sha: null };
  const previous = inIssue ?? stored.history ?? input.history ?? emptyHistory();
  const raw = await checkLinks(targets, {
    ...linkOptionsFromConfig(ctx.config.links),
    suggestArchive: input.suggestArchive ?? false,
    now: () => ctx.now,
    ...input.linkOptions,
  });
  const base = {
    files: paths,
    problems,
    fixup: null,
    blobBase: blobBase(ctx.serverUrl, ctx.owner, ctx.repo, baseSha),
    issue: issue ? { number: issue.number, url: issue.html_url } : null,
  };
  if (raw.offline) {
    // A flaky or offline runner says nothing about the links: write nothing.
    const message = 'Most hosts could not be reached: the runner looks offline, so the report issue is left as it is.';
    ctx.logger.warning(message);
    return {
      ...base,
      action: 'skipped',
      run: raw,
      dead: [],
      history: previous,
      offline: true,
      summary: `### listkeeper: link report skipped\n\n${message}\n`,
      annotations: [],
      outputs: outputs(0, issue?.number ?? null, null),
    };
  }
  const judged = applyHistory(raw, previous, { threshold });
  const history = pruneHistory(judged.history, targets.map((t) => t.url));
  const dead = reportableResults(judged.run);
  // Lines link to the commit that was checked: they stay right after the list changes.
  // The same article under two addresses, by what the URLs and permanent redirects say (no page is read here).
  const report = renderMarkdownReport(judged.run, { title: 'Dead links', blobBase: base.blobBase, sameArticle: findSameArticles(judged.run.results) });
  const body = renderReportBody(report, history, footer(ctx, threshold));
  // A link is new when it was not reportable in the history the last run left: a report a person
  // closed is reopened only for those, never for links they already saw and chose to leave.
  const newlyDead = dead.filter((r) => (previous.urls[r.url]?.failedRuns ?? 0) < threshold).length;
  const { action, issue: written } = await writeReportIssue(client, ctx, { issue, label, body, dead: dead.length, newlyDead });
  // The issue holds the history from now on; without one, the hidden ref keeps it.
  if (action !== 'skipped') await storeHistory(client, ctx, written === null ? history : null, stored);
  const fixup = input.suggestArchive
    ? await updateArchivePullRequest(client, ctx, { lists, baseSha, dead, ...(input.archiveChanges ? { computeChanges: input.archiveChanges } : {}) })
    : null;
  ctx.logger.info(`link report: ${plural(dead.length, 'dead link')} reported; issue ${action}`);
  return {
    ...base,
    action,
    issue: written,
    run: judged.run,
    dead,
    history,
    offline: false,
    fixup,
    summary: `${issueLine(action, written)}${report}`,
    annotations: dead.flatMap((r) => linkAnnotations(r, 'warning', 'listkeeper: dead link')),
    outputs: outputs(dead.length, written?.number ?? null, fixup?.pullRequest?.number ?? null),
  };
}

/** The job summary's first line: where the report lives, so a scheduled run's page leads to it. */
function issueLine(action: ReportAction, issue: { number: number; url: string } | null): string {
  if (issue === null) return '';
  const what: Record<ReportAction, string> = {
    created: 'opened',
    updated: 'updated',
    unchanged: 'unchanged',
    closed: 'closed: every link is alive again',
    reopened: 'reopened',
    none: 'unchanged',
    skipped: 'left as it is',
  };
  return `Report issue: [#${issue.number}](${issue.url}) (${what[action]})\n\n`;
}

function outputs(dead: number, issue: number | null, pr: number | null): ReportResult['outputs'] {
  return { 'dead-links': String(dead), 'report-issue': issue === null ? '' : String(issue), 'pull-request': pr === null ? '' : String(pr) };
}

/** A run that checked nothing and left the report issue as it is. */
function skippedReport(input: ReportInput, files: string[], problems: string[]): Omit<ReportResult, 'summary'> {
  return {
    action: 'skipped',
    issue: null,
    run: null,
    dead: [],
    history: input.history ?? emptyHistory(),
    offline: false,
    files,
    problems,
    annotations: [],
    fixup: null,
    blobBase: null,
    outputs: outputs(0, null, null),
  };
}

function footer(ctx: WorkflowContext, threshold: number): string {
  return [
    `<sub>Checked by listkeeper. A link is reported after failing in ${plural(threshold, 'scheduled run')} in a row;`,
    'links that refuse automated checks are listed as blocked, never as dead. This issue is edited in place and closes',
    'itself when every link is alive again.</sub>',
  ].join('\n');
}

/**
 * The report issue: the oldest open one, else the most recent closed one;
 * never a pull request, and only one opened by the login the token acts as
 * (report-author.ts). An issue that merely looks like the report is left
 * alone, unread and unedited.
 */
export async function findReportIssue(client: GitHubClient, ctx: WorkflowContext, label: string): Promise<ReportIssue | null> {
  return pickReport(await listReportIssues(client, ctx, label)).issue;
}

/** Every trusted report issue with the label and the marker, open or closed. */
async function listReportIssues(client: GitHubClient, ctx: WorkflowContext, label: string): Promise<ReportIssue[]> {
  const issues: Array<ReportIssue & { pull_request?: unknown }> = await client.paginate(client.rest.issues.listForRepo, {
    owner: ctx.owner,
    repo: ctx.repo,
    labels: label,
    state: 'all',
    per_page: 100,
  });
  const marked = issues.filter((i) => !i.pull_request && hasMarker(i.body, REPORT_MARKER));
  return marked.filter((i) => {
    const verdict = reportAuthorVerdict(i, ownLogin(ctx));
    if (!verdict.ok) {
      ctx.logger.warning(
        `#${i.number} looks like the dead-link report (label "${label}" and the hidden marker) but ${verdict.reason}: ` +
          'listkeeper neither reads its history nor edits it; remove the label if it is not meant to be the report',
      );
    }
    return verdict.ok;
  });
}

/**
 * The oldest open report is the one: every run that races picks the same,
 * and it holds the longest history. Other open reports are duplicates.
 */
export function pickReport(reports: readonly ReportIssue[]): { issue: ReportIssue | null; duplicates: ReportIssue[] } {
  const open = reports.filter((i) => i.state === 'open').sort((a, b) => a.number - b.number);
  if (open.length > 0) return { issue: open[0], duplicates: open.slice(1) };
  const closed = [...reports].sort((a, b) => b.number - a.number);
  return { issue: closed[0] ?? null, duplicates: [] };
}

/** Close each duplicate with a link to the report that is kept. */
async function closeDuplicates(
  client: GitHubClient,
  ctx: WorkflowContext,
  duplicates: ReadonlyArray<{ number: number }>,
  kept: { number: number } | null,
): Promise<void> {
  if (kept === null) return;
  for (const duplicate of duplicates) {
    const { owner, repo } = ctx;
    await client.rest.issues.createComment({
      owner,
      repo,
      issue_number: duplicate.number,
      body: `Duplicate of #${kept.number}: listkeeper keeps one dead-link report, the oldest open one, and closes this copy (two runs created a report at the same time).`,
    });
    await client.rest.issues.update({ owner, repo, issue_number: duplicate.number, state: 'closed', state_reason: 'duplicate' });
    ctx.logger.info(`closed #${duplicate.number}: a duplicate of the report issue #${kept.number}`);
  }
}

function title(dead: number): string {
  return dead === 0 ? 'listkeeper: all links are alive' : `listkeeper: ${plural(dead, 'dead link')}`;
}

async function writeReportIssue(
  client: GitHubClient,
  ctx: WorkflowContext,
  input: { issue: ReportIssue | null; label: string; body: string; dead: number; newlyDead: number },
): Promise<{ action: ReportAction; issue: { number: number; url: string } | null }> {
  const { owner, repo } = ctx;
  const { issue, body, dead } = input;
  const ref = issue ? { number: issue.number, url: issue.html_url } : null;
  if (ctx.dryRun) {
    ctx.logger.info('dry run: the report issue is not written');
    return { action: 'skipped', issue: ref };
  }
  if (dead > 0) {
    if (!issue) return createReportIssue(client, ctx, input);
    // Closed by listkeeper (all alive) or by a person: reopen only for links that died since.
    if (issue.state !== 'open' && input.newlyDead === 0) {
      if (issue.body === body && issue.title === title(dead)) return { action: 'unchanged', issue: ref };
      await client.rest.issues.update({ owner, repo, issue_number: issue.number, title: title(dead), body });
      ctx.logger.info(`#${issue.number} was closed while these links were already dead; it stays closed`);
      return { action: 'updated', issue: ref };
    }
    const reopen = issue.state !== 'open';
    if (!reopen && issue.body === body && issue.title === title(dead)) return { action: 'unchanged', issue: ref };
    await client.rest.issues.update({
      owner,
      repo,
      issue_number: issue.number,
      title: title(dead),
      body,
      ...(reopen ? { state: 'open' as const } : {}),
    });
    if (reopen) {
      await client.rest.issues.createComment({
        owner,
        repo,
        issue_number: issue.number,
        body: `Links died since this report was closed: ${plural(input.newlyDead, 'new dead link')} (${plural(dead, 'dead link')} in all) ${dead === 1 ? 'is' : 'are'} listed above, so listkeeper reopens this report.`,
      });
    }
    return { action: reopen ? 'reopened' : 'updated', issue: ref };
  }
  if (!issue) return { action: 'none', issue: null };
  if (issue.state === 'open') {
    await client.rest.issues.createComment({
      owner,
      repo,
      issue_number: issue.number,
      body: 'Every link is alive again, so listkeeper closes this report. It reopens it if links die again.',
    });
    await client.rest.issues.update({
      owner,
      repo,
      issue_number: issue.number,
      title: title(0),
      body,
      state: 'closed',
      state_reason: 'completed',
    });
    return { action: 'closed', issue: ref };
  }
  // Closed and still clean: keep the history (links failing below the threshold) current, quietly.
  if (issue.body === body) return { action: 'unchanged', issue: ref };
  await client.rest.issues.update({ owner, repo, issue_number: issue.number, body });
  return { action: 'updated', issue: ref };
}

/**
 * Create the report, then look again: a run that raced this one may have
 * created its own. The oldest open report is kept; a newer one this run
 * created is closed with a link to it, and the kept one gets this run's body.
 */
async function createReportIssue(
  client: GitHubClient,
  ctx: WorkflowContext,
  input: { label: string; body: string; dead: number; newlyDead: number },
): Promise<{ action: ReportAction; issue: { number: number; url: string } | null }> {
  const { owner, repo } = ctx;
  const { data } = await client.rest.issues.create({ owner, repo, title: title(input.dead), body: input.body, labels: [input.label] });
  const created = { number: data.number, url: data.html_url };
  const { issue: kept } = pickReport(await listReportIssues(client, ctx, input.label));
  if (kept === null || kept.number >= data.number) return { action: 'created', issue: created };
  await closeDuplicates(client, ctx, [created], kept);
  return writeReportIssue(client, ctx, { ...input, issue: kept });
}
