import type { BoardView } from '../../../boards/board-views';
import type { BoardKind } from '../../../boards/entities/board.entities';
import { FieldWording, text } from '../../forms';
import { Difference, differences, listOf } from './admin-forms';

/**
 * The form that sets a board up (admins): its name, kind, how often it meets,
 * who chairs it and who sits at it, and what it oversees. What it sends is
 * the API's CreateBoardDto / UpdateBoardDto; BoardsService judges the rest
 * (names taken, people or plans that do not exist, a chair listed as a
 * member too), and its refusals come back here to be worded per field.
 */

export interface BoardForm {
  name: string;
  kind: string;
  /** As typed: a whole number of months, or empty for "not set". */
  cadence: string;
  chairIds: string[];
  memberIds: string[];
  planIds: string[];
  indicatorIds: string[];
}

export const BOARD_KIND_CHOICES: Array<{ value: BoardKind; text: string; hint: string }> = [
  { value: 'improvement_board', text: 'Improvement board', hint: 'Oversees the improvement plan, with partner agencies at the table and often an independent chair.' },
  { value: 'scrutiny_panel', text: 'Scrutiny panel', hint: 'Councillors who make recommendations to the service and keep a monitoring list of them until they accept each as done.' },
  { value: 'partnership_executive', text: 'Partnership executive', hint: 'The safeguarding partnership’s executive.' },
  { value: 'other', text: 'Other', hint: 'Any other board that governs plans.' },
];

/** How the form names the API's fields, in the form's order. List fields' labels end in a colon: the service's words name the person or plan after it. */
export const BOARD_WORDING: Record<string, FieldWording> = {
  name: { label: 'The name', empty: 'Enter the board’s name' },
  kind: { label: 'The kind of board', empty: 'Select the kind of board', invalid: 'Select the kind of board' },
  cadenceMonths: { label: 'How often it meets', id: 'cadenceMonths', invalid: 'Enter how often it meets as a whole number of months from 1 to 24, or leave it empty' },
  chairIds: { label: 'Chairs:', id: 'chairIds' },
  memberIds: { label: 'Members:', id: 'memberIds' },
  planIds: { label: 'Plans it oversees:', id: 'planIds' },
  indicatorIds: { label: 'Indicators it watches:', id: 'indicatorIds' },
};

const LIST_FIELDS = ['chairIds', 'memberIds', 'planIds', 'indicatorIds'] as const;

/**
 * What tells two people apart on the board form: their job title and the agencies they lead, an agency
 * the job title already names said once ("Designated Nurse, NHS Southampton", not "…, NHS Southampton,
 * NHS Southampton"); their email when there is neither.
 */
export function personHint(person: { jobTitle: string | null; email: string; leadAgencies: Array<{ name: string }> }): string {
  const agencies = person.leadAgencies.map((agency) => agency.name).filter((name) => !person.jobTitle?.includes(name));
  return [person.jobTitle, ...agencies].filter(Boolean).join(', ') || person.email;
}

export function emptyBoardForm(): BoardForm {
  return { name: '', kind: '', cadence: '', chairIds: [], memberIds: [], planIds: [], indicatorIds: [] };
}

/** The form filled from the board as it is saved. */
export function boardFormValues(board: BoardView): BoardForm {
  return {
    name: board.name,
    kind: board.kind,
    cadence: board.cadenceMonths === null ? '' : String(board.cadenceMonths),
    chairIds: board.chairs.map((person) => person.id),
    memberIds: board.members.map((person) => person.id),
    planIds: board.plans.map((plan) => plan.id),
    indicatorIds: board.indicators.map((indicator) => indicator.id),
  };
}

/** The form as sent: text trimmed, ticked boxes as lists. */
export function readBoardForm(body: Record<string, unknown>): BoardForm {
  return {
    name: text(body.name).trim(),
    kind: text(body.kind),
    cadence: text(body.cadence).trim(),
    chairIds: listOf(body.chairIds),
    memberIds: listOf(body.memberIds),
    planIds: listOf(body.planIds),
    indicatorIds: listOf(body.indicatorIds),
  };
}

/**
 * What the form sends the API. An empty "how often" clears the cadence; a
 * whole number goes as a number; anything else goes as typed, for the DTO to
 * refuse ("must be a whole number of months") rather than this page guessing.
 */
export function boardInput(values: BoardForm): Record<string, unknown> {
  const cadence = values.cadence === '' ? null : /^\d{1,4}$/.test(values.cadence) ? Number(values.cadence) : values.cadence;
  return {
    name: values.name,
    kind: values.kind === '' ? undefined : values.kind,
    cadenceMonths: cadence,
    chairIds: values.chairIds,
    memberIds: values.memberIds,
    planIds: values.planIds,
    indicatorIds: values.indicatorIds,
  };
}

/**
 * The API's problems said once per box: one item's problem ("memberIds[1]":
 * "is already a chair of the board") names the person or plan it is about,
 * from the form's own list; class-validator's "each value in chairIds…" is
 * said of the box.
 */
export function boardProblems(problems: Record<string, string>, values: BoardForm, nameOf: (id: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, problem] of Object.entries(problems)) {
    const item = /^(chairIds|memberIds|planIds|indicatorIds)\[(\d+)\]$/.exec(path);
    if (item) {
      const field = item[1] as (typeof LIST_FIELDS)[number];
      const id = values[field][Number(item[2])];
      const name = id === undefined ? undefined : nameOf(id);
      out[field] ??= name ? `${name} ${problem}` : 'choose from the list: one of those ticked no longer exists';
    } else if ((LIST_FIELDS as readonly string[]).includes(path)) out[path] ??= 'choose from the list';
    else out[path] ??= problem;
  }
  return out;
}

/** Where what the admin entered differs from what is saved now, for the conflict page; lists as names, one a line. */
export function boardDifferences(now: BoardForm, yours: BoardForm, nameOf: (id: string) => string | undefined): Difference[] {
  const names = (ids: string[]) => ids.map((id) => nameOf(id) ?? '').join('\n');
  const kind = (value: string) => BOARD_KIND_CHOICES.find((choice) => choice.value === value)?.text ?? value;
  const cadence = (value: string) => (value === '' ? 'Not set' : /^\d+$/.test(value) ? `Every ${value === '1' ? 'month' : `${value} months`}` : value);
  return differences([
    { label: 'Name', now: now.name, yours: yours.name },
    { label: 'Kind', now: kind(now.kind), yours: kind(yours.kind) },
    { label: 'How often it meets', now: cadence(now.cadence), yours: cadence(yours.cadence) },
    { label: 'Chairs', now: names(now.chairIds), yours: names(yours.chairIds) },
    { label: 'Members', now: names(now.memberIds), yours: names(yours.memberIds) },
    { label: 'Plans it oversees', now: names(now.planIds), yours: names(yours.planIds) },
    { label: 'Indicators it watches', now: names(now.indicatorIds), yours: names(yours.indicatorIds) },
  ]);
}

/** "Every 2 months", "Every month", "Not set". */
export function cadenceText(months: number | null): string {
  if (months === null) return 'Not set';
  return months === 1 ? 'Every month' : `Every ${months} months`;
}
