import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fieldErrors } from '../common/validation';

/** How a page names one field of the API's DTO, and links its error to the input. */
export interface FieldWording {
  /** The label, as the page shows it ("Email address"). */
  label: string;
  /** The id of the input to link the error to; the field path when left out. */
  id?: string;
  /** When nothing was entered: GOV.UK's "Enter your email address". */
  empty?: string;
  /** Instead of the rule's own words, for any other problem. */
  invalid?: string;
}

export interface FormErrors {
  /** By input id: the message under the field. */
  byField: Record<string, string>;
  /** For the error summary, in the order of the form: each links to its field. */
  summary: Array<{ text: string; href: string }>;
}

export const noErrors = (): FormErrors => ({ byField: {}, summary: [] });

export function hasErrors(errors: FormErrors): boolean {
  return errors.summary.length > 0;
}

/**
 * Checks what a form sent against the very DTO the API validates, so a page
 * and the API refuse the same things, and words each problem for a person:
 * "Enter your name" rather than "name: must not be empty".
 */
export function validateForm<T extends object>(dto: new () => T, input: Record<string, unknown>, wording: Record<string, FieldWording>): { value: T; errors: FormErrors } {
  const { value, problems } = dtoProblems(dto, input);
  return { value, errors: formErrors(problems, input, wording) };
}

/** The API DTO's own problems with what a form sent, `{ "field.path": "problem" }`, for a page that words them itself. */
export function dtoProblems<T extends object>(dto: new () => T, input: Record<string, unknown>): { value: T; problems: Record<string, string> } {
  const value = plainToInstance(dto, input, { enableImplicitConversion: false });
  // The value goes with each error as for the API (fieldErrors tells a missing field from a wrong one by it); it is never shown.
  const problems = fieldErrors(validateSync(value, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: true } }));
  return { value, problems };
}

/**
 * Turns `{ "field.path": "problem" }` (from class-validator, or a service's
 * FieldValidationException) into a page's errors, in the order of `wording`
 * (the form's order); fields the page does not show (a hidden version sent
 * changed, a field it has no input for) come last, linked to the form's first
 * field, since a link to an input that is not on the page leads nowhere.
 */
export function formErrors(problems: Record<string, string>, input: Record<string, unknown>, wording: Record<string, FieldWording>): FormErrors {
  const errors = noErrors();
  const order = Object.keys(wording);
  const paths = Object.keys(problems).sort((a, b) => rank(order, a) - rank(order, b));
  for (const path of paths) {
    const words = wording[path];
    const id = words?.id ?? (shown(wording, path) ? path : firstField(wording) ?? path);
    const blank = isBlank(valueAt(input, path));
    const text = words
      ? blank && words.empty
        ? words.empty
        : (words.invalid ?? `${words.label} ${problems[path]}`)
      : `${path} ${problems[path]}`;
    if (errors.byField[id]) continue;
    errors.byField[id] = text;
    errors.summary.push({ text, href: `#${id}` });
  }
  return errors;
}

/** One more problem a page finds itself (e.g. two passwords that differ). */
export function addError(errors: FormErrors, id: string, text: string): void {
  if (errors.byField[id]) return;
  errors.byField[id] = text;
  errors.summary.push({ text, href: `#${id}` });
}

export function oneError(id: string, message: string): FormErrors {
  const errors = noErrors();
  addError(errors, id, message);
  return errors;
}

/** Whether the page shows the field a path is in: worded itself, or an item of a worded list or group (`outcomeMeasures[2]`). */
function shown(wording: Record<string, FieldWording>, path: string): boolean {
  return Object.hasOwn(wording, path.split(/[.[]/)[0]);
}

function firstField(wording: Record<string, FieldWording>): string | undefined {
  const [first] = Object.entries(wording);
  return first ? (first[1].id ?? first[0]) : undefined;
}

function rank(order: string[], path: string): number {
  const index = order.indexOf(path);
  return index === -1 ? order.length : index;
}

function valueAt(input: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), input);
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A form field's text as sent: one string, never an array (a repeated field) or an object. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
