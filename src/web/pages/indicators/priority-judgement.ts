import { CalendarDate, formatLongDate } from '../../../deadlines';
import { addMonths, compareMonths, formatMonthLong, isMonth, Month, RISK_LABEL_TEXT, RISK_LABELS, RiskLabel } from '../../../indicators/domain';
import type { RagRating } from '../../../progress/rag';
import { RAG_RATINGS } from '../../../progress/rag';
import { RAG_LABELS } from '../../../progress/standing';
import { addError, FormErrors, noErrors, text } from '../../forms';
import { ragTag, Tag } from '../../standing-words';
import { PerformanceReportInput, performanceReportView } from '../../../indicators/report/performance-report.view-model';

/**
 * A priority's month for the board (issue 13): "What the data tells us",
 * "Actions / next steps" and the chair's rating, as the pages ask for them
 * and show them. Plain functions: the page controller gathers, these word.
 */

/** The API's limits (NarrativeDto, PriorityRatingDto), so the character counts warn before the API refuses; the spec holds them to the DTOs. */
export const NARRATIVE_MAX = 20_000;
export const REASON_MAX = 2_000;
/** Months offered by the month control: two years back, as far as a chair goes back to correct a report. */
export const MONTH_CHOICES = 24;

/** Under the plan's indicators, where the chair reaches it from (spelt out here, as indicators.view-model lists priorities with these). */
export const priorityPath = (planId: string, sectionId: string, month: Month) => `/plans/${planId}/indicators/priorities/${sectionId}/months/${month}`;

export interface NarrativeView {
  dataTellsUs: string | null;
  nextSteps: string | null;
  version: number;
  writtenBy: { name: string } | null;
  recordedAt: Date;
}

export interface RatingView {
  rating: RagRating | null;
  riskLabel: RiskLabel | null;
  reason: string | null;
  version: number;
  setBy: { name: string } | null;
  recordedAt: Date;
}

export interface NarrativeEntries {
  dataTellsUs: string;
  nextSteps: string;
}

export interface RatingEntries {
  rating: string;
  riskLabel: string;
  reason: string;
}

/**
 * A textarea as sent: browsers send its line breaks as CRLF, which would
 * count each line twice against the API's limit (the character count
 * counts one) and store a carriage return the report never prints.
 */
function typed(value: unknown): string {
  return text(value).replace(/\r\n?/g, '\n');
}

export function narrativeEntriesFrom(body: Record<string, unknown>): NarrativeEntries {
  return { dataTellsUs: typed(body.dataTellsUs), nextSteps: typed(body.nextSteps) };
}

export function narrativeEntriesOf(current: Pick<NarrativeView, 'dataTellsUs' | 'nextSteps'> | null): NarrativeEntries {
  return { dataTellsUs: current?.dataTellsUs ?? '', nextSteps: current?.nextSteps ?? '' };
}

/** The API's NarrativeDto from the form: both texts always (an empty box clears its narrative, as the API takes it), with the version loaded. */
export function narrativeInput(entries: NarrativeEntries, version: number): Record<string, unknown> {
  return { dataTellsUs: entries.dataTellsUs, nextSteps: entries.nextSteps, version };
}

export function ratingEntriesFrom(body: Record<string, unknown>): RatingEntries {
  return { rating: text(body.rating), riskLabel: text(body.riskLabel), reason: typed(body.reason) };
}

/** The form as it opens: the chair's rating in force, or empty when the board sees the worked-out RAG. */
export function ratingEntriesOf(current: Pick<RatingView, 'rating' | 'riskLabel' | 'reason'> | null): RatingEntries {
  if (!current?.rating) return { rating: '', riskLabel: '', reason: '' };
  return { rating: current.rating, riskLabel: current.riskLabel ?? '', reason: current.reason ?? '' };
}

/** The API's PriorityRatingDto from the form: "No risk label" is left out (none), anything else goes as sent for the DTO to judge. */
export function ratingInput(entries: RatingEntries, version: number): Record<string, unknown> {
  const input: Record<string, unknown> = { reason: entries.reason, version };
  if (entries.rating) input.rating = entries.rating;
  if (entries.riskLabel) input.riskLabel = entries.riskLabel;
  return input;
}

const NARRATIVE_LABELS = { dataTellsUs: 'What the data tells us', nextSteps: 'Actions / next steps' } as const;
const UNREADABLE = 'The form could not be read. Open the priority again from the performance indicators and write it from there.';

/** The API's problems with the narratives, worded for the form and linked to each box. */
export function narrativeErrors(problems: Record<string, string>): FormErrors {
  const errors = noErrors();
  for (const field of ['dataTellsUs', 'nextSteps'] as const) {
    const problem = problems[field];
    if (!problem) continue;
    addError(errors, field, /shorter than or equal/.test(problem) ? `${NARRATIVE_LABELS[field]} must be ${NARRATIVE_MAX.toLocaleString('en-GB')} characters or fewer` : `${NARRATIVE_LABELS[field]} ${problem}`);
  }
  otherProblems(errors, problems, ['dataTellsUs', 'nextSteps'], 'dataTellsUs');
  return errors;
}

/** The API's problems with the rating, worded for the form: the rating, then the risk label, then the reason. */
export function ratingErrors(problems: Record<string, string>): FormErrors {
  const errors = noErrors();
  if (problems.rating) addError(errors, 'rating', 'Select the RAG rating the board should see');
  if (problems.riskLabel) addError(errors, 'riskLabel', 'Select Low, Medium or High Risk, or no risk label');
  if (problems.reason) {
    addError(errors, 'reason', /shorter than or equal/.test(problems.reason) ? `The reason must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer` : 'Enter the reason for your rating');
  }
  otherProblems(errors, problems, ['rating', 'riskLabel', 'reason'], 'rating');
  return errors;
}

/** A problem with what the form does not show (the month, the version) is said at its first field, where the person looks first. */
function otherProblems(errors: FormErrors, problems: Record<string, string>, shown: readonly string[], first: string): void {
  for (const [field, problem] of Object.entries(problems)) {
    if (shown.includes(field)) continue;
    addError(errors, first, field === 'month' ? `The month ${problem}` : UNREADABLE);
  }
}

/** The rating radios: the word, and what the board reads it as. */
export function ratingChoices(chosen: string) {
  const hints: Record<RagRating, string> = {
    red: 'Off track: the board will challenge the leads.',
    amber: 'At risk: some of its work or figures are behind.',
    green: 'On track.',
    blue: 'Complete: the priority’s work is done.',
  };
  return RAG_RATINGS.map((value) => ({ value, text: RAG_LABELS[value], hint: { text: hints[value] }, checked: value === chosen }));
}

export function riskChoices(chosen: string) {
  return [
    ...RISK_LABELS.map((value) => ({ value, text: RISK_LABEL_TEXT[value], checked: value === chosen })),
    { divider: 'or' },
    { value: '', text: 'No risk label', checked: chosen === '' },
  ];
}

/** "Red, High Risk": the chair's rating as the board's report heads the priority with it. */
export function ratingWords(rating: Pick<RatingView, 'rating' | 'riskLabel'>): string {
  if (!rating.rating) return 'Not rated';
  return `${RAG_LABELS[rating.rating]}${rating.riskLabel ? `, ${RISK_LABEL_TEXT[rating.riskLabel]}` : ''}`;
}

export interface ConflictRow {
  label: string;
  now: string;
  yours: string;
}

/** Where the narratives saved now differ from what this person wrote (the conflict partial's rows). */
export function narrativeConflictRows(current: Pick<NarrativeView, 'dataTellsUs' | 'nextSteps'> | null, entries: NarrativeEntries): ConflictRow[] {
  return (['dataTellsUs', 'nextSteps'] as const)
    .map((field) => ({ label: NARRATIVE_LABELS[field], now: current?.[field] ?? '', yours: entries[field] }))
    .filter((row) => row.now.trim() !== row.yours.trim());
}

/** Where the chair's rating saved now differs from the one entered; a withdrawn rating is saved as none. */
export function ratingConflictRows(current: Pick<RatingView, 'rating' | 'riskLabel' | 'reason'> | null, entries: RatingEntries): ConflictRow[] {
  const saved = ratingEntriesOf(current);
  const word = (rating: string) => (RAG_RATINGS as readonly string[]).includes(rating) ? RAG_LABELS[rating as RagRating] : rating;
  const risk = (label: string) => ((RISK_LABELS as readonly string[]).includes(label) ? RISK_LABEL_TEXT[label as RiskLabel] : label);
  return [
    { label: 'RAG rating', now: word(saved.rating), yours: word(entries.rating) },
    { label: 'Risk label', now: risk(saved.riskLabel), yours: risk(entries.riskLabel) },
    { label: 'Reason', now: saved.reason, yours: entries.reason },
  ].filter((row) => row.now.trim() !== row.yours.trim());
}

/**
 * The month a page is about, from `?month=YYYY-MM`: the board's next report
 * (the month before the current one) when none is asked for; a month that is
 * not one, or after the current one, is said as a problem and the default
 * shown meanwhile.
 */
export function pageMonthOf(asked: unknown, thisMonth: Month, fallback: Month): { month: Month; error: string | null } {
  if (asked === undefined || asked === '') return { month: fallback, error: null };
  if (typeof asked !== 'string' || !isMonth(asked)) return { month: fallback, error: 'Choose a month from the list' };
  if (compareMonths(asked, thisMonth) > 0) return { month: fallback, error: `Choose ${formatMonthLong(thisMonth)} or an earlier month: the board reports on months that have begun` };
  return { month: asked, error: null };
}

/** The month control's options, newest first, from the current month back; a month asked for further back is kept in the list. */
export function monthChoices(thisMonth: Month, chosen: Month, count = MONTH_CHOICES) {
  const months: Month[] = [];
  for (let i = 0; i < count; i += 1) months.push(addMonths(thisMonth, -i));
  if (!months.includes(chosen)) months.push(chosen);
  return months.map((month) => ({ value: month, text: formatMonthLong(month), selected: month === chosen }));
}

/**
 * A priority's month as the indicators page shows it to those who read the
 * whole plan: the chair's rating (or that the worked-out RAG stands), the two
 * narratives as the board's report for the month prints them, and, for the
 * chair and admins, the way to write them.
 */
export function priorityOnPage(input: {
  planId: string;
  sectionId: string;
  title: string;
  month: Month;
  narrative: Pick<NarrativeView, 'dataTellsUs' | 'nextSteps'> | null;
  rating: Pick<RatingView, 'rating' | 'riskLabel' | 'reason' | 'setBy' | 'recordedAt'> | null;
  judge: boolean;
}) {
  const monthLabel = formatMonthLong(input.month);
  const rated = input.rating?.rating ? input.rating : null;
  return {
    monthLabel,
    rating: rated
      ? { tag: ragTag(rated.rating) as Tag, words: ratingWords(rated), reason: rated.reason ?? '', setBy: rated.setBy?.name ?? 'the chair', setAt: rated.recordedAt }
      : null,
    dataTellsUs: input.narrative?.dataTellsUs ?? null,
    nextSteps: input.narrative?.nextSteps ?? null,
    write: input.judge ? { href: priorityPath(input.planId, input.sectionId, input.month), text: `Write the narrative and rating for ${monthLabel}`, hidden: input.title } : null,
  };
}

/** When the board's report for the month reads the record as it stood on a day already past, what is saved now is not in it: the page says so. */
export function recordedNote(month: Month, recordedBy: CalendarDate | null): string | null {
  if (recordedBy === null) return null;
  return `The board’s report for ${formatMonthLong(month)} reads the record as it stood at the end of ${formatLongDate(recordedBy)}, when that month’s report was written. What you save now is kept on the record, but that report shows it only when read as the record stands now.`;
}

/**
 * A priority's RAG for the month as the board's report works it out, words
 * and reasons alike: once from the record alone (the chair's rating set
 * aside), and once as the board will read it (with the chair's rating in
 * force). Null when the report has no such priority.
 */
export function workedOutRag(input: PerformanceReportInput, sectionId: string) {
  const priority = input.priorities.find((p) => p.id === sectionId);
  if (!priority) return null;
  // The report's own view model, for this priority alone and without charts (their sentences stand in, and are not shown here).
  const view = (chairRatings: typeof priority.chairRatings) => performanceReportView({ ...input, priorities: [{ ...priority, chairRatings }] }, new Map(), { appendix: '1', title: null }).priorities[0];
  const record = view([]);
  const board = view(priority.chairRatings);
  return {
    record: { tag: ragTag(record.tone), ragText: record.ragText, reasons: record.reasons },
    board: { tag: ragTag(board.tone), ragText: board.ragText },
    indicators: priority.indicators.length,
    activities: priority.activities.length,
  };
}
