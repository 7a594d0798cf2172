/**
 * Turning a workflow's results into what a runner shows: annotations (the runner
 * displays at most 10 errors, 10 warnings and 10 notices per step, so the rest go to
 * the job summary), the job summary, the step outputs, and the exit status per `fail-on`.
 */
import type { Annotation, AnnotationLevel } from '../github/pr-check/annotations.js';
import { sortAnnotations } from '../github/pr-check/annotations.js';
import { messageMarkdown, placeLink, table } from '../github/markdown.js';
import type { FailOn } from './inputs.js';

export const ANNOTATIONS_PER_LEVEL = 10;

/** Where annotations go: `core.error/warning/notice` in the Action, an array in tests. */
export type AnnotationSink = (annotation: Annotation) => void;

/** Emits at most `perLevel` annotations of each level (errors first) and returns the ones left over. */
export function emitAnnotations(annotations: readonly Annotation[], sink: AnnotationSink, perLevel = ANNOTATIONS_PER_LEVEL): Annotation[] {
  const shown: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  const overflow: Annotation[] = [];
  for (const a of sortAnnotations([...annotations])) {
    if (shown[a.level] < perLevel) {
      shown[a.level]++;
      sink(a);
    } else {
      overflow.push(a);
    }
  }
  return overflow;
}

/**
 * The job-summary section listing the messages that did not fit as annotations;
 * each place links to its line in the commit `blobBase` names, when known.
 */
export function overflowSection(overflow: readonly Annotation[], blobBase?: string): string {
  if (overflow.length === 0) return '';
  const rows = overflow.map((a) => [a.level, placeLink(a.path, a.startLine, blobBase), a.title, messageMarkdown(a.message)]);
  return [
    `### ${overflow.length} more ${overflow.length === 1 ? 'message' : 'messages'}`,
    '',
    `The runner shows at most ${ANNOTATIONS_PER_LEVEL} annotations of each level per step; these are the rest.`,
    '',
    table(['level', 'where', 'rule', 'message'], rows),
  ].join('\n');
}

export interface Counts {
  errors: number;
  warnings: number;
}

/** The failure message for `fail-on`, or null when the step passes. */
export function failureFor(failOn: FailOn, counts: Counts): string | null {
  if (failOn === 'never') return null;
  const what = `${counts.errors} ${counts.errors === 1 ? 'error' : 'errors'}, ${counts.warnings} ${counts.warnings === 1 ? 'warning' : 'warnings'}`;
  if (counts.errors > 0) return `listkeeper found ${what}`;
  if (failOn === 'warning' && counts.warnings > 0) return `listkeeper found ${what} (fail-on: warning)`;
  return null;
}
