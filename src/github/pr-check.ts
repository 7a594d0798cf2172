/**
 * The pull-request check: lint the lines a PR adds to the list files, check
 * the links it adds, hint at `/sort`, and report as annotations, a summary,
 * one sticky comment and review suggestions. Files are read through the API
 * at the head commit as data; nothing from the PR is checked out or run.
 */
import { filterFindingsToLines } from '../core/changed-lines.js';
import { today } from '../core/date.js';
import { lintDocuments } from '../core/lint.js';
import type { Finding } from '../core/types.js';
import type { CheckLinksOptions } from '../links/index.js';
import { checkAddedLinks, type AddedLinksResult } from './added-links.js';
import type { Annotation } from './annotations.js';
import type { GitHubClient, WorkflowContext } from './context.js';
import { loadLists } from './list-files.js';
import { PR_CHECK_MARKER } from './markers.js';
import { untouchedListFiles } from './other-lists.js';
import { listChangedListFiles } from './pr-files.js';
import { countPr, isClean, prAnnotations, renderPrMarkdown, type PrCounts, type PrFindings } from './pr-report.js';
import { postSuggestions, type PostSuggestionsResult } from './review-comments.js';
import { sortHints } from './sort-hints.js';
import { upsertStickyComment, type StickyCommentResult } from './sticky-comment.js';
import { suggestionsFromFindings, type Suggestion } from './suggestions.js';

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
}

export interface PrCheckResult {
  pullNumber: number;
  headSha: string;
  /** The list files the PR changes (configured globs), as checked. */
  files: string[];
  /** Lint messages on added lines (sort order is in `report.unsorted`). */
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

export async function runPrCheck(client: GitHubClient, ctx: WorkflowContext, input: PrCheckInput): Promise<PrCheckResult> {
  const { owner, repo } = ctx;
  const { data: pull } = await client.rest.pulls.get({ owner, repo, pull_number: input.pullNumber });
  const headSha = pull.head.sha;
  const changed = await listChangedListFiles(client, ctx, { number: pull.number, baseSha: pull.base.sha, headSha });
  const at = { owner, repo, ref: headSha };
  const loaded = await loadLists(client, at, changed.map((c) => c.path));
  const docs = loaded.lists.map((l) => l.doc);
  const otherPaths = changed.length === 0 ? [] : await untouchedListFiles(client, ctx, headSha, docs.map((d) => d.path));
  const others = (await loadLists(client, at, otherPaths)).lists;
  const added = new Map(changed.map((c) => [c.path, c.added as ReadonlySet<number>]));
  // Duplicates are judged against whole files, the untouched lists too; only messages on added lines are kept.
  const linted = lintDocuments([...docs, ...others.map((l) => l.doc)], ctx.config, {
    today: today(ctx.now),
    changedLines: (path) => added.get(path),
  });
  const findings = filterFindingsToLines(
    linted.filter((f) => f.ruleId !== 'sort-order'),
    (path) => added.get(path) ?? new Set<number>(),
  );
  const links: AddedLinksResult =
    input.checkNewLinks === false
      ? { checked: 0, dead: [], blocked: [], notes: [], warning: null }
      : await checkAddedLinks(docs, added, ctx.config, input.linkOptions);
  const report: PrFindings = {
    pullNumber: pull.number,
    files: changed.map((c) => c.path),
    addedLines: changed.reduce((n, c) => n + c.added.size, 0),
    findings,
    dead: links.dead,
    blocked: links.blocked,
    linkNotes: links.notes,
    unsorted: sortHints(docs, added, ctx.config),
    problems: loaded.problems,
    linkWarning: links.warning,
  };
  if (links.warning) ctx.logger.warning(links.warning);
  const clean = isClean(report);
  const summary = renderPrMarkdown(report);
  const comment =
    input.comment === false
      ? ({ action: 'skipped', commentId: null, url: null, reason: 'disabled' } as const)
      : await upsertStickyComment(client, ctx, { issueNumber: pull.number, marker: PR_CHECK_MARKER, body: summary, create: !clean });
  // Suggestions only where GitHub shows the diff (files with a patch).
  const diffFiles = new Set(changed.filter((c) => c.fromPatch).map((c) => c.path));
  const suggestionList: Suggestion[] = docs
    .filter((doc) => diffFiles.has(doc.path))
    .flatMap((doc) => suggestionsFromFindings(doc, findings, added.get(doc.path) ?? new Set()));
  const suggestions =
    input.suggest === false
      ? { posted: 0, alreadyPosted: 0, notPosted: [], duplicatesRemoved: 0, skipped: 'disabled' }
      : await postSuggestions(client, ctx, { pullNumber: pull.number, commitId: headSha, suggestions: suggestionList });
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
