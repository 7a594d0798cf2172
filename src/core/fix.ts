/** `--fix`: apply every unambiguous fix, re-lint, repeat until nothing changes. */
import type { ListkeeperConfig } from './config/config-types.js';
import { applyEdits } from './edits.js';
import { lintDocuments } from './lint.js';
import { parseList } from './parse.js';
import { withBom } from './sort/sort.js';
import type { Finding, TextEdit } from './types.js';

export interface FixResult {
  /** The fixed file text (BOM kept when the input had one). */
  text: string;
  /** How many edits were applied over all passes. */
  applied: number;
  /** What is left after fixing, linting this file alone. */
  remaining: Finding[];
}

/** Fixes can uncover others (or overlap); a few passes settle every real case. */
const MAX_PASSES = 10;

export function fixDocument(text: string, path: string, config: ListkeeperConfig, today?: string): FixResult {
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const doc = parseList(current, path);
    const findings = lintDocuments([doc], config, { today });
    const edits = uniqueEdits(findings.flatMap((f) => (f.fix ? [f.fix] : [])));
    if (edits.length === 0) return { text: current, applied, remaining: findings };
    const result = applyEdits(doc.text, edits);
    const next = withBom(doc, result.text);
    if (result.applied.length === 0 || next === current) return { text: current, applied, remaining: findings };
    applied += result.applied.length;
    current = next;
  }
  const doc = parseList(current, path);
  return { text: current, applied, remaining: lintDocuments([doc], config, { today }) };
}

/** Two rules may propose the same edit; apply it once. */
function uniqueEdits(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.start}:${e.end}:${e.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
