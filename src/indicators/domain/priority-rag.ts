import { CalendarDate, compareCalendarDates, formatShortDate } from '../../deadlines';
import { RAG_RATINGS, RagAssessment, RagRating, RagRollUp, compareRag, rollUp } from '../../progress/rag';
import { RAG_LABELS } from '../../progress/standing';
import type { IndicatorRating } from './indicator-rag';
import { RISK_LABEL_TEXT, RiskLabel } from './vocabulary';

/**
 * A priority's RAG (a plan section, as the board report is organised): its
 * activities' ratings and its indicators' ratings rolled up worst first, with
 * counts, unless the chair has rated it, with a risk label and a reason, as
 * the chair overrides an activity's rating (src/progress/rag.ts). The board
 * sees the chair's judgement and, beside it, what the record says.
 */

/** The chair's judgement of a priority, kept in the record so any past date's rating can be shown. */
export interface ChairRating {
  rating: RagRating;
  riskLabel: RiskLabel | null;
  reason: string;
  setBy: string;
  setOn: CalendarDate;
  /** The judgement lapses after this day (the next board); null while it stands. */
  expiresOn: CalendarDate | null;
}

export interface RatedIndicator {
  title: string;
  rating: IndicatorRating;
}

export interface IndicatorCounts {
  red: number;
  amber: number;
  green: number;
  /** Context only, no target or target TBC. */
  notRated: number;
  /** No value (or "not available") for the month. */
  noData: number;
  total: number;
}

export interface PriorityRagInput {
  activities: readonly RagAssessment[];
  indicators: readonly RatedIndicator[];
  /** Every judgement the chair made of this priority; the one in force on asOf is used. */
  chairRatings: readonly ChairRating[];
  asOf: CalendarDate;
}

export interface PriorityRag {
  /** What the board sees: the chair's rating while it stands, else the computed one; null when nothing is rated. */
  rating: RagRating | null;
  computed: RagRating | null;
  /** Only the chair gives a risk label; the record alone does not. */
  riskLabel: RiskLabel | null;
  reasons: string[];
  activities: RagRollUp;
  indicators: IndicatorCounts;
  chair: (ChairRating & { active: boolean }) | null;
}

/** The chair's latest judgement made on or before the date, whether or not it has lapsed. */
export function chairRatingAsOf(history: readonly ChairRating[], asOf: CalendarDate): ChairRating | null {
  let latest: ChairRating | null = null;
  for (const rating of history) {
    if (compareCalendarDates(rating.setOn, asOf) > 0) continue;
    if (!latest || compareCalendarDates(rating.setOn, latest.setOn) >= 0) latest = rating;
  }
  return latest;
}

export function countIndicators(indicators: readonly RatedIndicator[]): IndicatorCounts {
  const counts: IndicatorCounts = { red: 0, amber: 0, green: 0, notRated: 0, noData: 0, total: indicators.length };
  for (const { rating } of indicators) {
    if (rating.rating) counts[rating.rating] += 1;
    else if (rating.status === 'no_data') counts.noData += 1;
    else counts.notRated += 1;
  }
  return counts;
}

/** "2 red, 1 amber, 3 green": worst first, only what there is. */
function ratingCounts(counts: Partial<Record<RagRating, number>>): string[] {
  return RAG_RATINGS.filter((r) => (counts[r] ?? 0) > 0).map((r) => `${counts[r]} ${r}`);
}

function indicatorSummary(counts: IndicatorCounts): string | null {
  if (counts.total === 0) return null;
  const parts = ratingCounts(counts);
  if (counts.notRated) parts.push(`${counts.notRated} not rated`);
  if (counts.noData) parts.push(`${counts.noData} without data`);
  return `indicators: ${parts.join(', ')}`;
}

function activitySummary(roll: RagRollUp): string | null {
  if (roll.total === 0) return null;
  const parts = ratingCounts(roll.counts);
  if (roll.counts.blue > 0 && roll.verified > 0) parts[parts.length - 1] += ` (${roll.verified} verified)`;
  if (roll.notRated) parts.push(`${roll.notRated} cancelled`);
  return `activities: ${parts.join(', ')}`;
}

export function ratePriority(input: PriorityRagInput): PriorityRag {
  const activities = rollUp([...input.activities]);
  const indicators = countIndicators(input.indicators);
  const ratings = [activities.rating, ...input.indicators.map((i) => i.rating.rating)].filter((r): r is RagRating => r !== null);
  const computed = ratings.sort(compareRag)[0] ?? null;

  // Worst first: the indicators that make the rating, then those without data, which the board must chase.
  const findings: string[] = [];
  for (const tone of ['red', 'amber'] as const) {
    for (const indicator of input.indicators) {
      if (indicator.rating.rating === tone) findings.push(`${RAG_LABELS[tone]}: ${indicator.title}: ${indicator.rating.reasons[0]}`);
    }
  }
  for (const indicator of input.indicators) {
    if (indicator.rating.status === 'no_data') findings.push(`${indicator.title}: ${indicator.rating.reasons[0]}`);
  }
  const summaries = [indicatorSummary(indicators), activitySummary(activities)].filter((s): s is string => s !== null);
  const computedReasons = computed === null && summaries.length === 0 ? ['nothing to rate: no activities or indicators'] : [...summaries, ...findings];

  const chair = chairRatingAsOf(input.chairRatings, input.asOf);
  if (!chair) return { rating: computed, computed, riskLabel: null, reasons: computedReasons, activities, indicators, chair: null };

  const active = chair.expiresOn === null || compareCalendarDates(input.asOf, chair.expiresOn) <= 0;
  if (!active) return { rating: computed, computed, riskLabel: null, reasons: computedReasons, activities, indicators, chair: { ...chair, active } };
  const risk = chair.riskLabel ? `, ${RISK_LABEL_TEXT[chair.riskLabel]}` : '';
  const until = chair.expiresOn ? ` (until ${formatShortDate(chair.expiresOn)})` : '';
  const record = computed === null ? 'the record alone gives no rating' : `the record alone says ${RAG_LABELS[computed]}`;
  return {
    rating: chair.rating,
    computed,
    riskLabel: chair.riskLabel,
    reasons: [`rated ${RAG_LABELS[chair.rating]}${risk} by ${chair.setBy} on ${formatShortDate(chair.setOn)}${until}: ${chair.reason}`, record, ...computedReasons],
    activities,
    indicators,
    chair: { ...chair, active },
  };
}

/** "RAG: Amber, Medium Risk", as the board report heads a priority. */
export function priorityRagText(rating: RagRating | null, riskLabel: RiskLabel | null): string {
  if (rating === null) return 'RAG: not rated';
  return `RAG: ${RAG_LABELS[rating]}${riskLabel ? `, ${RISK_LABEL_TEXT[riskLabel]}` : ''}`;
}
