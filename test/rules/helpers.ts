import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultConfig, type ListkeeperConfig, type RuleId } from '../../src/core/config/config-types.js';
import { lintDocuments } from '../../src/core/lint.js';
import { parseList } from '../../src/core/parse.js';
import type { Finding } from '../../src/core/types.js';
import { applyEdits } from '../../src/core/edits.js';

export const TODAY = '2024-06-30';

/** A config with only `only` enabled (at their default severity), or every rule. */
export function configWith(only?: RuleId[], options: Partial<Record<RuleId, Record<string, unknown>>> = {}): ListkeeperConfig {
  const config = defaultConfig();
  for (const [id, setting] of Object.entries(config.rules)) {
    if (only && !only.includes(id as RuleId)) setting.severity = 'off';
    setting.options = options[id as RuleId] ?? {};
  }
  return config;
}

/** Lint Markdown text (one document) with the given rules. */
export function lintText(text: string, only?: RuleId[], options: Partial<Record<RuleId, Record<string, unknown>>> = {}): Finding[] {
  return lintDocuments([parseList(text, 'list.md')], configWith(only, options), { today: TODAY });
}

/** The text a finding points at. */
export function spanText(text: string, finding: Finding): string {
  return text.slice(finding.start.offset, finding.end.offset);
}

export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8');
}

export interface RuleExamples {
  /** One document that must lint clean. */
  ok: string;
  /** Cases that must each produce at least one message. */
  notOk: string[];
}

/**
 * The `@example ok` / `@example not-ok` blocks of a rule's doc header, so the
 * documentation and the tests cannot drift apart. In `not-ok`, cases are
 * separated by a blank line.
 */
export function examplesOf(id: RuleId): RuleExamples {
  const source = readFileSync(fileURLToPath(new URL(`../../src/core/rules/${id}.ts`, import.meta.url)), 'utf8');
  const header = source.slice(source.indexOf('/**'), source.indexOf('*/'));
  // `␠` marks a space that would be invisible (trailing) in the doc comment.
  const lines = header.split('\n').map((line) => line.replace(/^ \* ?/, '').replace(/␠/g, ' '));
  const block = (tag: string): string[] => {
    const start = lines.findIndex((line) => line.trim() === `@example ${tag}`);
    if (start === -1) throw new Error(`no @example ${tag} in ${id}`);
    const out: string[] = [];
    for (const line of lines.slice(start + 1)) {
      if (line.startsWith('@')) break;
      out.push(line);
    }
    return out;
  };
  const ok = block('ok').join('\n').trim();
  const notOk = block('not-ok')
    .join('\n')
    .split(/\n\s*\n/)
    .map((c) => c.replace(/^\n+|\n+$/g, ''))
    .filter((c) => c.trim() !== '');
  return { ok: `# Examples\n\n${ok}\n`, notOk: notOk.map((c) => `# Examples\n\n${c}\n`) };
}

/** Apply every fix of one lint pass (overlapping ones are skipped by applyEdits). */
export function applyFixes(text: string, findings: Finding[]): string {
  return applyEdits(text, findings.flatMap((f) => (f.fix ? [f.fix] : []))).text;
}
