/**
 * The remark-lint preset: every listkeeper rule at its default severity
 * (errors are fatal, warnings are not), with remark-gfm so links parse as
 * listkeeper reads them. Use: `remark --use listkeeper/preset README.md`.
 * remark lints files one by one, so duplicates are found within each file;
 * `listkeeper lint a.md b.md` finds them across files.
 */
import remarkGfm from 'remark-gfm';
import type { PluggableList, Preset } from 'unified';
import { defineRule } from './define-rule.js';
import { ALL_RULES } from './lint.js';

/** One remark-lint plugin per rule, by rule id. */
export const plugins = Object.fromEntries(ALL_RULES.map((rule) => [rule.id, defineRule(rule)]));

const list: PluggableList = [remarkGfm];
for (const rule of ALL_RULES) list.push([plugins[rule.id], [rule.defaultSeverity === 'error' ? 'error' : 'warn']]);

const preset: Preset = { plugins: list };

export default preset;
