/**
 * listkeeper's GitHub workflows, written once over an Octokit client and a
 * small context, used unchanged by the Action (src/action) and the App (src/app).
 *
 *   runPrCheck(client, ctx, { pullNumber, checkNewLinks?, linkOptions?, comment?, suggest?, analyze?, maxBytes? }) → PrCheckResult
 *     annotations (data), summary (Markdown), counts/outputs, sticky comment and review suggestions written.
 *   runReport(client, ctx, { label?, threshold?, suggestArchive?, linkOptions?, history?, collectTargets?, archiveChanges? }) → ReportResult
 *     one report issue (created / updated / closed / reopened), history in its body; offline runs write nothing.
 *   runCommand(client, ctx, { event, pushToForks?, report?, changeLists?, maxBytes?, add? }) → CommandResult
 *     `/sort`, `/fix` (PR comments) and `/check-links`; reactions, replies, one fast-forward commit or suggestions.
 *     `/add <url> [list path]` (issues and PRs): one PR per URL on `listkeeper/add-<hash>`, or a commit on a PR's branch.
 *   runAddFromIssue(client, ctx, { event, add? }) → AddFromIssueResult
 *     the `add.label` label on a "Suggest an article" issue: the same `/add` workflow, from the form's answers.
 *   runUpkeep(client, ctx) → UpkeepResult
 *     the scheduled sort + autofix fix-up PR on `listkeeper/upkeep`.
 *   upsertFixupPullRequest(client, ctx, FixupInput) → FixupResult   (any fixed-branch fix-up PR)
 *
 * `client` is what `@actions/github`'s getOctokit returns or Probot's
 * `context.octokit`; `ctx` is a WorkflowContext (owner, repo, config, files,
 * defaultBranch, logger, now, selfLogin?, expectedAuthor?, dryRun?).
 * `analyze`, `changeLists`, `collectTargets` and `archiveChanges` are where the lists are
 * parsed (pure functions over plain data; in-process by default, the App runs
 * them in a worker with a time budget and they may reject with TooComplexError).
 */
export type { GitHubClient, WorkflowContext, WorkflowLogger } from './context.js';
export { TooComplexError, type WorkerBudget } from './core-budget.js';
export type { ListChanger, ListChanges, ListChangesInput } from './commands/list-changes.js';
export type { LinkTargetCollector, LinkTargetsInput } from './report/report-targets.js';
export { silentLogger } from './context.js';
export type { Annotation, AnnotationLevel } from './pr-check/annotations.js';
export { runPrCheck, type PrCheckInput, type PrCheckResult } from './pr-check/pr-check.js';
export type { PrCounts, PrFindings, SortHint } from './pr-check/pr-report.js';
export { runReport, findReportIssue, DEFAULT_REPORT_LABEL, type ReportInput, type ReportResult, type ReportAction } from './report/report-issue.js';
export {
  runCommand,
  parseCommand,
  ignoreReason,
  type CommandInput,
  type CommandResult,
  type CommandOutcome,
  type CommandName,
  type CommentEvent,
} from './commands/commands.js';
export { runUpkeep, type UpkeepResult } from './upkeep/upkeep.js';
export { type AddSteps } from './commands/commands.js';
export { runAddFromIssue, labelIgnoreReason, type AddFromIssueResult, type IssueLabelEvent } from './commands/add/add-issue.js';
export { addBranchName, type AddOutcome, type AddResult } from './commands/add/add.js';
export { planAdditionInLists, type AddListsInput, type AddListsPlan, type AddPlanner } from './commands/add/plan-lists.js';
export { unmovableMarkdown, type UnmovableNote } from './unmovable-lists.js';
export { upsertFixupPullRequest, ARCHIVE_BRANCH, UPKEEP_BRANCH, type FixupInput, type FixupResult } from './upkeep/fixup-pr.js';
export type { StickyCommentResult } from './git/sticky-comment.js';
export type { PostSuggestionsResult } from './pr-check/review-comments.js';
export { readRepoFile, listMatchingFiles, type ReadFileResult } from './repo/repo-files.js';
export { PR_CHECK_MARKER, REPORT_MARKER, COMMAND_REPLY_MARKER, FIXUP_MARKER } from './markers.js';
export { loadRepoConfig, DEFAULT_CONFIG_PATH, type RepoConfigResult } from './repo/config-file.js';
