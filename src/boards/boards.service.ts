import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { AuditService } from '../audit/audit.service';
import { lockForChange } from '../common/optimistic-lock';
import { Page, pageOf } from '../common/pagination';
import { FieldValidationException } from '../common/validation';
import { BoardView, MeetingView, loadBoards, loadMeetings } from './board-views';
import { BoardListQuery, CreateBoardDto, CreateMeetingDto, MeetingListQuery, UpdateBoardDto, UpdateMeetingDto } from './dto/boards.dto';
import { Board, BoardIndicator, BoardMember, BoardPlan, Meeting } from './entities/board.entities';
import { recordBoardCascade } from './cascaded-deletes';

/** What a board's record says of it, for the audit trail. */
const boardRecord = (view: BoardView) => ({
  name: view.name,
  kind: view.kind,
  cadenceMonths: view.cadenceMonths,
  chairIds: view.chairs.map((person) => person.id),
  memberIds: view.members.map((person) => person.id),
  planIds: view.plans.map((plan) => plan.id),
  indicatorIds: view.indicators.map((indicator) => indicator.id),
});

const meetingRecord = (view: MeetingView) => ({ boardId: view.boardId, meetingDate: view.meetingDate, status: view.status, agenda: view.agenda });

/**
 * Boards and their meetings. Admins set boards up (who sits at them, what they
 * oversee); a board's chairs run its meetings; whoever sits at a board reads
 * it. Anything outside a person's boards answers 404.
 */
@Injectable()
export class BoardsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  async list(query: BoardListQuery): Promise<Page<BoardView>> {
    const readable = await this.access.readableBoards();
    const builder = this.dataSource.getRepository(Board).createQueryBuilder('board').select('board.id', 'id').orderBy('board.name');
    if (!readable.everything) builder.where('board.id = ANY(CAST(:boardIds AS uuid[]))', { boardIds: readable.boardIds });
    const total = await builder.getCount();
    const ids = (await builder.offset((query.page - 1) * query.pageSize).limit(query.pageSize).getRawMany<{ id: string }>()).map((row) => row.id);
    return pageOf(await loadBoards(this.dataSource.manager, ids), total, query);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<BoardView> {
    await this.access.assertReadsBoard(id, `No board with id ${id}`, manager);
    const [board] = await loadBoards(manager, [id]);
    if (!board) throw new NotFoundException(`No board with id ${id}`);
    return board;
  }

  async create(dto: CreateBoardDto): Promise<BoardView> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertNameFree(manager, dto.name.trim(), null);
      const board = await manager.save(manager.create(Board, { name: dto.name.trim(), kind: dto.kind, cadenceMonths: dto.cadenceMonths ?? null }));
      await this.writeLinks(manager, board.id, { chairIds: dto.chairIds ?? [], memberIds: dto.memberIds ?? [], planIds: dto.planIds ?? [], indicatorIds: dto.indicatorIds ?? [] });
      const [view] = await loadBoards(manager, [board.id]);
      await this.audit.record(manager, { action: 'create', entityType: 'board', entityId: board.id, after: boardRecord(view) });
      return view;
    });
  }

  async update(id: string, dto: UpdateBoardDto): Promise<BoardView> {
    return this.dataSource.transaction(async (manager) => {
      const present = async () => (await loadBoards(manager, [id]))[0];
      const seen = await present();
      const board = await lockForChange(manager, Board, id, dto.version, 'board', () => seen);
      const before = await present();
      if (dto.name !== undefined) {
        await this.assertNameFree(manager, dto.name.trim(), id);
        board.name = dto.name.trim();
      }
      if (dto.kind !== undefined) board.kind = dto.kind;
      if (dto.cadenceMonths !== undefined) board.cadenceMonths = dto.cadenceMonths ?? null;
      board.version += 1;
      await manager.save(board);
      const links = boardRecord(before);
      await this.writeLinks(
        manager,
        id,
        {
          chairIds: dto.chairIds ?? links.chairIds,
          memberIds: dto.memberIds ?? links.memberIds,
          planIds: dto.planIds ?? links.planIds,
          indicatorIds: dto.indicatorIds ?? links.indicatorIds,
        },
        true,
      );
      const after = await present();
      await this.audit.record(manager, { action: 'update', entityType: 'board', entityId: id, before: boardRecord(before), after: boardRecord(after) });
      return after;
    });
  }

  async remove(id: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [seen] = await loadBoards(manager, [id]);
      await lockForChange(manager, Board, id, version, 'board', () => seen);
      const [before] = await loadBoards(manager, [id]);
      const [issued] = await manager.query(`SELECT count(*)::int AS n FROM meeting_packs p JOIN meetings m ON m.id = p.meeting_id WHERE m.board_id = $1 AND p.version > 0`, [id]);
      if (issued.n > 0) throw new ConflictException(`This board's meetings have ${issued.n} issued ${issued.n === 1 ? 'pack' : 'packs'}: what a board was shown is kept, so the board cannot be deleted`);
      await recordBoardCascade(manager, this.audit, { boardId: id });
      await manager.delete(Board, { id });
      await this.audit.record(manager, { action: 'delete', entityType: 'board', entityId: id, before: boardRecord(before) });
    });
  }

  private async assertNameFree(manager: EntityManager, name: string, exceptId: string | null): Promise<void> {
    const [clash] = await manager.query('SELECT id FROM boards WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2', [name, exceptId]);
    if (clash) throw new FieldValidationException({ name: 'is already the name of another board' });
  }

  /** Seats, plans and indicators replaced as given; each id must exist, and nobody sits twice. */
  private async writeLinks(
    manager: EntityManager,
    boardId: string,
    links: { chairIds: string[]; memberIds: string[]; planIds: string[]; indicatorIds: string[] },
    replace = false,
  ): Promise<void> {
    const errors: Record<string, string> = {};
    const unknown = async (table: string, ids: string[], field: string, what: string) => {
      if (ids.length === 0) return;
      const found: Array<{ id: string }> = await manager.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
      const known = new Set(found.map((row) => row.id));
      ids.forEach((id, index) => {
        if (!known.has(id)) errors[`${field}[${index}]`] = `no ${what} with id ${id}`;
      });
    };
    const duplicates = (ids: string[], field: string) =>
      ids.forEach((id, index) => {
        if (ids.indexOf(id) !== index) errors[`${field}[${index}]`] = 'is listed twice';
      });
    duplicates(links.chairIds, 'chairIds');
    duplicates(links.memberIds, 'memberIds');
    duplicates(links.planIds, 'planIds');
    duplicates(links.indicatorIds, 'indicatorIds');
    links.memberIds.forEach((id, index) => {
      if (links.chairIds.includes(id)) errors[`memberIds[${index}]`] = 'is already a chair of the board';
    });
    await unknown('users', links.chairIds, 'chairIds', 'person');
    await unknown('users', links.memberIds, 'memberIds', 'person');
    await unknown('plans', links.planIds, 'planIds', 'plan');
    await unknown('indicators', links.indicatorIds, 'indicatorIds', 'indicator');
    if (Object.keys(errors).length) throw new FieldValidationException(errors);
    if (replace) {
      await manager.delete(BoardMember, { boardId });
      await manager.delete(BoardPlan, { boardId });
      await manager.delete(BoardIndicator, { boardId });
    }
    const seats = [...links.chairIds.map((userId) => ({ userId, seat: 'chair' as const })), ...links.memberIds.map((userId) => ({ userId, seat: 'member' as const }))];
    if (seats.length) await manager.insert(BoardMember, seats.map((seat, position) => ({ boardId, ...seat, position: position + 1 })));
    if (links.planIds.length) await manager.insert(BoardPlan, links.planIds.map((planId) => ({ boardId, planId })));
    if (links.indicatorIds.length) await manager.insert(BoardIndicator, links.indicatorIds.map((indicatorId) => ({ boardId, indicatorId })));
  }

  // Meetings

  async listMeetings(query: MeetingListQuery): Promise<Page<MeetingView>> {
    await this.assertBoardExists(query.boardId);
    await this.access.assertReadsBoard(query.boardId, `No board with id ${query.boardId}`);
    const { items, total } = await loadMeetings(this.dataSource.manager, { boardId: query.boardId }, { skip: (query.page - 1) * query.pageSize, take: query.pageSize });
    return pageOf(items, total, query);
  }

  async getMeeting(id: string, manager: EntityManager = this.dataSource.manager): Promise<MeetingView> {
    const {
      items: [meeting],
    } = await loadMeetings(manager, { ids: [id] });
    if (!meeting) throw new NotFoundException(`No meeting with id ${id}`);
    await this.access.assertReadsBoard(meeting.boardId, `No meeting with id ${id}`, manager);
    return meeting;
  }

  /** A meeting the person may run: 404 outside their boards, 403 for a member who does not chair it. */
  async chairedMeeting(id: string, what: string, manager: EntityManager = this.dataSource.manager): Promise<MeetingView> {
    const meeting = await this.getMeeting(id, manager);
    if (!(await this.access.chairsBoard(meeting.boardId, manager))) throw new ForbiddenException(`${what} is for the board's chair (and admins)`);
    return meeting;
  }

  async createMeeting(dto: CreateMeetingDto): Promise<MeetingView> {
    await this.assertBoardExists(dto.boardId, 'boardId');
    await this.access.assertReadsBoard(dto.boardId, `No board with id ${dto.boardId}`);
    if (!(await this.access.chairsBoard(dto.boardId))) throw new ForbiddenException("Scheduling a board's meetings is for its chair (and admins)");
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM boards WHERE id = $1 FOR UPDATE', [dto.boardId]);
      const meeting = await manager.save(manager.create(Meeting, { boardId: dto.boardId, meetingDate: dto.meetingDate, status: dto.status ?? 'scheduled', agenda: (dto.agenda ?? []).map((item) => item.trim()) }));
      const view = await this.getMeeting(meeting.id, manager);
      await this.audit.record(manager, { action: 'create', entityType: 'meeting', entityId: meeting.id, after: meetingRecord(view) });
      return view;
    });
  }

  async updateMeeting(id: string, dto: UpdateMeetingDto): Promise<MeetingView> {
    await this.chairedMeeting(id, "Changing a board's meetings");
    return this.dataSource.transaction(async (manager) => {
      const present = async () => this.getMeeting(id, manager);
      const before = await present();
      const meeting = await lockForChange(manager, Meeting, id, dto.version, 'meeting', () => before);
      if (dto.meetingDate !== undefined) {
        if (dto.meetingDate === null) throw new FieldValidationException({ meetingDate: 'must be a real date written YYYY-MM-DD' });
        meeting.meetingDate = dto.meetingDate;
      }
      if (dto.status !== undefined) meeting.status = dto.status ?? 'scheduled';
      if (dto.agenda !== undefined) meeting.agenda = (dto.agenda ?? []).map((item) => item.trim());
      meeting.version += 1;
      await manager.save(meeting);
      const after = await present();
      await this.audit.record(manager, { action: 'update', entityType: 'meeting', entityId: id, before: meetingRecord(before), after: meetingRecord(after) });
      return after;
    });
  }

  async removeMeeting(id: string, version: number): Promise<void> {
    await this.chairedMeeting(id, "Changing a board's meetings");
    await this.dataSource.transaction(async (manager) => {
      const before = await this.getMeeting(id, manager);
      await lockForChange(manager, Meeting, id, version, 'meeting', () => before);
      if (before.packs.some((pack) => pack.issuedAt)) {
        throw new ConflictException('This meeting has an issued pack: what the board was shown is kept, so the meeting cannot be deleted (mark it cancelled instead)');
      }
      await recordBoardCascade(manager, this.audit, { meetingId: id });
      await manager.delete(Meeting, { id });
      await this.audit.record(manager, { action: 'delete', entityType: 'meeting', entityId: id, before: meetingRecord(before) });
    });
  }

  private async assertBoardExists(boardId: string, field?: string): Promise<void> {
    const [row] = await this.dataSource.query('SELECT id FROM boards WHERE id = $1', [boardId]);
    if (row) return;
    if (field && (await this.access.managesBoards())) throw new FieldValidationException({ [field]: `no board with id ${boardId}` });
    throw new NotFoundException(`No board with id ${boardId}`);
  }
}
