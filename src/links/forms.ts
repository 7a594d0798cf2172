/**
 * A target's written forms. The normalizer folds spellings of one resource
 * together (http/https, `www.`, trailing slash, default port, tracking
 * parameters), but a server may answer only some of them. The checker
 * requests the first form; only when it is dead does it try the others, so
 * one bad spelling is not a false alarm for every place the resource is
 * listed. A target written one way sends exactly the requests it always did.
 */
import { requestUrl } from '../core/url.js';
import type { LinkResult, LinkTarget, Verdict } from './types.js';

/** What checking one form gave. */
export interface FormCheck {
  /** A result whose `requestUrl` is the form checked. */
  result: LinkResult;
  /** Failed without reaching any server (for the offline detector). */
  networkLevel: boolean;
  /** Not checked: its host stalled (left out of the offline detector). */
  skipped?: boolean;
}

/** The distinct URLs to request for a target, its first written form first. */
export function requestForms(target: LinkTarget): string[] {
  const forms = [target.requestUrl];
  for (const occurrence of target.occurrences) {
    const form = requestUrl(occurrence.url);
    if (form !== null && !forms.includes(form)) forms.push(form);
  }
  return forms;
}

/** Check the forms in order until one is not dead; one result for the target. */
export async function checkWrittenForms(target: LinkTarget, check: (form: string) => Promise<FormCheck>): Promise<FormCheck> {
  const checks: FormCheck[] = [];
  for (const form of requestForms(target)) {
    const one = await check(form);
    checks.push(one);
    if (one.result.verdict !== 'dead') break;
  }
  return combineFormChecks(target, checks);
}

/**
 * The target's verdict from its forms' checks (in the order tried): the last
 * one's when it is not dead, with a note naming each form that failed and
 * where it is written (and what the last one did); otherwise the first
 * form's, its reason naming every form tried.
 */
export function combineFormChecks(target: LinkTarget, checks: readonly FormCheck[]): FormCheck {
  const first = checks[0];
  const last = checks[checks.length - 1];
  if (checks.length === 1) return first;
  const requests = checks.reduce((sum, c) => sum + c.result.requests, 0);
  if (last.result.verdict !== 'dead') {
    const answered = `${last.result.requestUrl} ${ANSWERED[last.result.verdict]}`;
    const failed = checks.slice(0, -1).map(({ result }) => `${result.requestUrl} at ${placesOf(target, result.requestUrl)} fails (${result.reason}); ${answered}`);
    return { result: { ...last.result, requests, notes: [...failed, ...last.result.notes] }, networkLevel: last.networkLevel, skipped: last.skipped };
  }
  const reason = [first.result.reason, ...checks.slice(1).map(({ result }) => `also tried ${result.requestUrl}: ${result.reason}`)].join('; ');
  return { result: { ...first.result, reason, requests }, networkLevel: checks.every((c) => c.networkLevel) };
}

/** What the form that was not dead did: only an alive one "works" (a blocked or unknown one keeps its verdict). */
const ANSWERED: Record<Exclude<Verdict, 'dead'>, string> = {
  alive: 'works',
  blocked: 'refuses automated checks',
  unknown: 'could not be checked',
};

/** `README.md:5, README.md:9`: where a form is written. */
function placesOf(target: LinkTarget, form: string): string {
  return target.occurrences
    .filter((o) => requestUrl(o.url) === form)
    .map((o) => `${o.file}:${o.line}`)
    .join(', ');
}
