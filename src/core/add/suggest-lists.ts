/**
 * Without `--to`: the lists an article most likely belongs to, by the words
 * its title shares with each list's path (project and label names), then with
 * the titles already in the list. A word found in many lists' paths says
 * little (`blog`), a project's own name says a lot, so words are weighted by
 * how few lists carry them.
 */
import type { TargetList } from './find-list.js';

/** How many lists are suggested at most. */
const MAX_SUGGESTIONS = 3;
/** A word of a list's path counts this much more than one of its entries' titles. */
const PATH_WEIGHT = 4;

const STOP_WORDS = new Set(['the', 'and', 'for', 'with', 'from', 'into', 'how', 'what', 'why', 'you', 'your', 'are', 'is', 'of', 'to', 'in', 'on', 'an', 'by', 'at', 'as', 'or', 'its', 'via', 'new', 'blog']);

/** The likeliest lists for a title, best first; none when no list shares a word with it. */
export function suggestLists(targets: TargetList[], title: string): TargetList[] {
  const wanted = words(title);
  if (wanted.size === 0) return [];
  const pathWords = targets.map((target) => words(target.names.join(' ')));
  const titleWords = targets.map((target) => words(target.list.items.map((item) => item.entry?.link?.title ?? '').join(' ')));
  const pathWeight = weights(pathWords);
  const titleWeight = weights(titleWords);
  const scored = targets.map((target, i) => {
    let score = 0;
    for (const word of wanted) {
      if (pathWords[i].has(word)) score += PATH_WEIGHT * (pathWeight.get(word) ?? 0);
      if (titleWords[i].has(word)) score += titleWeight.get(word) ?? 0;
    }
    return { target, score, order: i };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => s.target);
}

/**
 * Latin words and numbers with letters (`chatglm`, `6b`), and pairs of
 * neighbouring Chinese characters (`复旦`, `旦大`): Chinese has no spaces,
 * and a project name of two characters or more shares its pairs with a title.
 */
export function words(text: string): Set<string> {
  const out = new Set<string>();
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(/[a-z0-9]+/g)) {
    const word = m[0];
    if (word.length >= 2 && /[a-z]/.test(word) && !STOP_WORDS.has(word)) out.add(word);
  }
  for (const m of lower.matchAll(/\p{Script=Han}+/gu)) {
    const run = [...m[0]];
    for (let i = 0; i + 1 < run.length; i++) out.add(run[i] + run[i + 1]);
  }
  return out;
}

/** A word's weight: high when few lists carry it. */
function weights(sets: Set<string>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const set of sets) for (const word of set) counts.set(word, (counts.get(word) ?? 0) + 1);
  const out = new Map<string, number>();
  for (const [word, count] of counts) out.set(word, Math.log(1 + sets.length / count));
  return out;
}
