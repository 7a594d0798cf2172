/**
 * Verdicts from what the server said. Order: the user's rules, then the
 * built-in site quirks, then generic HTTP semantics. A site refusing bots is
 * `blocked`, never `dead`.
 */
import { isNetworkLevel, type NetworkErrorKind } from './http.js';
import { siteNeedsBody, siteQuirkVerdict } from './quirks.js';
import { anyHostMatches, hostOf } from './glob.js';
import { compileUserPattern, type UserPattern } from '../core/config/user-pattern.js';
import type { LinkRule, Verdict } from './types.js';

/** How the last try of a URL ended. */
export type ProbeOutcome =
  | {
      kind: 'response';
      status: number;
      headers: Record<string, string>;
      body: string | null;
      /** URL of the answering page after redirects. */
      finalUrl: string;
      /** Every hop was a 301/308 (and there was at least one). */
      permanentRedirect: boolean;
      tries: number;
    }
  /** `at`: the URL whose request failed (a redirect may have led to another host). */
  | { kind: 'network'; error: NetworkErrorKind; message: string; tries: number; at?: string }
  | { kind: 'redirect-loop'; finalUrl: string; tries: number }
  | { kind: 'too-many-redirects'; finalUrl: string; tries: number }
  | { kind: 'bad-redirect'; location: string; tries: number }
  /** Not sent: the host used its budget (`reason`: `example.com stalled (pause budget 60 s used)`). */
  | { kind: 'skipped'; reason: string; tries: number };

export interface Judgement {
  verdict: Verdict;
  reason: string;
  /** Failed without reaching any server: counts toward the offline detector. */
  networkLevel: boolean;
  /** Not checked because its host stalled: left out of the offline detector. */
  skipped?: boolean;
}

export interface ClassifyOptions {
  rules: readonly CompiledRule[];
  acceptStatus: readonly number[];
}

export interface CompiledRule {
  hosts: readonly string[];
  status: readonly number[];
  body: UserPattern | null;
  verdict: 'dead' | 'blocked' | 'alive';
}

/** Compile config rules once; an invalid regex is an error the caller reports. */
export function compileRules(rules: readonly LinkRule[]): { ok: true; rules: CompiledRule[] } | { ok: false; error: string } {
  const compiled: CompiledRule[] = [];
  for (const [index, rule] of rules.entries()) {
    let body: UserPattern | null = null;
    if (rule.body !== null && rule.body !== '') {
      // The body comes from a server the list links to: matching must stay linear in its size.
      const pattern = compileUserPattern(rule.body, { ignoreCase: true });
      if (!pattern.ok) return { ok: false, error: `links.rules[${index}].body is not a valid regex: ${pattern.reason}` };
      body = pattern.pattern;
    }
    compiled.push({ hosts: rule.hosts, status: rule.status, body, verdict: rule.verdict });
  }
  return { ok: true, rules: compiled };
}

/** Whether judging `host` needs the page body (so the checker GETs instead of HEAD). */
export function needsBody(host: string, rules: readonly CompiledRule[]): boolean {
  if (siteNeedsBody(host)) return true;
  return rules.some((rule) => rule.body !== null && hostApplies(rule, host));
}

/** Status-based bot walls and challenges. */
const BLOCKED_STATUS = new Set([401, 403, 429, 999]);
const CHALLENGE_BODY =
  /captcha|cf-challenge|challenge-platform|just a moment\.\.\.|attention required|are you a robot|verify you are (a )?human|access denied|bot detection|ddos-guard/i;

export function classify(outcome: ProbeOutcome, host: string, options: ClassifyOptions): Judgement {
  switch (outcome.kind) {
    case 'network':
      // Never sent: the run refuses private addresses. Not a fact about the link, so no verdict.
      if (outcome.error === 'private') return { verdict: 'unknown', reason: outcome.message, networkLevel: false };
      // The server answered; only its HTTP is malformed or huge (a browser shows the page): no verdict.
      if (outcome.error === 'protocol' || outcome.error === 'oversized') {
        return { verdict: 'unknown', reason: `${outcome.message}; check it in a browser`, networkLevel: false };
      }
      // A certificate this machine does not trust may be a proxy's, not the site's: no verdict,
      // and it counts toward the offline guard (every host fails alike behind such a proxy).
      if (outcome.error === 'tls') return { verdict: 'unknown', reason: `${outcome.message}; check it in a browser`, networkLevel: true };
      return {
        verdict: 'dead',
        reason: outcome.tries > 1 ? `${outcome.message} after ${outcome.tries} tries` : outcome.message,
        networkLevel: isNetworkLevel(outcome.error),
      };
    case 'redirect-loop':
      return { verdict: 'dead', reason: 'redirect loop', networkLevel: false };
    case 'too-many-redirects':
      return { verdict: 'dead', reason: 'more than 10 redirects', networkLevel: false };
    case 'bad-redirect':
      return { verdict: 'dead', reason: `redirect to an invalid URL: ${outcome.location}`, networkLevel: false };
    case 'response':
      return { ...classifyResponse(outcome, host, options), networkLevel: false };
    case 'skipped':
      // Never dead: the host stalled, which says nothing about this page.
      return { verdict: 'unknown', reason: `not checked: ${outcome.reason}`, networkLevel: false, skipped: true };
  }
}

function classifyResponse(
  outcome: Extract<ProbeOutcome, { kind: 'response' }>,
  requestHost: string,
  options: ClassifyOptions,
): { verdict: Verdict; reason: string } {
  const { status, body, headers } = outcome;
  const host = hostOf(outcome.finalUrl) ?? requestHost;
  for (const rule of options.rules) {
    if (!hostApplies(rule, host) && !hostApplies(rule, requestHost)) continue;
    if (rule.status.length > 0 && !rule.status.includes(status)) continue;
    if (rule.body && (body === null || !rule.body.test(body))) continue;
    return { verdict: rule.verdict, reason: `config rule: ${describeRule(rule)} (HTTP ${status})` };
  }
  const quirk = siteQuirkVerdict(host, status, body);
  if (quirk) return quirk;
  if (options.acceptStatus.includes(status)) return { verdict: 'alive', reason: `HTTP ${status} (accepted by config)` };
  if (headers['cf-mitigated']) return { verdict: 'blocked', reason: `bot challenge (cf-mitigated: ${headers['cf-mitigated']})` };
  const tries = outcome.tries > 1 ? ` after ${outcome.tries} tries` : '';
  if (status >= 200 && status < 300) return { verdict: 'alive', reason: `HTTP ${status}` };
  if (status === 404 || status === 410) return { verdict: 'dead', reason: `HTTP ${status}` };
  if (BLOCKED_STATUS.has(status)) return { verdict: 'blocked', reason: `HTTP ${status}${tries} (refuses automated requests)` };
  if (body !== null && CHALLENGE_BODY.test(body)) return { verdict: 'blocked', reason: `HTTP ${status}: bot challenge page` };
  if (status >= 300 && status < 400) return { verdict: 'dead', reason: `HTTP ${status} without a Location` };
  return { verdict: 'dead', reason: `HTTP ${status}${tries}` };
}

function hostApplies(rule: CompiledRule, host: string): boolean {
  return rule.hosts.length === 0 || anyHostMatches(rule.hosts, host);
}

function describeRule(rule: CompiledRule): string {
  const parts = [rule.hosts.length > 0 ? rule.hosts.join(',') : '*'];
  if (rule.status.length > 0) parts.push(`status ${rule.status.join(',')}`);
  if (rule.body) parts.push(`body /${rule.body.source}/`);
  return `${parts.join(' ')} → ${rule.verdict}`;
}
