// Cost cells in an improvement plan are free text written by officers ("£3k per month",
// "Existing resources", "To be confirmed"). The committee paper must reproduce them
// verbatim, while reports need totals, so a parse never alters the text and, when in
// doubt, says "unparsed" rather than guessing a figure that would mislead a committee.

export const COST_KINDS = [
  'amount',
  'existing_resources',
  'to_be_confirmed',
  'estimate',
  'net_saving',
  'none',
  'unparsed',
] as const;
export type CostKind = (typeof COST_KINDS)[number];

export const COST_PERIODS = ['one_off', 'weekly', 'monthly', 'quarterly', 'annual'] as const;
export type CostPeriod = (typeof COST_PERIODS)[number];

export interface ParsedCost {
  /** Exactly as given, because the committee paper must quote the officer's words. */
  text: string;
  kind: CostKind;
  /** Null when no usable money figure is stated. */
  amountPence: number | null;
  /** Null exactly when amountPence is. */
  period: CostPeriod | null;
  /** Recurring amounts over a year; null for one-off or no amount. */
  annualPence: number | null;
}

export interface CostTotals {
  oneOffPence: number;
  annualPence: number;
  itemsWithKnownAmount: number;
  itemsToBeConfirmed: number;
  itemsExistingResources: number;
  itemsUnparsed: number;
  itemsWithNoCost: number;
}

const TIMES_PER_YEAR: Record<Exclude<CostPeriod, 'one_off'>, number> = {
  weekly: 52,
  monthly: 12,
  quarterly: 4,
  annual: 1,
};

// BigInt so that "£1.15m" is exactly 115000000 pence; floats would drift.
const POUNDS_PER_UNIT: Record<string, bigint> = {
  k: 1_000n,
  thousand: 1_000n,
  m: 1_000_000n,
  million: 1_000_000n,
  bn: 1_000_000_000n,
  billion: 1_000_000_000n,
};

// Thousands separators must be well formed; a typo such as "£1,00" then leaves a
// stray number behind, which makes the whole cell unparsed rather than £1.
const MONEY =
  /£ ?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?: ?(k|thousand|million|m|billion|bn)\b)?/g;

// Patterns below use literal spaces because the text is normalised to single spaces
// first; that is what makes non-breaking spaces from Word and PDF copy-paste work.
const PERIOD_PATTERNS: ReadonlyArray<readonly [CostPeriod, RegExp]> = [
  ['weekly', /\bper (?:week|wk)\b|\b(?:a|each|every) week\b|\bweekly\b|\bp[./]?w\b|\/ ?(?:week|wk)\b/],
  [
    'monthly',
    /\bper (?:calendar )?(?:month|mth)\b|\b(?:a|each|every) month\b|\bmonthly\b|\bp[./]?c?m\b|\/ ?(?:month|mth)\b/,
  ],
  ['quarterly', /\bper (?:quarter|qtr)\b|\b(?:a|each|every) quarter\b|\bquarterly\b|\/ ?(?:quarter|qtr)\b/],
  [
    'annual',
    /\bper (?:annum|year|yr)\b|\b(?:a|each|every) year\b|\bannually\b|\byearly\b|\bp[./]?a\b|\/ ?(?:annum|year|yr)\b/,
  ],
  ['one_off', /\bone[- ]?(?:off|time)\b|\bsingle payment\b|\bnon-recurring\b|\blump sum\b/],
];

// "£3k per month for six months" is a finite sum, not £36k a year; rather than
// annualise it wrongly, such text is left for a person to read.
const DURATION = /\bfor (?:\S+ )?(?:weeks?|months?|quarters?|years?)\b/;

// Financial years ("2012/13") are context, not part of the amount; any other number
// (ranges, "2 x £500", "Phase 2") means the single figure may not be the whole cost.
const YEAR = /\b(?:19|20)\d{2}(?: ?[-/] ?\d{2,4})?\b/g;

const TO_BE_CONFIRMED =
  /\bt\.?b\.?[cd]\b|\bto be (?:confirmed|determined|agreed|decided|finali[sz]ed|costed)\b|\bnot yet (?:known|costed|confirmed)\b/;
const NO_COST =
  /^£?(?:n\/?a|none|nil|nothing|not applicable|no (?:additional |extra |new )?costs?|cost[- ]neutral|-+)$/;
const NET_SAVING = /\b(?:net )?savings?\b/;
const EXISTING_RESOURCES =
  /\b(?:existing|current) (?:resources?|budgets?|staff(?:ing)?|funding|capacity|workforce)\b/;
const ESTIMATE =
  /\b(?:estimated?|estimates|est|approx|approximate|approximately|circa|roughly|around|about)\b|~|\bin the region of\b|(?:^|[ (])ca?\.? ?£/;

interface Money {
  pence: number;
  period: CostPeriod;
  annualPence: number | null;
}

type MoneyReading = { state: 'absent' } | { state: 'ambiguous' } | { state: 'found'; money: Money };

export function parseCost(text: string | null | undefined): ParsedCost {
  const verbatim = asText(text);
  const normalised = normalise(verbatim);
  const money = readMoney(normalised);
  const found = money.state === 'found' ? money.money : null;

  if (normalised === '') return result(verbatim, 'none', null);
  // Checked before anything else: an officer who wrote "to be confirmed" is telling us
  // the figure is not settled, even if one is quoted alongside.
  if (TO_BE_CONFIRMED.test(normalised)) return result(verbatim, 'to_be_confirmed', found);
  if (NO_COST.test(normalised)) return result(verbatim, 'none', null);
  if (money.state === 'ambiguous') return result(verbatim, 'unparsed', null);
  if (NET_SAVING.test(normalised)) return result(verbatim, 'net_saving', found);
  // "£145k to be found from reconfiguration of existing resources": the money is real,
  // but it is not new money, which is what totals report.
  if (EXISTING_RESOURCES.test(normalised)) return result(verbatim, 'existing_resources', found);
  if (found === null) return result(verbatim, 'unparsed', null);
  if (found.pence === 0) return result(verbatim, 'none', found);
  return result(verbatim, ESTIMATE.test(normalised) ? 'estimate' : 'amount', found);
}

// Totals are the new money a plan asks for: stated amounts and estimates. Everything
// else is counted so a report can say how much of the plan is still uncosted.
export function totalCosts(costs: ParsedCost[]): CostTotals {
  const totals: CostTotals = {
    oneOffPence: 0,
    annualPence: 0,
    itemsWithKnownAmount: 0,
    itemsToBeConfirmed: 0,
    itemsExistingResources: 0,
    itemsUnparsed: 0,
    itemsWithNoCost: 0,
  };
  for (const cost of costs) {
    switch (cost.kind) {
      case 'amount':
      case 'estimate':
        addKnownAmount(totals, cost);
        break;
      case 'to_be_confirmed':
        totals.itemsToBeConfirmed += 1;
        break;
      case 'existing_resources':
        totals.itemsExistingResources += 1;
        break;
      // A net saving asks for no money, which is what a committee wants to know here.
      case 'net_saving':
      case 'none':
        totals.itemsWithNoCost += 1;
        break;
      case 'unparsed':
        totals.itemsUnparsed += 1;
        break;
    }
  }
  return totals;
}

function addKnownAmount(totals: CostTotals, cost: ParsedCost): void {
  if (cost.amountPence === null || cost.period === null) {
    totals.itemsUnparsed += 1;
    return;
  }
  totals.itemsWithKnownAmount += 1;
  // Recomputed rather than read from annualPence, because callers may rebuild
  // ParsedCost rows from stored columns.
  const annual = annualise(cost.amountPence, cost.period);
  if (annual === null) totals.oneOffPence += cost.amountPence;
  else totals.annualPence += annual;
}

// Whole pounds are shown without pence because that is how council papers write them.
export function formatPence(pence: number): string {
  if (!Number.isSafeInteger(pence)) {
    throw new RangeError(`formatPence expects a whole number of pence, got ${pence}`);
  }
  const sign = pence < 0 ? '-' : '';
  const absolute = Math.abs(pence);
  const pounds = Math.floor(absolute / 100)
    .toString()
    .replace(/\B(?=(\d{3})+$)/g, ',');
  const remainder = absolute % 100;
  return remainder === 0
    ? `${sign}£${pounds}`
    : `${sign}£${pounds}.${remainder.toString().padStart(2, '0')}`;
}

function asText(text: unknown): string {
  if (typeof text === 'string') return text;
  if (text === null || text === undefined) return '';
  // Spreadsheet imports hand over numbers despite the signature; keep what we can.
  try {
    return String(text);
  } catch {
    return '';
  }
}

function normalise(text: string): string {
  const spaced = text
    .replace(/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, '-')
    .replace(/\s+/g, ' ')
    .toLowerCase();
  // A loop, not /[. ]+$/, which is quadratic on long runs of dots pasted from a PDF.
  let start = 0;
  let end = spaced.length;
  while (start < end && spaced[start] === ' ') start += 1;
  while (end > start && (spaced[end - 1] === '.' || spaced[end - 1] === ' ')) end -= 1;
  return spaced.slice(start, end);
}

function readMoney(normalised: string): MoneyReading {
  if (!normalised.includes('£')) return { state: 'absent' };
  const matches = [...normalised.matchAll(MONEY)];
  const poundSigns = normalised.split('£').length - 1;
  if (matches.length !== 1 || poundSigns !== 1) return { state: 'ambiguous' };

  const [token, whole, fraction = '', unit] = matches[0];
  const rest = normalised.replace(token, ' ').replace(YEAR, ' ');
  if (/\d/.test(rest) || DURATION.test(normalised)) return { state: 'ambiguous' };

  const periods = PERIOD_PATTERNS.filter(([, pattern]) => pattern.test(normalised)).map(([period]) => period);
  if (periods.length > 1) return { state: 'ambiguous' };
  const period = periods[0] ?? 'one_off';

  const pence = toPence(whole, fraction, unit);
  if (pence === null) return { state: 'ambiguous' };
  const annualPence = annualise(pence, period);
  if (annualPence !== null && !Number.isSafeInteger(annualPence)) return { state: 'ambiguous' };
  return { state: 'found', money: { pence, period, annualPence } };
}

function toPence(whole: string, fraction: string, unit: string | undefined): number | null {
  const digits = whole.replace(/,/g, '');
  const poundsPerUnit = unit === undefined ? 1n : POUNDS_PER_UNIT[unit];
  const scale = 10n ** BigInt(fraction.length);
  const numerator = BigInt(digits + fraction) * poundsPerUnit * 100n;
  // Half-up rounding: a stray third decimal ("£1.005") must still land on whole pence.
  const pence = (numerator * 2n + scale) / (scale * 2n);
  return pence <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(pence) : null;
}

function annualise(pence: number, period: CostPeriod): number | null {
  return period === 'one_off' ? null : pence * TIMES_PER_YEAR[period];
}

function result(text: string, kind: CostKind, money: Money | null): ParsedCost {
  return {
    text,
    kind,
    amountPence: money?.pence ?? null,
    period: money?.period ?? null,
    annualPence: money?.annualPence ?? null,
  };
}
