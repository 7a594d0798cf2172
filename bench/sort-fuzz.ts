/**
 * `npm run fuzz -- --count N [--seed S]`: sort N generated documents (see
 * test/sort-fuzz.ts) with each sort configuration in turn and check that
 * sorting only ever reorders. Prints the documents checked, the violations
 * found and the first few counterexamples, minimized. Exit code 1 when any
 * violation is found. Stopped (Ctrl-C, SIGTERM), it prints how far it got.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { docArb, minimize, SORT_CONFIGS, sortViolation } from '../test/sort-fuzz.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    show: { type: 'string', default: '3' },
  },
});
const count = Number(values.count);
const show = Number(values.show);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(Number(values.seed))) {
  console.error('fuzz: --count takes a positive whole number and --seed a whole number');
  process.exit(2);
}

const started = performance.now();
const batch = 1000;
let checked = 0;
let violations = 0;
const shown: string[] = [];

function report(stopped: boolean): void {
  const seconds = (performance.now() - started) / 1000;
  console.log(`sort fuzz: ${checked} documents checked${stopped ? ` (stopped before ${count})` : ''}, ${violations} violations found, ${seconds.toFixed(1)} s`);
  for (const [i, example] of shown.entries()) console.log(`\ncounterexample ${i + 1}: ${example}`);
}

// A long run stopped with Ctrl-C or kill still says how far it got.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    report(true);
    process.exit(violations > 0 ? 1 : 130);
  });
}

for (let b = 0; checked < count; b++) {
  // Between batches, let a stop signal be handled.
  await new Promise((resolve) => setImmediate(resolve));
  const docs = fc.sample(docArb, { numRuns: Math.min(batch, count - checked), seed: Number(values.seed) * 1_000_003 + b });
  for (const doc of docs) {
    const sort = SORT_CONFIGS[checked % SORT_CONFIGS.length];
    checked++;
    let problem: string | null;
    try {
      problem = sortViolation(doc, sort);
    } catch (error) {
      problem = `threw ${(error as Error).message}`;
    }
    if (problem === null) continue;
    violations++;
    if (shown.length < show) {
      const small = minimize(doc, (text) => {
        try {
          return sortViolation(text, sort) !== null;
        } catch {
          return true;
        }
      });
      shown.push(`${problem} (order ${sort.order}, undated ${sort.undated}):\n${JSON.stringify(small)}`);
    }
  }
  if (count >= 100_000 && b % 10 === 9) console.log(`… ${checked} documents, ${violations} violations, ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
report(false);
process.exit(violations > 0 ? 1 : 0);
