import type { ListDocument } from '../src/core/types.js';

/** What the model says, as plain data: parents and sections as indices, so two parses compare deeply. */
export function modelSnapshot(doc: ListDocument): unknown {
  const listIndex = new Map(doc.allLists.map((l, i) => [l, i]));
  const sectionIndex = new Map(doc.sections.map((s, i) => [s, i]));
  const lists = (ls: ListDocument['lists']): Array<number | undefined> => ls.map((l) => listIndex.get(l));
  return {
    text: doc.text,
    bom: doc.bom,
    eol: doc.eol,
    lineStarts: doc.lineStarts,
    sections: doc.sections.map((s) => ({ title: s.title, depth: s.depth, line: s.line, span: s.span, lists: lists(s.lists) })),
    lists: lists(doc.lists),
    allLists: doc.allLists.map((l) => ({
      span: l.span,
      depth: l.depth,
      parent: l.parent?.index ?? null,
      section: l.section ? sectionIndex.get(l.section) : null,
      items: l.items.map((i) => i.index),
    })),
    items: doc.items.map((i, at) => ({
      at,
      index: i.index,
      span: i.span,
      markerOffset: i.markerOffset,
      line: i.line,
      entry: i.entry,
      isBlogEntry: i.isBlogEntry,
      children: lists(i.children),
      list: listIndex.get(i.list),
    })),
  };
}
