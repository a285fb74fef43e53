import { initialsOf } from '../initials';
import { PastedRow, columnOf, paperDate, pastedRows } from './pasted-table';

/** Someone who sits at the board, whom initials in the minutes may name. */
export interface Seated {
  id: string;
  name: string;
}

export interface OwnerMatch {
  initials: string;
  /** The one member these initials name, or null. */
  person: Seated | null;
  /** Why the initials were not matched: nobody at the board has them, or several do. */
  problem: string | null;
  /** For ambiguous initials: everyone they could mean. */
  candidates: Seated[];
}

export interface ImportedAction {
  line: number;
  text: string;
  owners: OwnerMatch[];
  /** Null when the paper gave none: the board's next meeting. */
  dueOn: string | null;
  warnings: string[];
}

export interface ActionLogImport {
  actions: ImportedAction[];
  /** Lines that are not actions, and why. */
  skipped: Array<{ line: number; reason: string }>;
}

const INITIALS = /^[A-Z][A-Za-z]{0,3}$/;
const OWNER_CELL = /^[A-Z][A-Za-z]{0,3}(\s*[/,&]\s*[A-Z][A-Za-z]{0,3})*$/;
const TEXT_HEADING = /^(actions?( agreed)?|agreed actions?|description|item|minutes?|text|what)$/i;
const OWNER_HEADING = /^(owners?|action by|by who(m)?|who|lead|initials|responsible)$/i;
const DUE_HEADING = /^(due( by| date)?|by when|deadline|date|target date)$/i;

/** "AW/AA/FB", "AW, FB", "AW & FB" -> ["AW", "AA", "FB"]. */
export function splitInitials(cell: string): string[] {
  return cell
    .split(/\s*[/,&]\s*|\s+and\s+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Initials matched to the people at the board by their names' initials: one match is the owner; none or several are flagged. */
export function matchInitials(initials: string, seated: readonly Seated[]): OwnerMatch {
  const candidates = seated.filter((person) => initialsOf(person.name) === initials.toUpperCase());
  if (candidates.length === 1) return { initials, person: candidates[0], problem: null, candidates: [] };
  if (candidates.length === 0) return { initials, person: null, problem: 'nobody at the board has these initials', candidates: [] };
  return { initials, person: null, problem: `ambiguous: ${candidates.map((person) => person.name).join(' or ')}`, candidates };
}

/**
 * An action log pasted from minutes: a row per action with its text, the
 * owners' initials (the ACTION column: "AW/AA/FB") and, when the paper has
 * one, a due date. With a heading row the columns are found by name; without
 * one, the column of initials is found by its look and the text is the
 * longest cell of the rest.
 */
export function readActionLog(text: string, seated: readonly Seated[]): ActionLogImport {
  const rows = pastedRows(text);
  const skipped: ActionLogImport['skipped'] = [];
  if (rows.length === 0) return { actions: [], skipped };
  let body: PastedRow[] = rows;
  let textColumn = -1;
  let ownerColumn = -1;
  let dueColumn = -1;
  const header = rows[0].cells;
  const named = { text: columnOf(header, TEXT_HEADING), owner: columnOf(header, OWNER_HEADING), due: columnOf(header, DUE_HEADING) };
  if (named.owner >= 0 || named.due >= 0 || (named.text >= 0 && header.every((cell) => !OWNER_CELL.test(cell) || TEXT_HEADING.test(cell)))) {
    body = rows.slice(1);
    ({ text: textColumn, owner: ownerColumn, due: dueColumn } = named);
  }
  const width = Math.max(...body.map((row) => row.cells.length));
  if (ownerColumn < 0) {
    // The ACTION column of minutes: the column (other than the text's) whose cells look most like initials.
    const scores = Array.from({ length: width }, (_, column) => (column === textColumn ? -1 : body.filter((row) => OWNER_CELL.test(row.cells[column] ?? '')).length));
    const best = Math.max(...scores);
    ownerColumn = best > 0 ? scores.indexOf(best) : -1;
  }
  if (dueColumn < 0) {
    const scores = Array.from({ length: width }, (_, column) => ([textColumn, ownerColumn].includes(column) ? -1 : body.filter((row) => paperDate(row.cells[column] ?? '') !== null).length));
    const best = Math.max(...scores);
    dueColumn = best > 0 ? scores.indexOf(best) : -1;
  }
  if (textColumn < 0) {
    const lengths = Array.from({ length: width }, (_, column) =>
      [ownerColumn, dueColumn].includes(column) ? -1 : body.reduce((sum, row) => sum + (row.cells[column]?.length ?? 0), 0),
    );
    textColumn = lengths.indexOf(Math.max(...lengths));
  }
  const actions: ImportedAction[] = [];
  for (const row of body) {
    const actionText = (row.cells[textColumn] ?? '').replace(/^\d+[.)]\s*/, '').trim();
    if (!actionText) {
      skipped.push({ line: row.line, reason: 'no action text' });
      continue;
    }
    const warnings: string[] = [];
    const ownerCell = ownerColumn >= 0 ? (row.cells[ownerColumn] ?? '') : '';
    const initials = splitInitials(ownerCell);
    const bad = initials.filter((part) => !INITIALS.test(part));
    if (bad.length) warnings.push(`"${bad.join('", "')}" ${bad.length === 1 ? 'does' : 'do'} not look like initials`);
    const owners = initials.filter((part) => INITIALS.test(part)).map((part) => matchInitials(part, seated));
    if (owners.length === 0) warnings.push('no owner given');
    for (const owner of owners) if (owner.problem) warnings.push(`${owner.initials}: ${owner.problem}`);
    const dueCell = dueColumn >= 0 ? (row.cells[dueColumn] ?? '') : '';
    const dueOn = dueCell ? paperDate(dueCell) : null;
    if (dueCell && !dueOn) warnings.push(`"${dueCell}" is not a date; due by the board's next meeting instead`);
    actions.push({ line: row.line, text: actionText, owners, dueOn, warnings });
  }
  return { actions, skipped };
}
