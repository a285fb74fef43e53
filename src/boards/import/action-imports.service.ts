import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldValidationException } from '../../common/validation';
import { ActionsService } from '../actions.service';
import { ActionView, loadActions } from '../board-views';
import { BoardsService } from '../boards.service';
import { ImportedAction, Seated, readActionLog } from './action-log-import';

export interface ActionImportPreview {
  actions: Array<{
    line: number;
    text: string;
    owners: Array<{ initials: string; personId: string | null; name: string | null; problem: string | null; candidates: string[] }>;
    dueOn: string | null;
    warnings: string[];
    /** Already in the meeting's log (same text): a second import does not record it twice. */
    alreadyRecorded: boolean;
  }>;
  skipped: Array<{ line: number; reason: string }>;
}

export interface ActionImportResult {
  created: ActionView[];
  /** Initials left for the chair to settle, by line. */
  flagged: Array<{ line: number; initials: string; problem: string }>;
  skipped: Array<{ line: number; reason: string }>;
}

/**
 * An action log pasted from a meeting's minutes, previewed (owners matched
 * from initials to the people at the board, the ambiguous and the unknown
 * flagged) before anything is written, then recorded in one transaction.
 * Initials not matched stay on the action (unresolvedOwners) for the chair
 * to settle; nobody is made an owner by a guess.
 */
@Injectable()
export class ActionImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly boards: BoardsService,
    private readonly actions: ActionsService,
  ) {}

  async preview(meetingId: string, text: string): Promise<ActionImportPreview> {
    const { read, recorded } = await this.read(meetingId, text);
    return {
      actions: read.actions.map((action) => ({
        line: action.line,
        text: action.text,
        owners: action.owners.map((owner) => ({
          initials: owner.initials,
          personId: owner.person?.id ?? null,
          name: owner.person?.name ?? null,
          problem: owner.problem,
          candidates: owner.candidates.map((candidate) => candidate.name),
        })),
        dueOn: action.dueOn,
        warnings: action.warnings,
        alreadyRecorded: recorded.has(key(action.text)),
      })),
      skipped: read.skipped,
    };
  }

  async commit(meetingId: string, text: string): Promise<ActionImportResult> {
    const { meeting, read, recorded } = await this.read(meetingId, text);
    const fresh = read.actions.filter((action) => !recorded.has(key(action.text)));
    const skipped = [...read.skipped, ...read.actions.filter((action) => recorded.has(key(action.text))).map((action) => ({ line: action.line, reason: 'already in the meeting’s action log' }))];
    const byLine = (index: number, field: string) => `line ${fresh[index].line}: ${field}`;
    const created = fresh.length
      ? await this.actions.createMany(
          meeting,
          fresh.map((action) => ({
            text: action.text,
            ownerIds: [...new Set(action.owners.flatMap((owner) => (owner.person ? [owner.person.id] : [])))],
            unresolvedOwners: action.owners.filter((owner) => !owner.person).map((owner) => owner.initials),
            dueOn: action.dueOn ?? undefined,
            note: null,
          })),
          byLine,
        )
      : [];
    return {
      created,
      flagged: fresh.flatMap((action: ImportedAction) => action.owners.filter((owner) => owner.problem).map((owner) => ({ line: action.line, initials: owner.initials, problem: owner.problem! }))),
      skipped: skipped.sort((a, b) => a.line - b.line),
    };
  }

  private async read(meetingId: string, text: string) {
    const meeting = await this.boards.chairedMeeting(meetingId, "Importing a meeting's actions");
    const seated: Seated[] = await this.dataSource.query('SELECT u.id, u.name FROM board_members m JOIN users u ON u.id = m.user_id WHERE m.board_id = $1 ORDER BY m.position', [meeting.boardId]);
    const read = readActionLog(text, seated);
    if (read.actions.length === 0) throw new FieldValidationException({ text: 'holds no actions: paste the action log table from the minutes (Action, Owner, Due)' });
    const { items } = await loadActions(this.dataSource.manager, { meetingId });
    return { meeting, read, recorded: new Set(items.map((item) => key(item.text))) };
  }
}

const key = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');
