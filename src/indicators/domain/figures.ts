/**
 * What a person or a spreadsheet writes in a figure's cell: "26%", "1,234",
 * "17k", "N/A", "TBC", "<17k", "≤ 25%". Used by the import and by anyone who
 * types a target. "N/A" stays "not available" and is never read as zero.
 */

export type Comparison = '<' | '<=' | '>' | '>=';

export type Figure =
  | { kind: 'blank' }
  /** percent: the cell carried a % sign. */
  | { kind: 'number'; value: number; percent: boolean }
  | { kind: 'bound'; comparison: Comparison; value: number; percent: boolean }
  | { kind: 'not_available' }
  | { kind: 'tbc' }
  | { kind: 'unreadable'; reason: string };

const NOT_AVAILABLE = /^(?:n\s*\/\s*a|n\.a\.?|na|not\s+available|no\s+data|-|–|—|\.)$/i;
const TBC = /^(?:tbc|tbd|to\s+be\s+(?:confirmed|decided|agreed|set))\.?$/i;

const WORD_BOUNDS: Array<[RegExp, Comparison]> = [
  [/^(?:less\s+than|under|below|fewer\s+than)\s+/i, '<'],
  [/^(?:at\s+most|no\s+more\s+than|not\s+more\s+than|up\s+to|maximum(?:\s+of)?|max\.?)\s+/i, '<='],
  [/^(?:more\s+than|over|above|greater\s+than)\s+/i, '>'],
  [/^(?:at\s+least|no\s+less\s+than|not\s+less\s+than|minimum(?:\s+of)?|min\.?)\s+/i, '>='],
];

const SYMBOL_BOUNDS: Array<[RegExp, Comparison]> = [
  [/^(?:<=|=<|≤|⩽)\s*/, '<='],
  [/^(?:>=|=>|≥|⩾)\s*/, '>='],
  [/^<\s*/, '<'],
  [/^>\s*/, '>'],
];

const MULTIPLIERS: Record<string, number> = { k: 1_000, m: 1_000_000 };

/**
 * A plain number as councils write one: thousands separators only in groups of
 * three ("1,234", not "1,23"), an optional k or m ("17k", "1.2m"), an optional
 * percent sign; a unicode minus is a minus.
 */
function readNumber(text: string): { value: number; percent: boolean } | null {
  const match = /^([-−+]?)\s*(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?\s*([kKmM])?\s*(%)?$/.exec(text);
  if (!match || (match[2] === undefined && match[3] === undefined)) return null;
  if (match[4] && match[5]) return null;
  const digits = `${(match[2] ?? '0').replace(/,/g, '')}${match[3] ?? ''}`;
  let value = Number(digits);
  if (!Number.isFinite(value)) return null;
  if (match[4]) value = Number((value * MULTIPLIERS[match[4].toLowerCase()]).toPrecision(12));
  if (match[1] === '-' || match[1] === '−') value = -value;
  return { value, percent: match[5] === '%' };
}

export function parseFigure(raw: string | null | undefined): Figure {
  const text = (raw ?? '').replace(/\u00a0/g, ' ').trim();
  if (text === '') return { kind: 'blank' };
  if (NOT_AVAILABLE.test(text)) return { kind: 'not_available' };
  if (TBC.test(text)) return { kind: 'tbc' };

  const plain = readNumber(text);
  if (plain) return { kind: 'number', ...plain };

  for (const [pattern, comparison] of [...SYMBOL_BOUNDS, ...WORD_BOUNDS]) {
    const match = pattern.exec(text);
    if (!match) continue;
    const bound = readNumber(text.slice(match[0].length).trim());
    if (bound) return { kind: 'bound', comparison, ...bound };
    return { kind: 'unreadable', reason: `'${text}' is not a number` };
  }
  return { kind: 'unreadable', reason: `'${text}' is not a number` };
}

export const COMPARISON_WORDS: Readonly<Record<Comparison, string>> = {
  '<': 'below',
  '<=': 'at most',
  '>': 'above',
  '>=': 'at least',
};
