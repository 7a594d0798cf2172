/**
 * Feedback while links are checked. Two shapes, chosen by the stream the lines go to:
 * - a terminal: one line redrawn in place (`\r` … `\x1b[K`), fitted to its width;
 * - anything else (a file, a pipe, an Actions or App log): plain lines, at most one
 *   per ~10 s or per 10 % of the links, no control codes. A run that ends within a
 *   couple of seconds writes nothing, so quick runs keep a clean log.
 * Pure except for the `write`/`now` it is given.
 */
import type { LinkProgress } from './types.js';

/** Where progress goes: a terminal of `columns` width, or a plain log. */
export type ProgressTarget =
  | { kind: 'terminal'; columns: number; write: (text: string) => void }
  | {
      kind: 'log';
      /** One line, without its newline. */
      writeLine: (line: string) => void;
      /** Called before the first line (the Action opens a log group here). */
      open?: () => void;
      /** Called after the last line, when something was written. */
      close?: () => void;
    };

export interface ProgressTiming {
  /** Milliseconds clock (Date.now). */
  now: () => number;
  /** A log line at least this often while links are checked (10 s). */
  intervalMs: number;
  /** No log line sooner than this after the start or the previous line (2 s), even at a 10 % step. */
  minGapMs: number;
  /** Terminal redraws at most this often (100 ms). */
  redrawMs: number;
}

export const PROGRESS_TIMING: ProgressTiming = { now: Date.now, intervalMs: 10_000, minGapMs: 2_000, redrawMs: 100 };

export interface ProgressWriter {
  update: (progress: LinkProgress) => void;
  /** Ends the feedback: clears the terminal line, or writes the final count to a log that had lines. Idempotent. */
  finish: () => void;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** "checked 800/2,000 links, 12 dead so far" (no "so far" once all are checked). */
export function progressLogLine(p: Pick<LinkProgress, 'done' | 'total' | 'dead'>): string {
  const links = p.total === 1 ? 'link' : 'links';
  const soFar = p.done < p.total ? ' so far' : '';
  return `checked ${count(p.done)}/${count(p.total)} ${links}, ${count(p.dead)} dead${soFar}`;
}

const BAR_WIDTH = 24;

/**
 * The terminal line (with `\r` before and `\x1b[K` after) whose visible text fits in
 * `columns - 1` characters, so the terminal never wraps it: the host is cut (then left out) first,
 * then the bar shrinks, then goes.
 */
export function progressBarLine(p: LinkProgress, columns: number): string {
  const room = Math.max(columns - 1, 0);
  const counts = `${count(p.done)}/${count(p.total)} dead ${count(p.dead)}`;
  const barWidth = Math.min(BAR_WIDTH, room - counts.length - 3);
  let text = counts;
  if (barWidth >= 5) {
    const filled = p.total === 0 ? barWidth : Math.round((p.done / p.total) * barWidth);
    text = `[${'#'.repeat(filled)}${' '.repeat(barWidth - filled)}] ${counts}`;
  }
  const hostRoom = room - text.length - 2;
  if (hostRoom >= 8) text += `  ${p.host.length > hostRoom ? `${p.host.slice(0, hostRoom - 1)}…` : p.host}`;
  return `\r${text.slice(0, room)}\x1b[K`;
}

export function progressWriter(target: ProgressTarget, timing: ProgressTiming = PROGRESS_TIMING): ProgressWriter {
  return target.kind === 'terminal' ? terminalWriter(target, timing) : logWriter(target, timing);
}

function terminalWriter(target: Extract<ProgressTarget, { kind: 'terminal' }>, timing: ProgressTiming): ProgressWriter {
  let last = -Infinity;
  let drawn = false;
  return {
    update(p) {
      const now = timing.now();
      if (now - last < timing.redrawMs && p.done < p.total) return;
      last = now;
      drawn = true;
      target.write(progressBarLine(p, target.columns));
    },
    finish() {
      if (drawn) target.write('\r\x1b[K');
      drawn = false;
    },
  };
}

function logWriter(target: Extract<ProgressTarget, { kind: 'log' }>, timing: ProgressTiming): ProgressWriter {
  let lastLine = timing.now();
  let lastStep = 0;
  let written = false;
  let latest: LinkProgress | null = null;
  const write = (p: LinkProgress): void => {
    if (!written) target.open?.();
    written = true;
    target.writeLine(progressLogLine(p));
  };
  const finish = (): void => {
    // The final count only completes a log that showed progress; a quick run stays silent.
    if (written && latest) write(latest);
    if (written) target.close?.();
    // Ready for another check through the same writer (a workflow may run more than one).
    written = false;
    latest = null;
    lastStep = 0;
    lastLine = timing.now();
  };
  return {
    update(p) {
      latest = p;
      if (p.done >= p.total) return finish();
      const now = timing.now();
      const step = p.total === 0 ? 10 : Math.floor((p.done / p.total) * 10);
      const sinceLast = now - lastLine;
      const due = sinceLast >= timing.intervalMs || (step > lastStep && sinceLast >= timing.minGapMs);
      if (step > lastStep) lastStep = step;
      if (!due) return;
      lastLine = now;
      write(p);
    },
    finish,
  };
}
