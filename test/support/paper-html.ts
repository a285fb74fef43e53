import * as domutils from 'domutils';
import type { Element } from 'domhandler';

/** Reading a paper's HTML in tests: the elements under a node that pass a test, by name, and their text. */
export const all = (root: Parameters<typeof domutils.findAll>[1] | Element, test: (el: Element) => boolean): Element[] =>
  domutils.findAll(test, Array.isArray(root) ? root : [root as Element]);
export const named = (name: string) => (el: Element) => el.name === name;
export const text = (node: Element | Element[]) => domutils.textContent(node).replace(/\s+/g, ' ').trim();

/** A cell's paragraphs: a cell of one paragraph holds its text bare; one of several, a <p> each. */
export const paragraphs = (cell: Element): string[] => {
  const inParagraphs = all(cell, named('p')).map(text);
  return inParagraphs.length > 0 || text(cell) === '' ? inParagraphs : [text(cell)];
};
