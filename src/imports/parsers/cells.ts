/**
 * Cell text as Word, a PDF viewer or Excel hands it over. A committee paper's
 * cells carry a little HTML (<b> on band rows, <p> around each outcome) and
 * line breaks inside a cell, which the paper prints as two spaces; the text
 * itself is kept verbatim, because the committee must read the officer's words.
 */

// Only formatting tags: "aged <13" or "<5 days" must survive.
const FORMATTING_TAG = /<\/?(?:p|b|i|u|s|strong|em|br|span|div|font|li|ul|ol|sup|sub)\b[^<>]{0,200}>/gi;
const PARAGRAPH_BREAK = /<\/(?:p|li|div)>\s*<(?:p|li|div)\b[^<>]{0,200}>|<br\s*\/?>/gi;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&nbsp;': ' ' };

/** A cell's text with markup removed; line breaks inside it become two spaces, as the paper prints them. */
export function cleanCell(raw: string | null | undefined): string {
  if (!raw) return '';
  let text = raw;
  if (text.includes('<')) text = text.replace(PARAGRAPH_BREAK, '  ').replace(FORMATTING_TAG, '');
  if (text.includes('&')) text = text.replace(/&(?:amp|lt|gt|quot|#39|apos|nbsp);/g, (entity) => ENTITIES[entity]);
  if (text.includes('\n') || text.includes('\r')) {
    text = text
      .split(/\r\n|\r|\n/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .join('  ');
  }
  return text.trim();
}

/**
 * Outcome measures: the paper separates them with two spaces (a line break in
 * the cell) or <p> paragraphs; one space between sentences keeps them one
 * measure ("… child's needs. Better care plans."). Bullets are dropped.
 */
export function splitMeasures(cleaned: string): string[] {
  if (!cleaned) return [];
  // Bullets become separators first: one linear split, never a backtracking pattern over long runs of spaces.
  return cleaned
    .replace(/[•▪●◦]/g, '  ')
    .split(/\s{2,}/)
    .map((part) => part.replace(/^[-*]\s+/, '').trim())
    .filter((part) => part.length > 0);
}

/** "1. Ensure that…" or "1) Ensure…": the number and the text after it. */
export function numberedText(text: string): { number: number; text: string } | null {
  const match = /^(\d{1,5})[.)]\s+(\S[\s\S]*)$/.exec(text);
  if (!match) return null;
  return { number: Number(match[1]), text: match[2].trim() };
}

/** The text goes on from a previous row: it starts in lower case ("and partners using LEAN…"). */
export function startsLowerCase(text: string): boolean {
  const match = /^[\s"'‘“(]*(\p{L})/u.exec(text);
  return !!match && match[1] !== match[1].toUpperCase() && match[1] === match[1].toLowerCase();
}

/** A sentence that is finished: a full stop, question or exclamation mark, maybe inside quotes or brackets. */
export function endsSentence(text: string): boolean {
  const bare = trimEnd(trimEnd(text, ' \t\n\r\u00a0'), `"'’”)]`);
  return /[.!?…]$/.test(bare);
}

// Words a sentence does not end on. "… individual supervision. Supported through a"
// is cut off; "… recruiting from USA" is not, whatever its missing full stop.
const DANGLING_WORDS = new Set([
  'a', 'an', 'the', 'of', 'to', 'and', 'or', 'nor', 'but', 'for', 'with', 'within', 'without', 'in', 'into', 'on', 'onto',
  'at', 'by', 'from', 'through', 'that', 'which', 'who', 'whom', 'whose', 'as', 'is', 'are', 'was', 'were', 'be', 'been',
  'their', 'its', 'his', 'her', 'our', 'your', 'this', 'these', 'those', 'than', 'if', 'via', 'including', 'such',
]);

/** Text that stops mid-sentence: it ends on a word like "a" or "the", or on a comma or dash. */
export function looksTruncated(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed) return false;
  if (/[,;:(&/–—-]$/.test(trimmed)) return true;
  if (endsSentence(trimmed)) return false;
  return DANGLING_WORDS.has(lastWord(trimmed).toLowerCase());
}

/** Activities repeat with small differences of spacing, case and dashes; this is what makes two the same. */
export function textKey(text: string): string {
  return trimEnd(text, ' .;,\t\n\r')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[’‘`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Sentence case for a heading printed in capitals: "CHILDREN LOOKED AFTER" -> "Children looked after". */
export function headingTitle(text: string): string {
  const trimmed = text.trim();
  if (trimmed !== trimmed.toUpperCase()) return trimmed;
  const lower = trimmed.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** Markdown and bold markers around a line of pasted text: "**TABLE 1: SAFEGUARDING**", "### **Immediately:**". */
export function stripMarkdown(line: string): string {
  return line
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/\*\*|__/g, '')
    .replace(/<\/?(?:b|strong)>/gi, '')
    .trim();
}

/** The last run of letters (and apostrophes) at the end of the text. */
function lastWord(text: string): string {
  let start = text.length;
  while (start > 0 && /[\p{L}']/u.test(text[start - 1])) start -= 1;
  return text.slice(start);
}

/** Drops the given characters from the end; a loop, because /[.,]+$/ is quadratic on long runs. */
export function trimEnd(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text[end - 1])) end -= 1;
  return text.slice(0, end);
}
