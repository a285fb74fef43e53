import { headerKey } from '../../imports/parsers/header-mapping';
import type { RagRating } from '../../progress/rag';
import { ComparatorKind, IndicatorUnit, Month, Polarity, RiskLabel, formatMonthLong, monthFromParts } from '../domain';

/**
 * What the headings and labels of a council's board-report table mean: month
 * columns however typed ("Oct-21", "Jan22", "Sept 21", "Dec-2l" with a
 * lower-case l for a 1), comparator columns ("Southampton 19/20",
 * "Statistical Neighbours", "South East", "England"), outturn types and
 * priority headings with their RAG ("… — RAG: Amber, Medium Risk").
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};

export interface MonthHeading {
  month: Month;
  /** Set when a typing slip was put right: "read as December 2021". */
  corrected: string | null;
}

// Letters that stand in for digits when a year is typed in a hurry: "2l" for 21, "2O" for 20.
const DIGIT_SLIPS: Record<string, string> = { l: '1', I: '1', i: '1', o: '0', O: '0' };

function readYear(text: string): { year: number; slipped: boolean } | null {
  if (!/^[0-9lIioO]{2}$|^[0-9lIioO]{4}$/.test(text) || !/\d/.test(text)) return null;
  const digits = text.replace(/[lIioO]/g, (c) => DIGIT_SLIPS[c]);
  const value = Number(digits);
  const year = digits.length === 2 ? 2000 + value : value;
  if (year < 1990 || year > 2099) return null;
  return { year, slipped: digits !== text };
}

/**
 * A month from a column heading, or null when the heading is not a month.
 * Two-digit years are this century. A workbook's date cell arrives as
 * "October 2021" (formatted without a day) or "2021-10-01".
 */
export function parseMonthHeading(raw: string): MonthHeading | null {
  const text = raw.replace(/\u00a0/g, ' ').trim();
  const iso = /^(\d{4})-(\d{2})(?:-01)?$/.exec(text);
  if (iso) {
    const month = Number(iso[2]);
    return month >= 1 && month <= 12 ? { month: monthFromParts(Number(iso[1]), month), corrected: null } : null;
  }
  const match = /^([A-Za-z]{3,9})\.?\s*[-‐–—'’/ .]?\s*([0-9lIioO]{2}|[0-9lIioO]{4})$/.exec(text);
  if (!match) return null;
  const monthNumber = MONTHS[match[1].toLowerCase()];
  if (!monthNumber) return null;
  const year = readYear(match[2]);
  if (!year) return null;
  const month = monthFromParts(year.year, monthNumber);
  return { month, corrected: year.slipped ? `read as ${formatMonthLong(month)}` : null };
}

export interface ComparatorHeading {
  name: string;
  kind: ComparatorKind;
  financialYear: number | null;
}

const ENGLAND = new Set(['england', 'eng', 'national', 'england average', 'national average', 'england avg']);
const NEIGHBOURS = new Set([
  'statistical neighbours', 'statistical neighbour', 'statistical neighbours average', 'statistical neighbour average', 'stat neighbours',
  'stat neighbour', 'sn', 'sns', 'sn average', 'sn avg', 'statistical neighbours avg',
]);
const REGIONS = new Set([
  'south east', 'south west', 'london', 'inner london', 'outer london', 'north east', 'north west', 'yorkshire and the humber',
  'yorkshire and humber', 'yorkshire humber', 'east midlands', 'west midlands', 'east of england', 'eastern', 'region', 'regional',
  'regional average', 'region average',
]);
const OWN_YEAR_WORDS = new Set(['', 'outturn', 'last year', 'previous year', 'year end', 'actual', 'out turn']);

/** "19/20", "2019/20", "2019-2020", "(2020/21)": the financial year starting in the first year. */
const YEAR_SPAN = /\(?\b((?:19|20)?\d{2})\s*[/\-–]\s*((?:19|20)?\d{2})\b\)?/;

export function parseComparatorHeading(raw: string): ComparatorHeading {
  const name = raw.replace(/\s+/g, ' ').trim();
  const span = YEAR_SPAN.exec(name);
  let financialYear: number | null = null;
  if (span) {
    const first = Number(span[1]);
    const start = span[1].length === 2 ? 2000 + first : first;
    const second = Number(span[2]) % 100;
    if ((start + 1) % 100 === second) financialYear = start;
  }
  const rest = headerKey(financialYear === null || !span ? name : name.replace(span[0], ' '));
  let kind: ComparatorKind = 'other';
  if (ENGLAND.has(rest)) kind = 'england';
  else if (NEIGHBOURS.has(rest)) kind = 'statistical_neighbours';
  else if (REGIONS.has(rest)) kind = 'region';
  else if (financialYear !== null && (OWN_YEAR_WORDS.has(rest) || !/\d/.test(rest))) kind = 'own_previous_year';
  return { name, kind, financialYear };
}

const UNIT_WORDS: Array<[RegExp, IndicatorUnit]> = [
  [/^(?:percentage|percent|per cent|%|pct|proportion)$/, 'percentage'],
  [/^(?:rate|rate per 10 ?000|rate per 10k|per 10 ?000|per 10k|rate per 10 000 children)$/, 'rate_per_10000'],
  [/^(?:number|no|count|total|volume|#|numeric)$/, 'number'],
  [/^(?:days|day|average days|working days|average working days|time|duration)$/, 'days'],
  [/^(?:ratio)$/, 'ratio'],
];

/** The unit of an "Outturn type" cell: PERCENTAGE, NUMBER, RATE, DAYS, RATIO; null when not one of them. */
export function parseUnit(raw: string): IndicatorUnit | null {
  const text = raw.trim() === '%' ? '%' : headerKey(raw.replace(/,/g, ''));
  for (const [pattern, unit] of UNIT_WORDS) if (pattern.test(text)) return unit;
  return null;
}

/** A unit from the indicator's own words, when the table has no outturn type: "Percentage of …", "… per 10,000". */
export function unitFromTitle(title: string): IndicatorUnit | null {
  const text = title.toLowerCase();
  if (/per\s*10[, ]?000|per\s*10k/.test(text)) return 'rate_per_10000';
  if (/^(?:percentage|proportion|%)\b|\(%\)|%\s*of\b/.test(text)) return 'percentage';
  if (/^(?:number|no\.?|count|total)\s+of\b/.test(text)) return 'number';
  if (/\b(?:average|mean|median)\b.*\bdays\b/.test(text)) return 'days';
  return null;
}

/** A polarity only where the sheet says so: "Higher is better", "Lower", "Context only". */
export function parsePolarity(raw: string): Polarity | null {
  const text = headerKey(raw.replace(/↑/g, ' higher ').replace(/↓/g, ' lower '));
  if (/^(?:higher|high|up|increase|bigger|more)(?: is (?:better|good))?$|^higher better$|^good is (?:high|higher)$/.test(text)) return 'higher_is_better';
  if (/^(?:lower|low|down|decrease|smaller|less|fewer)(?: is (?:better|good))?$|^lower better$|^good is (?:low|lower)$/.test(text)) return 'lower_is_better';
  if (/^(?:context|context only|n a|na|none|neutral|no polarity)$/.test(text)) return 'context_only';
  return null;
}

export interface PriorityHeading {
  title: string;
  /** "1" of "Priority 1: …". */
  number: string | null;
  rating: RagRating | null;
  riskLabel: RiskLabel | null;
}

const RAG_IN_HEADING = /\s*(?:[-–—:|(]\s*)?\bRAG\b\s*[:\-–—]?\s*(red|amber|green|blue)\b(?:\s*[,;/–—-]\s*(low|medium|high)(?:\s+risk)?)?\s*\)?\s*$/i;
const PRIORITY_NUMBER = /^priority\s+(\d{1,2}[a-z]?)\s*[:.\-–—)]?\s*/i;

/** "Priority 1: Effective Assessment and Intervention — RAG: Amber, Medium Risk". */
export function parsePriorityHeading(raw: string): PriorityHeading {
  let title = raw.replace(/\s+/g, ' ').trim();
  let rating: RagRating | null = null;
  let riskLabel: RiskLabel | null = null;
  const rag = RAG_IN_HEADING.exec(title);
  if (rag) {
    rating = rag[1].toLowerCase() as RagRating;
    riskLabel = rag[2] ? (rag[2].toLowerCase() as RiskLabel) : null;
    title = title.slice(0, rag.index).replace(/[\s\-–—:|,]+$/, '').trim();
  }
  let number: string | null = null;
  const numbered = PRIORITY_NUMBER.exec(title);
  if (numbered && numbered[0].length < title.length) {
    number = numbered[1];
    title = title.slice(numbered[0].length).trim();
  }
  return { title, number, rating, riskLabel };
}
