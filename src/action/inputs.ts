/**
 * The Action's inputs (kebab-case, as in action.yml), read through a getter so the
 * parsing is pure and testable. A bad value is one clear line naming the input.
 */
import { DEFAULT_CONFIG_PATH } from '../github/repo/config-file.js';
import { DEFAULT_REPORT_LABEL } from '../github/report/report-issue.js';

export type Mode = 'auto' | 'lint' | 'links' | 'report' | 'fix';
export type FailOn = 'error' | 'warning' | 'never';

export interface ActionInputs {
  mode: Mode;
  token: string;
  /** Globs of list files; empty: the config's `files`. */
  files: string[];
  configPath: string;
  failOn: FailOn;
  checkNewLinks: boolean;
  reportLabel: string;
  /** Failed runs before a link is reported dead; null: the config's `links.threshold`. */
  threshold: number | null;
  suggestArchive: boolean;
  dryRun: boolean;
  /** Let the link checker reach loopback, private and link-local addresses (off: a self-hosted runner sits inside a network). */
  allowPrivateLinks: boolean;
}

export type InputsResult = { ok: true; inputs: ActionInputs } | { ok: false; error: string };

/** Returns the trimmed input value, '' when unset (like `core.getInput`). */
export type InputGetter = (name: string) => string;

const MODES: readonly Mode[] = ['auto', 'lint', 'links', 'report', 'fix'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];


function oneOf<T extends string>(name: string, value: string, allowed: readonly T[], fallback: T): { ok: true; value: T } | { ok: false; error: string } {
  if (value === '') return { ok: true, value: fallback };
  if ((allowed as readonly string[]).includes(value)) return { ok: true, value: value as T };
  return { ok: false, error: `input ${name}: expected one of ${allowed.join(', ')}, got "${value}"` };
}

function bool(name: string, value: string, fallback: boolean): { ok: true; value: boolean } | { ok: false; error: string } {
  if (value === '') return { ok: true, value: fallback };
  // The YAML 1.2 core schema booleans, as @actions/core's getBooleanInput accepts them.
  if (['true', 'True', 'TRUE'].includes(value)) return { ok: true, value: true };
  if (['false', 'False', 'FALSE'].includes(value)) return { ok: true, value: false };
  return { ok: false, error: `input ${name}: expected true or false, got "${value}"` };
}

/** Globs separated by newlines or commas. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function readInputs(get: InputGetter): InputsResult {
  const mode = oneOf('mode', get('mode'), MODES, 'auto');
  if (!mode.ok) return mode;
  const failOn = oneOf('fail-on', get('fail-on'), FAIL_ON, 'error');
  if (!failOn.ok) return failOn;
  const checkNewLinks = bool('check-new-links', get('check-new-links'), true);
  if (!checkNewLinks.ok) return checkNewLinks;
  const suggestArchive = bool('suggest-archive', get('suggest-archive'), false);
  if (!suggestArchive.ok) return suggestArchive;
  const dryRun = bool('dry-run', get('dry-run'), false);
  if (!dryRun.ok) return dryRun;
  const allowPrivateLinks = bool('allow-private-links', get('allow-private-links'), false);
  if (!allowPrivateLinks.ok) return allowPrivateLinks;
  const rawThreshold = get('threshold');
  let threshold: number | null = null;
  if (rawThreshold !== '') {
    if (!/^\d+$/.test(rawThreshold) || Number(rawThreshold) < 1) {
      return { ok: false, error: `input threshold: expected a whole number of runs (1 or more), got "${rawThreshold}"` };
    }
    threshold = Number(rawThreshold);
  }
  const token = get('github-token');
  if (token === '') return { ok: false, error: 'input github-token is empty: pass ${{ github.token }} or a token with the permissions in the README' };
  return {
    ok: true,
    inputs: {
      mode: mode.value,
      token,
      files: splitList(get('files')),
      configPath: get('config') || DEFAULT_CONFIG_PATH,
      failOn: failOn.value,
      checkNewLinks: checkNewLinks.value,
      reportLabel: get('report-label') || DEFAULT_REPORT_LABEL,
      threshold,
      suggestArchive: suggestArchive.value,
      dryRun: dryRun.value,
      allowPrivateLinks: allowPrivateLinks.value,
    },
  };
}
