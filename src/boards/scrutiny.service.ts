import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { AuditService } from '../audit/audit.service';
import { lockForChange } from '../common/optimistic-lock';
import { Page } from '../common/pagination';
import { FieldValidationException } from '../common/validation';
import { ScrutinyRecommendationView, loadBoards, loadScrutinyRecommendations } from './board-views';
import { BoardsService } from './boards.service';
import { CreateScrutinyRecommendationDto, ScrutinyDecisionDto, ScrutinyListQuery, UpdateScrutinyRecommendationDto } from './dto/boards.dto';
import { ScrutinyDecision, ScrutinyRecommendation } from './entities/board.entities';
import { RecommendationFields, ScrutinyMonitoringView, decisionProblem, monitoringStanding, scrutinyMonitoringView } from './papers/scrutiny-monitoring';

export type MonitoredView = ScrutinyRecommendationView & { listed: boolean; reason: string };

const record = (view: ScrutinyRecommendationView) => ({
  boardId: view.boardId,
  meetingDate: view.meetingDate,
  title: view.title,
  actionProposed: view.actionProposed,
  actionTaken: view.actionTaken,
  progress: view.progress,
  pausedReason: view.pausedReason,
  rejected: view.rejected,
});

/** What a new or changed recommendation says, before it is written. */
export type RecommendationInput = RecommendationFields;

/**
 * A scrutiny panel's monitoring list: the recommendations it made to the
 * service, the service's response and progress, and the panel's decisions
 * at its meetings, which decide (by the rules in papers/scrutiny-monitoring.ts)
 * what stays on the list. Its chair (and admins) keep it; whoever sits at the
 * panel reads it.
 */
@Injectable()
export class ScrutinyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly boards: BoardsService,
  ) {}

  async list(query: ScrutinyListQuery): Promise<Page<MonitoredView>> {
    await this.boards.get(query.boardId);
    const all = (await loadScrutinyRecommendations(this.dataSource.manager, { boardId: query.boardId })).map(monitored);
    const shown = query.show === 'all' ? all : all.filter((item) => item.listed);
    return { items: shown.slice((query.page - 1) * query.pageSize, query.page * query.pageSize), page: query.page, pageSize: query.pageSize, total: shown.length };
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<MonitoredView> {
    const [item] = await loadScrutinyRecommendations(manager, { ids: [id] });
    if (!item) throw new NotFoundException(`No scrutiny recommendation with id ${id}`);
    await this.access.assertReadsBoard(item.boardId, `No scrutiny recommendation with id ${id}`, manager);
    return monitored(item);
  }

  async create(dto: CreateScrutinyRecommendationDto): Promise<MonitoredView> {
    const [created] = await this.createMany(dto.boardId, [inputOf(dto)], (_index, field) => field);
    return created;
  }

  /** Several at once (an import), in one transaction; `field` names a problem's field for the caller. */
  async createMany(boardId: string, inputs: RecommendationInput[], field: (index: number, name: string) => string): Promise<MonitoredView[]> {
    await this.chairedPanel(boardId);
    const errors: Record<string, string> = {};
    inputs.forEach((input, index) => Object.assign(errors, pausedProblems(input, (name) => field(index, name))));
    if (Object.keys(errors).length) throw new FieldValidationException(errors);
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM boards WHERE id = $1 FOR UPDATE', [boardId]);
      const [{ next }] = await manager.query('SELECT COALESCE(MAX(position), 0)::int + 1 AS next FROM scrutiny_recommendations WHERE board_id = $1', [boardId]);
      const ids: string[] = [];
      for (const [index, input] of inputs.entries()) {
        const row = await manager.save(manager.create(ScrutinyRecommendation, { boardId, position: next + index, ...input }));
        ids.push(row.id);
      }
      const items = await loadScrutinyRecommendations(manager, { ids });
      await this.audit.recordMany(manager, items.map((item) => ({ action: 'create' as const, entityType: 'scrutiny_recommendation', entityId: item.id, after: record(item) })));
      return items.map(monitored);
    });
  }

  async update(id: string, dto: UpdateScrutinyRecommendationDto): Promise<MonitoredView> {
    const seen = await this.get(id);
    await this.chairedPanel(seen.boardId);
    return this.dataSource.transaction(async (manager) => {
      const row = await lockForChange(manager, ScrutinyRecommendation, id, dto.version, 'scrutiny recommendation', () => seen);
      const before = await this.get(id, manager);
      const nulls: Record<string, string> = {};
      for (const name of ['meetingDate', 'title', 'actionProposed', 'progress', 'actionTaken', 'rejected'] as const) if (dto[name] === null) nulls[name] = 'must not be null';
      if (Object.keys(nulls).length) throw new FieldValidationException(nulls);
      const progress = dto.progress ?? row.progress;
      const input: RecommendationInput = {
        meetingDate: dto.meetingDate ?? row.meetingDate,
        title: dto.title?.trim() ?? row.title,
        actionProposed: dto.actionProposed?.map((point) => point.trim()) ?? row.actionProposed,
        actionTaken: dto.actionTaken?.map((point) => point.trim()) ?? row.actionTaken,
        progress,
        // Leaving "paused" clears its reason unless one is given.
        pausedReason: dto.pausedReason !== undefined ? (dto.pausedReason?.trim() ?? null) : progress === 'paused' ? row.pausedReason : null,
        rejected: dto.rejected ?? row.rejected,
      };
      const errors = pausedProblems(input, (name) => name);
      if (Object.keys(errors).length) throw new FieldValidationException(errors);
      Object.assign(row, input, { version: row.version + 1 });
      await manager.save(row);
      const after = await this.get(id, manager);
      await this.audit.record(manager, { action: 'update', entityType: 'scrutiny_recommendation', entityId: id, before: record(before), after: record(after) });
      return after;
    });
  }

  async remove(id: string, version: number): Promise<void> {
    const seen = await this.get(id);
    await this.chairedPanel(seen.boardId);
    await this.dataSource.transaction(async (manager) => {
      await lockForChange(manager, ScrutinyRecommendation, id, version, 'scrutiny recommendation', () => seen);
      const before = await this.get(id, manager);
      await manager.delete(ScrutinyRecommendation, { id });
      await this.audit.record(manager, { action: 'delete', entityType: 'scrutiny_recommendation', entityId: id, before: { ...record(before), decisions: before.decisions } });
    });
  }

  /** The panel's decision at one of its meetings: accepted, not accepted, or a rejection reported to it. */
  async decide(id: string, dto: ScrutinyDecisionDto): Promise<MonitoredView> {
    const seen = await this.get(id);
    await this.chairedPanel(seen.boardId);
    const [meeting] = await this.dataSource.query('SELECT board_id, meeting_date::text AS meeting_date, status FROM meetings WHERE id = $1', [dto.meetingId]);
    if (!meeting || meeting.board_id !== seen.boardId) throw new FieldValidationException({ meetingId: 'is not a meeting of this panel' });
    if (meeting.status === 'cancelled') throw new FieldValidationException({ meetingId: 'is a cancelled meeting: it decided nothing' });
    return this.dataSource.transaction(async (manager) => {
      // The recommendation's row lock keeps two decisions from being judged against the same list.
      await manager.query('SELECT id FROM scrutiny_recommendations WHERE id = $1 FOR UPDATE', [id]);
      const now = await this.get(id, manager);
      const problem = decisionProblem(now, dto.decision, meeting.meeting_date);
      if (problem) throw new FieldValidationException({ [problem.startsWith('is a meeting') ? 'meetingId' : 'decision']: problem });
      const decision = await manager.save(manager.create(ScrutinyDecision, { recommendationId: id, meetingId: dto.meetingId, decision: dto.decision, note: dto.note?.trim() || null }));
      await this.audit.record(manager, {
        action: 'create',
        entityType: 'scrutiny_decision',
        entityId: decision.id,
        after: { recommendationId: id, meetingId: dto.meetingId, meetingDate: meeting.meeting_date, decision: dto.decision, note: decision.note },
      });
      return this.get(id, manager);
    });
  }

  /** The monitoring appendix for a meeting of the panel. */
  async paper(meetingId: string): Promise<ScrutinyMonitoringView> {
    const meeting = await this.boards.getMeeting(meetingId);
    const [board] = await loadBoards(this.dataSource.manager, [meeting.boardId]);
    const items = await loadScrutinyRecommendations(this.dataSource.manager, { boardId: meeting.boardId });
    return scrutinyMonitoringView(board.name, meeting.meetingDate, items);
  }

  /** A panel the person keeps the list of: 404 outside their boards, 403 for a member, 400 for a board that is no scrutiny panel. */
  async chairedPanel(boardId: string): Promise<void> {
    const board = await this.boards.get(boardId);
    if (!(await this.access.chairsBoard(boardId))) throw new ForbiddenException("A scrutiny panel's monitoring list is kept by its chair (and admins)");
    if (board.kind !== 'scrutiny_panel') throw new FieldValidationException({ boardId: 'is not a scrutiny panel' });
  }
}

function monitored(item: ScrutinyRecommendationView): MonitoredView {
  const standing = monitoringStanding(item);
  return { ...item, listed: standing.listed, reason: standing.reason };
}

function inputOf(dto: CreateScrutinyRecommendationDto): RecommendationInput {
  return {
    meetingDate: dto.meetingDate,
    title: dto.title.trim(),
    actionProposed: dto.actionProposed.map((point) => point.trim()),
    actionTaken: (dto.actionTaken ?? []).map((point) => point.trim()),
    progress: dto.progress ?? 'continue_monitoring',
    pausedReason: dto.pausedReason?.trim() ?? null,
    rejected: dto.rejected ?? false,
  };
}

function pausedProblems(input: RecommendationInput, field: (name: string) => string): Record<string, string> {
  if (input.progress === 'paused' && !input.pausedReason) return { [field('pausedReason')]: 'is required when progress is paused: say why' };
  if (input.progress !== 'paused' && input.pausedReason) return { [field('pausedReason')]: 'is given only when progress is paused' };
  return {};
}
