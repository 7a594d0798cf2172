/** Reading Octokit's RequestError without depending on its class (two copies may be bundled). */

/** The HTTP status of an Octokit request error, or null for anything else. */
export function httpStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('status' in error)) return null;
  const status = (error as { status: unknown }).status;
  return typeof status === 'number' ? status : null;
}

/** 403 (and 404, which GitHub answers for hidden resources): the token may not do this. */
export function isPermissionError(error: unknown): boolean {
  const status = httpStatus(error);
  return status === 403 || status === 404;
}

/** A short, token-free description of an error for a log line or a reply. */
export function describeError(error: unknown): string {
  const status = httpStatus(error);
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0].slice(0, 300);
  return status === null ? firstLine : `HTTP ${status}: ${firstLine}`;
}
