import { ConflictException, HttpException } from '@nestjs/common';
import type { Role } from '../../../accounts/roles';
import { FieldValidationException } from '../../../common/validation';
import type { TimescaleBand } from '../../../deadlines';
import type { ActivityStatus, PlanKind, PlanStatus } from '../../../plans/plan-vocabulary';
import { addError, FieldWording, FormErrors, text } from '../../forms';

/**
 * What the administration pages share: reading GOV.UK date inputs, lists
 * typed one a line, checkboxes, versions; the council's words for the API's
 * codes; and telling a stale version (someone else saved first) from any
 * other refusal.
 */

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export interface DateField {
  /** What to send the API: 'YYYY-MM-DD' (or 'YYYY-MM' where a month will do), null when left empty. */
  value: string | null;
  parts: DateParts;
  /** The page's own problem with the parts (missing or not numbers), in GOV.UK's words; the API's rules judge the rest. */
  problem: string | null;
}

/**
 * A GOV.UK date input (`<name>-day`, `-month`, `-year`) as one date. Where
 * `monthAllowed`, a month and year without a day mean "by the end of that
 * month" (the API's 'YYYY-MM'), as plans write "September 2012".
 */
export function dateFromParts(body: Record<string, unknown>, name: string, label: string, options: { monthAllowed?: boolean } = {}): DateField {
  const parts = { day: text(body[`${name}-day`]).trim(), month: text(body[`${name}-month`]).trim(), year: text(body[`${name}-year`]).trim() };
  if (!parts.day && !parts.month && !parts.year) return { value: null, parts, problem: null };
  const missing = (['day', 'month', 'year'] as const).filter((part) => !parts[part] && !(part === 'day' && options.monthAllowed && parts.month && parts.year));
  if (missing.length) return { value: null, parts, problem: `${label} must include a ${missing.join(' and ')}` };
  const numbers = [parts.day, parts.month, parts.year].every((part) => part === '' || /^\d+$/.test(part));
  if (!numbers || parts.year.length !== 4 || parts.month.length > 2 || parts.day.length > 2) return { value: null, parts, problem: `${label} must be a real date` };
  const month = parts.month.padStart(2, '0');
  return { value: parts.day ? `${parts.year}-${month}-${parts.day.padStart(2, '0')}` : `${parts.year}-${month}`, parts, problem: null };
}

/** The parts to fill a date input with: '2012-09-13' -> 13 / 9 / 2012; a month-precision date leaves the day empty. */
export function datePartsOf(value: string | null | undefined, precision: 'day' | 'month' = 'day'): DateParts {
  const match = value ? /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value) : null;
  if (!match) return { day: '', month: '', year: '' };
  return { day: precision === 'month' || !match[3] ? '' : String(Number(match[3])), month: String(Number(match[2])), year: match[1] };
}

/** A textarea typed one item a line: trimmed, blank lines left out. */
export function linesOf(value: unknown): string[] {
  return text(value)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Checkboxes (or a repeated field) as a list of strings: one ticked box arrives as a string, several as an array. */
export function listOf(value: unknown): string[] {
  if (typeof value === 'string') return value ? [value] : [];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '');
  return [];
}

/** The version a form carries, as the API's DTO expects it: a whole number, or the text as sent so the DTO refuses it. */
export function versionOf(value: unknown): number | string {
  const raw = text(value);
  return /^\d{1,9}$/.test(raw) ? Number(raw) : raw;
}

/** The version a page's form carries in its `version` field, or NaN (which the DTO refuses) when it is not a whole number. */
export function formVersionOf(body: Record<string, unknown>): number {
  const raw = text(body.version);
  return /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
}

/** Text that may be left empty: null when it is, as the API clears a field. */
export function optionalText(value: unknown): string | null {
  const trimmed = text(value).trim();
  return trimmed === '' ? null : trimmed;
}

/** Someone else saved first: the API's 409 with the current state, which a page answers with the conflict page. */
export function isStaleVersion(error: unknown): error is ConflictException {
  if (!(error instanceof ConflictException)) return false;
  const body = error.getResponse();
  return typeof body === 'object' && body !== null && 'current' in body;
}

/** A service's field errors, `{ "source.publishedOn": "must not be before the inspection" }`. */
export function problemsOf(error: FieldValidationException): Record<string, string> {
  return (error.getResponse() as { errors?: Record<string, string> }).errors ?? {};
}

/** The reason a service gave for a refusal that is not about one field (a 409 such as "still leads 3 activities"). */
export function reasonOf(error: HttpException): string {
  const body = error.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? message : error.message;
}

export interface Difference {
  label: string;
  now: string;
  yours: string;
}

/** The fields where what the person entered differs from what is saved now, for the conflict page. */
export function differences(fields: Difference[]): Difference[] {
  return fields.filter((field) => field.now.trim() !== field.yours.trim());
}

export const PLAN_KIND_NAMES: Record<PlanKind, string> = {
  ofsted_inspection: 'Ofsted inspection',
  focused_visit: 'Ofsted focused visit',
  monitoring_visit: 'Ofsted monitoring visit',
  serious_case_review: 'Serious case review',
  multi_agency_audit: 'Multi-agency audit',
  business_plan: 'Business plan',
  other: 'Other',
};

export const PLAN_STATUS_NAMES: Record<PlanStatus, string> = { draft: 'Draft', approved: 'Approved', closed: 'Closed' };

export const BAND_NAMES: Record<TimescaleBand, string> = {
  immediately: 'Immediately',
  within_three_months: 'Within three months',
  within_six_months: 'Within six months',
  by_date: 'By a date',
};

export const ACTIVITY_STATUS_NAMES: Record<ActivityStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  complete: 'Complete',
  blocked: 'Blocked',
  deferred: 'Deferred',
  cancelled: 'Cancelled',
};

export const ROLE_HINTS: Record<Role, string> = {
  admin: 'Manages plans, people, lead agencies and imports.',
  board_chair: 'Reads the plans they chair, reviews them, verifies complete work and overrides ratings.',
  service_head: 'Reports progress on the activities their lead agencies lead or they own.',
  viewer: 'Reads the plans they are given.',
};

/** Items for govukRadios or a select from a code -> words table, with the chosen one checked. */
export function choices<K extends string>(names: Record<K, string>, chosen: string | null | undefined): Array<{ value: K; text: string; checked: boolean; selected: boolean }> {
  return (Object.entries(names) as Array<[K, string]>).map(([value, words]) => ({ value, text: words, checked: value === chosen, selected: value === chosen }));
}

/** Every page of a paged service list, for a form's choices (agencies, people, plans): a council has hundreds, not millions. */
export async function everyPage<T>(fetch: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page += 1) {
    const result = await fetch(page, 200);
    all.push(...result.items);
    if (result.items.length === 0 || all.length >= result.total) return all;
  }
}

/**
 * Puts the page's own words for a field in place of the rule's, keeping its
 * place in the summary: a date input's "must include a month" rather than the
 * DTO's "must be a real date".
 */
export function replaceError(errors: FormErrors, id: string, message: string): void {
  if (!errors.byField[id]) {
    addError(errors, id, message);
    return;
  }
  errors.byField[id] = message;
  const item = errors.summary.find((entry) => entry.href === `#${id}`);
  if (item) item.text = message;
}

/** What a date input sends the DTO: its value, or (when its parts are wrong) something the DTO refuses in the field's place. */
export function dateInputValue(date: DateField): string | null {
  return date.problem ? 'not a date' : date.value;
}

/** The page's own date problems, in place of the DTO's words for the same fields. */
export function withDateProblems(errors: FormErrors, dates: Array<[id: string, date: DateField]>): FormErrors {
  for (const [id, date] of dates) if (date.problem) replaceError(errors, id, date.problem);
  return errors;
}

/** GOV.UK pagination for a list, or null when it fits on one page: the first, last and neighbouring pages, with gaps between. */
export function paginationOf(page: number, pageSize: number, total: number, hrefFor: (page: number) => string) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = [];
  shown.forEach((n, index) => {
    if (index > 0 && n - shown[index - 1] > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: hrefFor(n), current: n === page });
  });
  return {
    previous: page > 1 ? { href: hrefFor(page - 1) } : null,
    next: page < pages ? { href: hrefFor(page + 1) } : null,
    items,
  };
}

/**
 * A service's errors for the items of a list typed one a line
 * (`aliases[2]`), as one error for the box they were typed in: the first
 * problem, which names the item itself.
 */
export function collapseIndexed(problems: Record<string, string>, field: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, problem] of Object.entries(problems)) {
    const key = path.startsWith(`${field}[`) ? field : path;
    if (!(key in out)) out[key] = problem;
  }
  return out;
}

/**
 * The wording for a service's own refusals (after the DTO passed): labels
 * only, so "must not be before the inspection" is said rather than the
 * format message a field's `invalid` gives for what the DTO refuses.
 */
export function labelsOnly(wording: Record<string, FieldWording>): Record<string, FieldWording> {
  return Object.fromEntries(Object.entries(wording).map(([path, words]) => [path, { label: words.label, id: words.id }]));
}
