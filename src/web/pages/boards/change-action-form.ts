import type { ActionView, PersonView } from '../../../boards/board-views';
import type { DateParts } from '../../date-input';
import { partsOf } from '../../date-input';
import { FieldWording } from '../../forms';
import { ownerProblems } from './boards-forms';

/**
 * The chair's "change an action" form: its text, owners and due date, and
 * the initials from the minutes still to settle (those an import matched to
 * nobody, or to several people). What it sends is the API's UpdateActionDto;
 * ActionsService settles an owner's initials itself and refuses the rest.
 */
export interface ChangeActionEntries {
  text: string;
  ownerIds: string[];
  /** The initials left ticked as still to settle. */
  unresolved: string[];
  dueOn: DateParts;
}

export const CHANGE_ACTION_WORDING: Record<string, FieldWording> = {
  text: { label: 'The action', empty: 'Enter the action agreed' },
  ownerIds: { label: 'Owners', id: 'ownerIds' },
  unresolvedOwners: { label: 'Initials still to settle:', id: 'unresolvedOwners' },
  dueOn: { label: 'The due date', id: 'dueOn-day' },
};

export function changeActionEntries(action: ActionView): ChangeActionEntries {
  return { text: action.text, ownerIds: action.owners.map((owner) => owner.id), unresolved: [...action.unresolvedOwners], dueOn: partsOf(action.dueOn) };
}

/** The API's problems said once per box: any owner's against the owners, any initials' against the initials. */
export function changeActionProblems(problems: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, problem] of Object.entries(ownerProblems(problems))) {
    if (path.startsWith('unresolvedOwners')) out.unresolvedOwners ??= 'choose from the initials the minutes used';
    else out[path] ??= problem;
  }
  return out;
}

/**
 * Why initials were not matched, as the board stands now: nobody at the
 * board has them, or several people do (named, so the chair can choose).
 */
export function initialsHint(initials: string, seated: readonly Pick<PersonView, 'name' | 'initials'>[]): string {
  const matches = seated.filter((person) => person.initials === initials.toUpperCase());
  if (matches.length === 0) return 'Nobody at the board has these initials. Choose whom they meant above, or untick them once settled.';
  if (matches.length === 1) return `${matches[0].name} has these initials: choosing them as an owner settles them.`;
  return `${matches.length} people at the board have these initials: ${matches.map((person) => person.name).join(', ')}. Choose the one meant as an owner.`;
}

/** The conflict page's rows: owners as names, initials and dates as written. */
export function changeActionRows(entries: ChangeActionEntries, nameOf: (id: string) => string): { text: string; owners: string; unresolved: string; due: string } {
  return {
    text: entries.text.trim(),
    owners: entries.ownerIds.map(nameOf).join('\n'),
    unresolved: entries.unresolved.join(', '),
    due: [entries.dueOn.day, entries.dueOn.month, entries.dueOn.year].join(' / '),
  };
}
