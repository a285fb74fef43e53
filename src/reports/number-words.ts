/**
 * Numbers as council papers write them: one to nine in words, 10 upwards in
 * figures ("three for immediate implementation; 10 for completion within three
 * months"). Plain functions, no Nest.
 */

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'] as const;

const FIGURES = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** 1-9 in words, everything else in figures with thousands separators ("5,000"). */
export function numberInWords(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Expected a whole number, got ${value}`);
  if (value >= 1 && value <= 9) return WORDS[value];
  return FIGURES.format(value);
}

/**
 * "one recommendation", "seven recommendations", "17 recommendations",
 * "no recommendations". The plural defaults to the usual English endings;
 * pass it for anything irregular.
 */
export function countOf(count: number, singular: string, plural: string = pluralOf(singular)): string {
  if (count === 0) return `no ${plural}`;
  return `${numberInWords(count)} ${count === 1 ? singular : plural}`;
}

/** activity -> activities, recommendation -> recommendations, working day -> working days, box -> boxes. */
export function pluralOf(singular: string): string {
  if (/[^aeiou]y$/i.test(singular)) return `${singular.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(singular)) return `${singular}es`;
  return `${singular}s`;
}

/**
 * Joins phrases the way the paper does: "a and b", "a; b and c". The separator
 * between all but the last two is configurable because list items that hold
 * commas ("Table 1: Safeguarding, ...") read better apart with semicolons.
 */
export function joinWithAnd(items: readonly string[], separator = ', '): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(separator)} and ${items[items.length - 1]}`;
}

/** First letter upper case, for a number word starting a sentence ("Three are ..."). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * First letter lower case, unless the first word is an abbreviation ("NHS",
 * "LSCB") or a single capital ("I"), which keep their case mid-sentence.
 */
export function decapitalise(text: string): string {
  const firstWord = /^\S+/.exec(text)?.[0] ?? '';
  if (firstWord.length < 2 || /[A-Z].*[A-Z]/.test(firstWord)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}
