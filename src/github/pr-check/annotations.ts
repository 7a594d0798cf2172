/**
 * Annotations as data: the Action turns them into `core.error/warning/notice`
 * (which GitHub caps at 10 errors and 10 warnings per step), the App into
 * check-run annotations (sent 50 per request).
 */
import type { Finding } from '../../core/types.js';
import type { LinkResult } from '../../links/types.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  path: string;
  startLine: number;
  endLine: number;
  /** Only set when the annotation is on one line (GitHub ignores columns across lines). */
  startColumn?: number;
  endColumn?: number;
  level: AnnotationLevel;
  title: string;
  message: string;
}

export function findingAnnotation(finding: Finding): Annotation {
  const oneLine = finding.start.line === finding.end.line;
  return {
    path: finding.path,
    startLine: finding.start.line,
    endLine: finding.end.line,
    ...(oneLine ? { startColumn: finding.start.column, endColumn: finding.end.column } : {}),
    level: finding.severity,
    title: `listkeeper: ${finding.ruleId}`,
    message: finding.reason,
  };
}

/** One annotation per place a checked link occurs. */
export function linkAnnotations(result: LinkResult, level: AnnotationLevel, title: string): Annotation[] {
  return result.occurrences.map((o) => ({
    path: o.file,
    startLine: o.line,
    endLine: o.line,
    level,
    title,
    message: linkMessage(result, o.url),
  }));
}

/**
 * `url: reason; now at …; archived copy: …`; `showUrl` formats each URL and
 * `showText` the reason and notes, which quote what servers sent (code spans in Markdown).
 */
export function linkMessage(
  result: LinkResult,
  written: string,
  showUrl: (url: string) => string = (url) => url,
  showText: (text: string) => string = (text) => text,
): string {
  const parts = [`${showUrl(written)}: ${showText(result.reason)}`];
  if (result.finalUrl) parts.push(`now at ${showUrl(result.finalUrl)}`);
  if (result.archiveUrl) parts.push(`archived copy: ${showUrl(result.archiveUrl)}`);
  for (const note of result.notes) parts.push(showText(note));
  return parts.join('; ');
}

/** Errors first, then warnings, then notices; by file and line within each. */
export function sortAnnotations(annotations: Annotation[]): Annotation[] {
  const rank: Record<AnnotationLevel, number> = { error: 0, warning: 1, notice: 2 };
  return [...annotations].sort(
    (a, b) => rank[a.level] - rank[b.level] || a.path.localeCompare(b.path) || a.startLine - b.startLine,
  );
}
