import { bandLabel, formatLongDate, formatMonthYear, TimescaleBand } from '../deadlines';
import type { ActivityStatus, DueDatePrecision } from '../plans/plan-vocabulary';
import type { RagRating } from '../progress/rag';
import { RAG_LABELS, STATUS_LABELS, statusText } from '../progress/standing';

/** A govukTag's options: the words always, the colour only as well. */
export interface Tag {
  text: string;
  classes: string;
}

// govuk-frontend 6 has no blue modifier: its plain tag is blue. Amber is its orange.
const RAG_CLASSES: Record<RagRating, string> = { red: 'govuk-tag--red', amber: 'govuk-tag--orange', green: 'govuk-tag--green', blue: '' };

/** A RAG rating as a tag: "Red", "Amber", "Green", "Blue", or "Not rated" (cancelled work, or dates that cannot be counted). */
export function ragTag(rating: RagRating | null): Tag {
  if (!rating) return { text: 'Not rated', classes: 'govuk-tag--grey' };
  return { text: RAG_LABELS[rating], classes: RAG_CLASSES[rating] };
}

// Colours apart from the RAG ones (no red, orange, green or plain blue), so a status never reads as a rating.
const STATUS_CLASSES: Record<ActivityStatus, string> = {
  not_started: 'govuk-tag--grey',
  in_progress: 'govuk-tag--purple',
  complete: 'govuk-tag--teal',
  blocked: 'govuk-tag--magenta',
  deferred: 'govuk-tag--yellow',
  cancelled: 'govuk-tag--grey',
};

/** "In progress (40%)", "Complete, verified", as a tag. */
export function statusTag(status: ActivityStatus, percentComplete: number | null, verified: boolean): Tag {
  return { text: statusText(status, percentComplete, verified), classes: STATUS_CLASSES[status] };
}

export function statusLabel(status: ActivityStatus): string {
  return STATUS_LABELS[status] ?? status;
}

/** "13 September 2012", or "September 2012" for a plan that gave only the month; "No due date" for none. */
export function dueDateText(dueDate: string | null, precision: DueDatePrecision = 'day'): string {
  if (!dueDate) return 'No due date';
  return precision === 'month' ? formatMonthYear(dueDate as `${number}-${number}-${number}`) : formatLongDate(dueDate as `${number}-${number}-${number}`);
}

/** "Within three months", "By date". */
export function bandText(band: TimescaleBand): string {
  return bandLabel(band);
}

/** A reason as a board paper writes it, with its first letter capital: "Due 13 Sep 2012, 1 working day overdue". */
export function sentence(reason: string): string {
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

/** "1 working day", "3 working days". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}
