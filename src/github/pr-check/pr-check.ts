/**
 * The pull-request check: lint the lines a PR adds to the list files, check
 * the links it adds, compare the entries it adds with their pages
 * (`entry-metadata`), hint at `/sort`, and report as annotations, a summary,
 * one sticky comment and review suggestions. Files are read through the API
 * at the head commit as data; nothing from the PR is checked out or run.
 */
import { today } from '../../core/date.js';
import type { Finding } from '../../core/types.js';
import type { CheckLinksOptions } from '../../links/index.js';
import type { PageMetadataReader } from '../../links/metadata/types.js';
import { checkAddedLinkTargets, type AddedLinksResult } from './added-links.js';
import { checkAddedEntryPages, withMetadataSuggestions } from './entry-metadata-check.js';
import type { Annotation } from './annotations.js';
import type { GitHubClient, WorkflowContext } from '../context.js';
import { MAX_UNTRUSTED_LIST_BYTES, readListTexts } from '../repo/list-files.js';
import { PR_CHECK_MARKER } from '../markers.js';
import { untouchedListFiles } from './other-lists.js';
import { analyzePrInProcess, type PrAnalyzer } from './pr-analysis.js';
import { listChangedListFiles } from './pr-files.js';
import { blobBase } from '../markdown.js';
import { countPr, isClean, prAnnotations, renderPrMarkdown, type PrCounts, type PrFindings } from './pr-report.js';
import { postSuggestions, type PostSuggestionsResult } from './review-comments.js';
import { upsertStickyComment, type StickyCommentResult } from '../git/sticky-comment.js';

export interface PrCheckInput {
  pullNumber: number;
  /** Check the links the PR adds (the Action's `check-new-links`, default true). */
  checkNewLinks?: boolean;
  /** Link-checker options over `config.links` (GitHub token for repo links, timeouts, a test dispatcher). */
  linkOptions?: CheckLinksOptions;
  /** Write the sticky comment (default true). */
  comment?: boolean;
  /** Post review suggestions for fixable messages (default true). */
  suggest?: boolean;
  /** Where parsing and linting run (default: in-process; the App: a worker with a time budget). */
  analyze?: PrAnalyzer;
  /** Size limit of the PR's list files (default `MAX_UNTRUSTED_LIST_BYTES`). */
  maxBytes?: number;
  /** Reads the pages of added entries for `entry-metadata` (default: the page reader over `linkOptions`). */
  readPage?: PageMetadataReader;
}

export interface PrCheckResult {
  pullNumber: number;
  headSha: string;
  /** The list files the PR changes (configured globs), as checked. */
  files: string[];
  /** Lint messages on added lines, and `entry-metadata` messages on added entries (sort order is in `report.unsorted`). */
  findings: Finding[];
  report: PrFindings;
  counts: PrCounts;
  /** True when nothing is left to report. */
  clean: boolean;
  /** Every annotation, errors first; the Action shows the first 10 of each level, the App all. */
  annotations: Annotation[];
  /** Markdown for the job summary / check-run summary (the sticky comment has the same text). */
  summary: string;
  comment: StickyCommentResult;
  suggestions: PostSuggestionsResult;
  /** Action outputs. */
  outputs: { errors: string; warnings: string; 'dead-links': string };
}

function byPlace(a: Finding, b: Finding): number {
  return a.path === b.path ? a.start.offset - b.start.offset : a.path < b.path ? -1 : 1;
}

export async function runPrCheck(client: GitHubClient, ctx: WorkflowContext, input: PrCheckInput): Promise<PrCheckResult> {
  const { owner, repo } = ctx;
  const { data: pull } = await client.rest.pulls.get({ owner, repo, pull_number: input.pullNumber });
  const headSha = pull.head.sha;
  const changed = await listChangedListFiles(client, ctx, { number: pull.number, baseSha: pull.base.sha, headSha });
  const at = { owner, repo, ref: headSha };
  // A PR's files are anyone's: the smaller limit, checked before anything large is fetched.
  const maxBytes = input.maxBytes ?? MAX_UNTRUSTED_LIST_BYTES;
  const loaded = await readListTexts(client, at, changed.map((c) => c.path), maxBytes);
  const otherPaths = changed.length === 0 ? [] : await untouchedListFiles(client, ctx, headSha, changed.map((c) => c.path));
  // The untouched lists are as on the base branch (the maintainers'): the usual limit.
  const others = (await readListTexts(client, at, otherPaths)).texts;
  const added = new Map(changed.map((c) => [c.path, c.added]));
  const analysis = await (input.analyze ?? analyzePrInProcess)({
    changed: loaded.texts.map(({ path, text }) => ({ path, text })),
    others: others.map(({ path, text }) => ({ path, text })),
    added,
    // Suggestions only where GitHub shows the diff (files with a patch).
    diffPaths: changed.filter((c) => c.fromPatch).map((c) => c.path),
    config: ctx.config,
    today: today(ctx.now),
  });
  const links: AddedLinksResult =
    input.checkNewLinks === false
      ? { checked: 0, dead: [], blocked: [], notes: [], warning: null }
      : await checkAddedLinkTargets(analysis.linkTargets, ctx.config, input.linkOptions);
  // Pages are read where links are (and not on a runner that looked offline).
  const metadataFindings =
    input.checkNewLinks === false || links.warning !== null
      ? []
      : await checkAddedEntryPages({ entries: analysis.metadataEntries, config: ctx.config, dead: links.dead, linkOptions: input.linkOptions, readPage: input.readPage });
  const findings = [...analysis.findings, ...metadataFindings].sort(byPlace);
  const diffPaths = new Set(changed.filter((c) => c.fromPatch).map((c) => c.path));
  const suggestionsToPost = withMetadataSuggestions(analysis.suggestions, analysis.findings, metadataFindings, analysis.metadataEntries, diffPaths);
  const report: PrFindings = {
    pullNumber: pull.number,
    files: changed.map((c) => c.path),
    addedLines: changed.reduce((n, c) => n + c.added.size, 0),
    findings,
    dead: links.dead,
    blocked: links.blocked,
    linkNotes: links.notes,
    unsorted: analysis.unsorted,
    problems: loaded.problems,
    linkWarning: links.warning,
    blobBase: blobBase(ctx.serverUrl, owner, repo, headSha),
  };
  if (links.warning) ctx.logger.warning(links.warning);
  const clean = isClean(report);
  const summary = renderPrMarkdown(report);
  const comment =
    input.comment === false
      ? ({ action: 'skipped', commentId: null, url: null, reason: 'disabled' } as const)
      : await upsertStickyComment(client, ctx, { issueNumber: pull.number, marker: PR_CHECK_MARKER, body: summary, create: !clean });
  const suggestions =
    input.suggest === false
      ? { posted: 0, alreadyPosted: 0, notPosted: [], duplicatesRemoved: 0, skipped: 'disabled' }
      : await postSuggestions(client, ctx, { pullNumber: pull.number, commitId: headSha, suggestions: suggestionsToPost });
  const counts = countPr(report);
  return {
    pullNumber: pull.number,
    headSha,
    files: report.files,
    findings,
    report,
    counts,
    clean,
    annotations: prAnnotations(report),
    summary,
    comment,
    suggestions,
    outputs: { errors: String(counts.errors), warnings: String(counts.warnings), 'dead-links': String(counts.deadLinks) },
  };
}
