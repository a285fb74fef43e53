import { ACTIVITY_STATUSES, ActivityStatus } from '../../../plans/plan-vocabulary';
import { STATUSES_NEEDING_A_NOTE } from '../../../progress/report-rules';
import { STATUS_LABELS } from '../../../progress/standing';
import { addError, FormErrors, noErrors, text } from '../../forms';

/** What the "Update progress" form sent, as typed: shown again on an error or a conflict, never altered. */
export interface UpdateEntries {
  status: string;
  percentComplete: string;
  note: string;
  evidenceLinks: string;
}

/** The field ids in the form's order: the error summary lists problems in this order. */
export const UPDATE_FIELDS = ['status', 'percentComplete', 'note', 'evidenceLinks'] as const;

export function updateEntriesFrom(body: Record<string, unknown>): UpdateEntries {
  return { status: text(body.status), percentComplete: text(body.percentComplete), note: text(body.note), evidenceLinks: text(body.evidenceLinks) };
}

/** The radios: each status in the council's words, with what it asks for. */
export const STATUS_CHOICES = ACTIVITY_STATUSES.map((value) => ({
  value,
  text: STATUS_LABELS[value],
  hint: STATUSES_NEEDING_A_NOTE.includes(value) ? { text: noteHint(value) } : undefined,
}));

function noteHint(status: ActivityStatus): string {
  switch (status) {
    case 'complete':
      return 'Say what was done and where the evidence is. The board chair checks it before marking the work verified.';
    case 'blocked':
      return 'Say what is stopping the work.';
    case 'deferred':
      return 'Say why the work is put off, and until when.';
    default:
      return 'Say why the work will not be done.';
  }
}

/** The evidence box takes one link a line (or separated by spaces); blank lines are nothing. */
export function evidenceLinksOf(entries: string): string[] {
  return entries
    .split(/\s+/)
    .map((link) => link.trim())
    .filter(Boolean);
}

/**
 * The API's progress report from the form: a status only when the person
 * chose one other than the activity's status when they opened the form (the
 * API keeps the status when it is left out, and asks for a note only when the
 * status changes to one that needs it); a percentage as a number when it is
 * one, else as typed so the DTO refuses it by name; the version they loaded.
 */
export function progressReportOf(entries: UpdateEntries, loadedStatus: string, version: number): Record<string, unknown> {
  const report: Record<string, unknown> = { version };
  if (entries.status && entries.status !== loadedStatus) report.status = entries.status;
  const percent = entries.percentComplete.trim().replace(/%$/, '').trim();
  if (percent !== '') report.percentComplete = /^\d{1,3}$/.test(percent) ? Number(percent) : percent;
  if (entries.note.trim()) report.note = entries.note;
  const links = evidenceLinksOf(entries.evidenceLinks);
  if (links.length) report.evidenceLinks = links;
  return report;
}

/**
 * The API's problems with a progress report (from its DTO or report-rules),
 * worded for a person as GOV.UK error messages, each linked to its field.
 */
export function progressErrors(problems: Record<string, string>, report: Record<string, unknown>): FormErrors {
  const errors = noErrors();
  const status = typeof report.status === 'string' ? report.status : undefined;
  for (const field of UPDATE_FIELDS) {
    const problem = problems[field];
    if (!problem) continue;
    // "complete, so percentComplete must be 100" is said once, at the percentage.
    if (field === 'status' && problem.startsWith('is complete') && problems.percentComplete) continue;
    addError(errors, field, wordProblem(field, problem, status));
  }
  // A refusal of a field the form does not show (the version) is the form's fault, not the person's: said at the top field.
  for (const [field, problem] of Object.entries(problems)) {
    if (!(UPDATE_FIELDS as readonly string[]).includes(field)) addError(errors, 'status', `The form could not be read (${field} ${problem}). Open the activity again and resend your update.`);
  }
  return errors;
}

function wordProblem(field: (typeof UPDATE_FIELDS)[number], problem: string, status: string | undefined): string {
  switch (field) {
    case 'status':
      if (problem.startsWith('is required')) return 'Choose a new status, or give a percent complete, a note or an evidence link';
      return 'Choose a status from the list';
    case 'percentComplete':
      if (problem.includes('must be 100')) return 'Percent complete must be 100 when the status is complete, or left empty';
      return 'Percent complete must be a whole number from 0 to 100';
    case 'note':
      if (problem.startsWith('is required')) return `Enter a note: it is needed when the status is ${statusWord(status)}. ${noteHint((status ?? 'cancelled') as ActivityStatus)}`;
      if (problem.includes('shorter than or equal')) return 'Note must be 5,000 characters or fewer';
      return 'Enter the note as text';
    case 'evidenceLinks':
      if (problem.includes('web links')) return 'Enter each evidence link as a web address starting with http:// or https://';
      if (problem.includes('no more than')) return 'Enter no more than 20 evidence links';
      return 'Enter each evidence link on a line of its own';
  }
}

function statusWord(status: string | undefined): string {
  return (status && (STATUS_LABELS as Record<string, string>)[status]?.toLowerCase()) || 'changed';
}
