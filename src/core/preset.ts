/**
 * The remark-lint preset: every listkeeper rule at its default severity
 * (errors are fatal, warnings are not), with remark-gfm so links parse as
 * listkeeper reads them, and last the inline suppression comments
 * (`<!-- lint disable|enable|ignore … -->`, see suppress.ts) applied to the
 * rules' messages as `listkeeper lint` applies them. Use:
 * `remark --use listkeeper/preset README.md`.
 * remark lints files one by one, so duplicates are found within each file;
 * `listkeeper lint a.md b.md` finds them across files.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import type { PluggableList, Plugin, Preset } from 'unified';
import type { VFile } from 'vfile';
import { defineRule, modelOf } from './define-rule.js';
import { ALL_RULES } from './lint.js';
import { pointAt } from './position.js';
import { CONTROL_RULE_ID, controlCommentsOfTree, suppressionsOf } from './suppress.js';

/** One remark-lint plugin per rule, by rule id. */
export const plugins = Object.fromEntries(ALL_RULES.map((rule) => [rule.id, defineRule(rule)]));

/**
 * Drop the listkeeper messages that marker comments silence, and warn about
 * comments that are not understood. Use it after the rules (the preset does).
 * remark-message-control is not used: it also drops every message that starts
 * between nodes (e.g. on trailing whitespace), which `listkeeper lint` reports.
 */
export const suppress: Plugin<[], Root> = () => (tree: Root, file: VFile) => {
  const comments = controlCommentsOfTree(tree);
  if (comments.length === 0) return;
  const suppressions = suppressionsOf(
    comments,
    ALL_RULES.map((rule) => rule.id),
  );
  const doc = modelOf(tree, file);
  file.messages = file.messages.filter((message) => {
    if (message.source !== 'listkeeper' || !message.ruleId) return true;
    const start = message.place && 'start' in message.place ? message.place.start : message.place;
    if (!start) return true;
    const offset = start.offset ?? doc.lineStarts[start.line - 1] + start.column - 1;
    return !suppressions.isSuppressed(message.ruleId, offset);
  });
  for (const problem of suppressions.problems) {
    file.message(problem.reason, {
      place: { start: pointAt(doc, problem.span.start), end: pointAt(doc, problem.span.end) },
      ruleId: CONTROL_RULE_ID,
      source: 'listkeeper',
    });
  }
};

const list: PluggableList = [remarkGfm];
for (const rule of ALL_RULES) list.push([plugins[rule.id], [rule.defaultSeverity === 'error' ? 'error' : 'warn']]);
list.push(suppress);

const preset: Preset = { plugins: list };

export default preset;
