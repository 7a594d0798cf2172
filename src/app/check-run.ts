/**
 * The `listkeeper` check run on a pull request's head commit: created "in
 * progress" when the work starts, then completed with a conclusion, a summary
 * and line annotations. The Checks API takes at most 50 annotations per
 * request and appends each batch to the ones already sent, so the batches go
 * out as updates and the last one carries the conclusion.
 */
import type { Annotation } from '../github/pr-check/annotations.js';
import type { GitHubClient } from '../github/context.js';

export const CHECK_NAME = 'listkeeper';
/** The Checks API's limit of annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** The Checks API's limit for `output.summary` and `output.text`. */
const OUTPUT_TEXT_LIMIT = 65_535;

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  /** Only when the annotation is on one line (the API refuses columns otherwise). */
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

export type CheckConclusion = 'success' | 'failure' | 'neutral';

export interface CheckOutcome {
  conclusion: CheckConclusion;
  title: string;
  /** Markdown; cut to the API's limit with a note. */
  summary: string;
  annotations: Annotation[];
}

export interface CheckRunRef {
  owner: string;
  repo: string;
  checkRunId: number;
}

export async function startCheckRun(
  client: GitHubClient,
  at: { owner: string; repo: string; headSha: string },
): Promise<CheckRunRef> {
  const { data } = await client.rest.checks.create({
    owner: at.owner,
    repo: at.repo,
    name: CHECK_NAME,
    head_sha: at.headSha,
    status: 'in_progress',
    started_at: new Date().toISOString(),
  });
  return { owner: at.owner, repo: at.repo, checkRunId: data.id };
}

/** Sends the annotations in batches of 50 and completes the run with the last batch. */
export async function completeCheckRun(client: GitHubClient, run: CheckRunRef, outcome: CheckOutcome): Promise<void> {
  const batches = batchesOf(outcome.annotations.map(toCheckAnnotation), ANNOTATIONS_PER_REQUEST);
  const summary = limitText(outcome.summary);
  for (const [index, annotations] of batches.entries()) {
    const last = index === batches.length - 1;
    await client.rest.checks.update({
      owner: run.owner,
      repo: run.repo,
      check_run_id: run.checkRunId,
      ...(last ? { status: 'completed' as const, conclusion: outcome.conclusion, completed_at: new Date().toISOString() } : {}),
      output: { title: outcome.title, summary, ...(annotations.length > 0 ? { annotations } : {}) },
    });
  }
}

/** At least one (possibly empty) batch, so the run is always completed. */
export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  if (items.length === 0) return [[]];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const LEVELS: Record<Annotation['level'], CheckAnnotation['annotation_level']> = {
  error: 'failure',
  warning: 'warning',
  notice: 'notice',
};

/** The shared annotation in the Checks API's shape: lines at least 1, columns only on one line. */
export function toCheckAnnotation(a: Annotation): CheckAnnotation {
  const start = Math.max(1, a.startLine);
  const end = Math.max(start, a.endLine);
  const columns =
    start === end && a.startColumn !== undefined
      ? { start_column: a.startColumn, end_column: Math.max(a.startColumn, a.endColumn ?? a.startColumn) }
      : {};
  return {
    path: a.path,
    start_line: start,
    end_line: end,
    ...columns,
    annotation_level: LEVELS[a.level],
    message: a.message,
    title: a.title.slice(0, 255),
  };
}

function limitText(text: string): string {
  if (text.length <= OUTPUT_TEXT_LIMIT) return text;
  const note = '\n\n_(cut to the 65,535 characters a check run can hold)_';
  return text.slice(0, OUTPUT_TEXT_LIMIT - note.length) + note;
}
