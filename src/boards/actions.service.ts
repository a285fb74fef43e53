import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { lockForChange } from '../common/optimistic-lock';
import { Page, pageOf } from '../common/pagination';
import { FieldValidationException } from '../common/validation';
import { CalendarDate, addCalendarMonths } from '../deadlines';
import { ActionView, MeetingView, actionLine, loadActions, loadBoards } from './board-views';
import { BoardsService } from './boards.service';
import { initialsOf } from './initials';
import { settledInitials } from './settled-initials';
import { ActionListQuery, CloseActionDto, CreateActionDto, UpdateActionDto } from './dto/boards.dto';
import { MeetingAction, MeetingActionOwner } from './entities/board.entities';
import { ActionLogView, actionLogView } from './papers/action-log';

const actionRecord = (view: ActionView) => ({
  meetingId: view.meetingId,
  number: view.number,
  text: view.text,
  ownerIds: view.owners.map((owner) => owner.id),
  unresolvedOwners: view.unresolvedOwners,
  dueOn: view.dueOn,
  status: view.status,
  note: view.note,
});

/** What an action needs when it is written: its text, owners and due date, and initials nobody could be matched to. */
export interface NewAction {
  text: string;
  ownerIds: string[];
  unresolvedOwners: string[];
  dueOn?: string;
  note: string | null;
}

/**
 * The action log: actions agreed at a meeting, written by the board's chair
 * (and admins), each with its owners (people at the board), due by the
 * board's next meeting unless said otherwise; closed only by the chair or an
 * owner, with a note. Open actions come back as matters arising in later
 * packs, and their owners are reminded through the digest.
 */
@Injectable()
export class ActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly boards: BoardsService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(query: ActionListQuery): Promise<Page<ActionView>> {
    await this.boards.get(query.boardId);
    const { items, total } = await loadActions(
      this.dataSource.manager,
      { boardId: query.boardId, meetingId: query.meetingId, status: query.status },
      { skip: (query.page - 1) * query.pageSize, take: query.pageSize },
    );
    return pageOf(items, total, query);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<ActionView> {
    const {
      items: [action],
    } = await loadActions(manager, { ids: [id] });
    if (!action) throw new NotFoundException(`No action with id ${id}`);
    await this.access.assertReadsBoard(action.boardId, `No action with id ${id}`, manager);
    return action;
  }

  async create(dto: CreateActionDto): Promise<ActionView> {
    const meeting = await this.boards.chairedMeeting(dto.meetingId, "Writing a meeting's actions");
    const [created] = await this.createMany(meeting, [{ text: dto.text, ownerIds: dto.ownerIds ?? [], unresolvedOwners: [], dueOn: dto.dueOn, note: dto.note ?? null }], (index, field) => field);
    return created;
  }

  /** Writes a meeting's new actions in one transaction; `field` names a problem's field for the caller (an import names its lines). */
  async createMany(meeting: MeetingView, actions: NewAction[], field: (index: number, field: string) => string): Promise<ActionView[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM meetings WHERE id = $1 FOR UPDATE', [meeting.id]);
      const seated = await this.seatedAt(manager, meeting.boardId);
      const errors: Record<string, string> = {};
      actions.forEach((action, index) => Object.assign(errors, this.ownerProblems(action.ownerIds, seated, (f) => field(index, f))));
      const defaultDue = actions.some((action) => !action.dueOn) ? await this.nextMeetingAfter(manager, meeting) : null;
      actions.forEach((action, index) => {
        if (!action.dueOn && !defaultDue) errors[field(index, 'dueOn')] = 'is required: the board has no later meeting and no cadence to work it out from';
      });
      if (Object.keys(errors).length) throw new FieldValidationException(errors);
      const [{ next }] = await manager.query('SELECT COALESCE(MAX(position), 0)::int + 1 AS next FROM meeting_actions WHERE meeting_id = $1', [meeting.id]);
      const ids: string[] = [];
      for (const [index, action] of actions.entries()) {
        const row = await manager.save(
          manager.create(MeetingAction, {
            meetingId: meeting.id,
            position: next + index,
            text: action.text.trim(),
            dueOn: action.dueOn ?? defaultDue!,
            status: 'open',
            note: action.note?.trim() || null,
            unresolvedOwners: action.unresolvedOwners,
          }),
        );
        await this.writeOwners(manager, row.id, action.ownerIds);
        ids.push(row.id);
      }
      const { items } = await loadActions(manager, { ids });
      await this.audit.recordMany(
        manager,
        items.map((view) => ({ action: 'create' as const, entityType: 'meeting_action', entityId: view.id, after: actionRecord(view) })),
      );
      return items;
    });
  }

  async update(id: string, dto: UpdateActionDto): Promise<ActionView> {
    const seen = await this.get(id);
    if (!(await this.access.chairsBoard(seen.boardId))) throw new ForbiddenException("Changing an action is for the board's chair (and admins); owners close theirs with a note");
    return this.dataSource.transaction(async (manager) => {
      const row = await lockForChange(manager, MeetingAction, id, dto.version, 'action', () => seen);
      const before = await this.get(id, manager);
      if (row.status === 'closed') throw new FieldValidationException({ status: 'the action is closed; it is not changed after' });
      if (dto.ownerIds !== undefined || dto.unresolvedOwners !== undefined) {
        const errors = dto.ownerIds !== undefined ? this.ownerProblems(dto.ownerIds, await this.seatedAt(manager, before.boardId), (f) => f) : {};
        const ownerInitials =
          dto.ownerIds !== undefined
            ? ((await manager.query('SELECT name FROM users WHERE id = ANY($1::uuid[])', [dto.ownerIds])) as Array<{ name: string }>).map((owner) => initialsOf(owner.name))
            : before.owners.map((owner) => owner.initials);
        // Owners chosen by hand settle the initials an import could not match; the chair settles the rest by leaving them out.
        const settled = settledInitials(row.unresolvedOwners, ownerInitials, dto.unresolvedOwners);
        for (const index of settled.unknown) errors[`unresolvedOwners[${index}]`] = 'is not among the initials from the minutes still to settle on this action';
        if (Object.keys(errors).length) throw new FieldValidationException(errors);
        if (dto.ownerIds !== undefined) {
          await manager.delete(MeetingActionOwner, { actionId: id });
          await this.writeOwners(manager, id, dto.ownerIds);
        }
        row.unresolvedOwners = settled.unresolved;
      }
      if (dto.text !== undefined) row.text = dto.text.trim();
      if (dto.dueOn !== undefined) row.dueOn = dto.dueOn;
      if (dto.status !== undefined) row.status = dto.status;
      if (dto.note !== undefined) row.note = dto.note?.trim() || null;
      row.version += 1;
      await manager.save(row);
      const after = await this.get(id, manager);
      await this.audit.record(manager, { action: 'update', entityType: 'meeting_action', entityId: id, before: actionRecord(before), after: actionRecord(after) });
      return after;
    });
  }

  /** The chair, an owner or an admin closes an action, saying what was done. */
  async close(id: string, dto: CloseActionDto): Promise<ActionView> {
    const seen = await this.get(id);
    if (!(await this.access.closesAction(seen.boardId, seen.owners.map((owner) => owner.id)))) {
      throw new ForbiddenException("An action is closed by the board's chair or one of its owners");
    }
    return this.dataSource.transaction(async (manager) => {
      const row = await lockForChange(manager, MeetingAction, id, dto.version, 'action', () => seen);
      const before = await this.get(id, manager);
      if (row.status === 'closed') throw new FieldValidationException({ status: 'the action is already closed' });
      row.status = 'closed';
      row.note = dto.note.trim();
      row.closedAt = this.clock.stamp() ?? new Date();
      const who = this.access.who();
      row.closedById = who.kind === 'person' ? who.actor.id : null;
      row.version += 1;
      await manager.save(row);
      const after = await this.get(id, manager);
      await this.audit.record(manager, { action: 'update', entityType: 'meeting_action', entityId: id, before: actionRecord(before), after: actionRecord(after) });
      return after;
    });
  }

  async remove(id: string, version: number): Promise<void> {
    const seen = await this.get(id);
    if (!(await this.access.chairsBoard(seen.boardId))) throw new ForbiddenException("Removing an action is for the board's chair (and admins)");
    await this.dataSource.transaction(async (manager) => {
      await lockForChange(manager, MeetingAction, id, version, 'action', () => seen);
      const before = await this.get(id, manager);
      await manager.delete(MeetingAction, { id });
      await this.audit.record(manager, { action: 'delete', entityType: 'meeting_action', entityId: id, before: actionRecord(before) });
    });
  }

  /** The actions agreed at a meeting, as a paper. */
  async paper(meetingId: string): Promise<ActionLogView> {
    const meeting = await this.boards.getMeeting(meetingId);
    const [board] = await loadBoards(this.dataSource.manager, [meeting.boardId]);
    const { items } = await loadActions(this.dataSource.manager, { meetingId });
    return actionLogView(board.name, meeting.meetingDate, items.map(actionLine));
  }

  /** Who sits at the board: an action's owners must. */
  private async seatedAt(manager: EntityManager, boardId: string): Promise<Set<string>> {
    const rows: Array<{ user_id: string }> = await manager.query('SELECT user_id FROM board_members WHERE board_id = $1', [boardId]);
    return new Set(rows.map((row) => row.user_id));
  }

  private ownerProblems(ownerIds: string[], seated: Set<string>, field: (name: string) => string): Record<string, string> {
    const errors: Record<string, string> = {};
    ownerIds.forEach((id, index) => {
      if (ownerIds.indexOf(id) !== index) errors[field(`ownerIds[${index}]`)] = 'is listed twice';
      else if (!seated.has(id)) errors[field(`ownerIds[${index}]`)] = 'is not a chair or member of the board';
    });
    return errors;
  }

  private async writeOwners(manager: EntityManager, actionId: string, ownerIds: string[]): Promise<void> {
    if (ownerIds.length) await manager.insert(MeetingActionOwner, ownerIds.map((userId, index) => ({ actionId, userId, position: index + 1 })));
  }

  /** An action is due by the board's next meeting: the next one not cancelled, else the meeting date plus the board's cadence. */
  private async nextMeetingAfter(manager: EntityManager, meeting: MeetingView): Promise<string | null> {
    const [next] = await manager.query(
      `SELECT meeting_date::text AS date FROM meetings WHERE board_id = $1 AND meeting_date > $2 AND status <> 'cancelled' ORDER BY meeting_date LIMIT 1`,
      [meeting.boardId, meeting.meetingDate],
    );
    if (next) return next.date;
    const [board] = await manager.query('SELECT cadence_months FROM boards WHERE id = $1', [meeting.boardId]);
    return board?.cadence_months ? addCalendarMonths(meeting.meetingDate as CalendarDate, board.cadence_months) : null;
  }
}
