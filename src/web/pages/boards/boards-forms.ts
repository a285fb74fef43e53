import type { DateParts } from '../../date-input';
import { addError, FieldWording, FormErrors, formErrors } from '../../forms';

/** What the "record an action" form sent, kept to show it again. */
export interface NewActionEntries {
  text: string;
  ownerIds: string[];
  dueOn: DateParts;
  note: string;
}

/** How the "record an action" form names the API's fields (CreateActionDto). */
export const ACTION_WORDING: Record<string, FieldWording> = {
  text: { label: 'The action', empty: 'Enter the action agreed' },
  ownerIds: { label: 'Owners', id: 'ownerIds' },
  dueOn: { label: 'The due date', id: 'dueOn-day' },
  note: { label: 'The note' },
};

/** How the "close an action" form names the API's field (CloseActionDto): the API's own words follow. */
export const CLOSE_WORDING: Record<string, FieldWording> = { note: { label: 'The note' } };

/** Problems with any one owner ("ownerIds[1]") shown once, against the owners' checkboxes. */
export function ownerProblems(problems: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, problem] of Object.entries(problems)) {
    if (path.startsWith('ownerIds')) out.ownerIds ??= problem.startsWith('is not') ? 'must sit at the board: choose from its chairs and members' : problem;
    else out[path] = problem;
  }
  return out;
}

/** The close form's errors: the note's in the API's words; the action already closed, or a form that cannot be read, against the note. */
export function closeErrors(problems: Record<string, string>, input: Record<string, unknown>): FormErrors {
  const errors = formErrors(Object.fromEntries(Object.entries(problems).filter(([path]) => path === 'note')), input, CLOSE_WORDING);
  if (problems.status) addError(errors, 'note', problems.status === 'the action is already closed' ? 'The action is already closed' : `The action ${problems.status}`);
  if (problems.version) addError(errors, 'note', 'The form could not be read. Open the meeting again and close the action from there.');
  return errors;
}

/** How the "record the panel's decision" form names the API's fields (ScrutinyDecisionDto). */
export const DECISION_WORDING: Record<string, FieldWording> = {
  meetingId: { label: 'The meeting', empty: 'Choose the meeting that decided' },
  decision: { label: 'The decision', empty: 'Choose the panel’s decision' },
  note: { label: 'The note' },
};

/**
 * ScrutinyService's refusals of a decision: a meeting's in the API's words
 * after "The meeting"; the monitoring rules' about the decision (written to
 * follow a field name) as a sentence of their own, against the radios.
 */
export function decisionErrors(problems: Record<string, string>, input: Record<string, unknown>): FormErrors {
  const errors = formErrors(Object.fromEntries(Object.entries(problems).filter(([path]) => path !== 'decision')), input, DECISION_WORDING);
  const problem = problems.decision;
  // "has already recorded…", "cannot decide on…" say what the panel did; "only an item…" stands alone.
  if (problem) addError(errors, 'decision', /^(has|cannot) /.test(problem) ? `The panel ${problem}` : problem.charAt(0).toUpperCase() + problem.slice(1));
  return errors;
}

/** What the "schedule a meeting" and "change the meeting" forms sent, kept to show it again. */
export interface MeetingEntries {
  meetingDate: DateParts;
  status: string;
  agenda: string;
}

/** How the meeting forms name the API's fields (CreateMeetingDto, UpdateMeetingDto); an agenda item's problem is the box's. */
export const MEETING_WORDING: Record<string, FieldWording> = {
  meetingDate: { label: 'The date of the meeting', id: 'meetingDate-day', empty: 'Enter the date of the meeting' },
  status: { label: 'The status', id: 'status' },
  agenda: { label: 'The agenda:', id: 'agenda' },
};

/** The agenda box as the API takes it: one item a line, blank lines left out. */
export function agendaItems(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The API's problems with the agenda's items said once, for the box:
 * class-validator's "each value in agenda must…" as "each item must…", and
 * one item's ("agenda[3]") naming its line.
 */
export function agendaProblems(problems: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, problem] of Object.entries(problems)) {
    const item = /^agenda\[(\d+)\]/.exec(path);
    if (item) out.agenda ??= `item ${Number(item[1]) + 1} ${problem}`;
    else if (path === 'agenda') out.agenda ??= problem.replace(/^each value in agenda /, 'each item ');
    else out[path] = problem;
  }
  return out;
}
