/** Shared by the add tests: a page as the reader gives it, and what a planned addition leaves behind. */
import { expect } from 'vitest';
import type { AddPlan } from '../../../src/core/add/plan.js';
import { defaultConfig, type ListkeeperConfig } from '../../../src/core/config/config-types.js';
import { applyEdits } from '../../../src/core/edits.js';
import { lintDocuments } from '../../../src/core/lint.js';
import { parseList } from '../../../src/core/parse.js';
import { findOutOfOrder } from '../../../src/core/sort/sort.js';
import type { PageMetadata } from '../../../src/links/metadata/types.js';

/** What the page reader would say of a WeChat article. */
export function wechatPage(url: string, fields: { title?: string; source?: string; date?: string; identity?: string } = {}): PageMetadata {
  return {
    url,
    finalUrl: url,
    site: 'wechat',
    title: fields.title === undefined ? null : { value: fields.title, from: 'og:title' },
    source: fields.source === undefined ? null : { value: fields.source, from: 'WeChat #js_name' },
    published: fields.date === undefined ? null : { value: { value: fields.date }, from: 'WeChat var ct' },
    identity: fields.identity === undefined ? null : { value: fields.identity, from: 'og:url' },
  };
}

/** The text after the planned edit (in the BOM-less text the plan's offsets refer to). */
export function applied(text: string, plan: AddPlan): string {
  if (!plan.ok) throw new Error(`expected a plan, got ${plan.kind}: ${plan.message}`);
  return applyEdits(text.replace(/^\uFEFF/, ''), [plan.edit]).text;
}

/** What a maintainer runs after adding: `lint` finds nothing and `sort --check` finds every list in order. */
export function expectLintAndSortClean(text: string, config: ListkeeperConfig = defaultConfig()): void {
  const doc = parseList(text, 'README.md');
  const findings = lintDocuments([doc], config, { today: '2030-01-01' });
  expect(findings.map((f) => `${f.start.line}: ${f.reason} (${f.ruleId})`)).toEqual([]);
  const { unsorted, unmovable } = findOutOfOrder(doc, config.sort);
  expect([...unsorted, ...unmovable].map((u) => u.line)).toEqual([]);
}
