/**
 * Turn a list rule into a remark-lint rule (unified-lint-rule), so the rules
 * also run in a user's own remark setup. Messages carry `source: "listkeeper"`,
 * the rule id, exact start/end positions and, when fixable, the replacement
 * text in `expected`.
 */
import type { Root } from 'mdast';
import type { Processor, TransformCallback } from 'unified';
import { lintRule, type Plugin } from 'unified-lint-rule';
import type { VFile } from 'vfile';
import type { SortConfig } from './config/config-types.js';
import { today } from './date.js';
import { modelFromTree } from './parse.js';
import { pointAt } from './position.js';
import type { ListRule, RuleContext } from './rule.js';
import type { ListDocument } from './types.js';

/** Rule options in a remark config; `today` (`YYYY-MM-DD`) and `order`/`undated` are shared by all rules. */
export type RuleOptions = Record<string, unknown>;

const models = new WeakMap<Root, ListDocument>();

/**
 * The list model of a tree, built once per tree however many rules run.
 * micromark skips a leading BOM and counts offsets without it, which is what
 * the model expects (`doc.text` has no BOM), so the BOM is stripped here too.
 */
export function modelOf(tree: Root, file: VFile): ListDocument {
  let doc = models.get(tree);
  if (!doc) {
    const raw = String(file);
    const bom = raw.startsWith('\uFEFF');
    doc = { ...modelFromTree(tree, bom ? raw.slice(1) : raw, file.path), bom };
    models.set(tree, doc);
  }
  return doc;
}

export function defineRule(rule: ListRule): Plugin<Root, RuleOptions | undefined> {
  // Messages milder than the rule: unified-lint-rule marks every message of a rule
  // configured as an error fatal after the rule ran, so they are unmarked after it.
  const milder = new WeakSet<object>();
  const plugin = lintRule<Root, RuleOptions | undefined>(
    { origin: `listkeeper:${rule.id}`, url: rule.url },
    (tree, file, options) => {
      const doc = modelOf(tree, file);
      const opts = options ?? {};
      const ctx: RuleContext = { docs: [doc], options: opts, today: stringOption(opts.today) ?? today(), sort: sortOf(opts) };
      for (const found of rule.check(doc, ctx)) {
        const message = file.message(found.reason, {
          place: { start: pointAt(doc, found.span.start), end: pointAt(doc, found.span.end) },
          ruleId: rule.id,
          source: 'listkeeper',
        });
        if (found.fix) message.expected = [found.fix.text];
        if (found.severity === 'warning') milder.add(message);
      }
    },
  );
  return function (this: Processor, ...parameters: Parameters<typeof plugin>) {
    const transform = plugin.apply(this, parameters) as LintTransform | undefined;
    if (!transform) return transform;
    return (tree: Root, file: VFile, next: TransformCallback<Root>): void => {
      transform(tree, file, (error, ...rest) => {
        for (const message of file.messages) if (milder.has(message)) message.fatal = false;
        next(error, ...rest);
      });
    };
  } as Plugin<Root, RuleOptions | undefined>;
}

type LintTransform = (tree: Root, file: VFile, next: TransformCallback<Root>) => void;

function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function sortOf(options: RuleOptions): SortConfig {
  return {
    order: options.order === 'desc' || options.order === 'asc' ? options.order : 'auto',
    undated: options.undated === 'top' || options.undated === 'bottom' ? options.undated : 'keep',
  };
}
