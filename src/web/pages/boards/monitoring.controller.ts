import { Body, Get, HttpStatus, Inject, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccessPolicy } from '../../../accounts/access-policy.service';
import type { BoardView } from '../../../boards/board-views';
import { BoardsService } from '../../../boards/boards.service';
import { MeetingListQuery, ScrutinyDecisionDto, ScrutinyListQuery } from '../../../boards/dto/boards.dto';
import { MonitoredView, ScrutinyService } from '../../../boards/scrutiny.service';
import { Clock } from '../../../common/clock';
import { PAGE_SIZE_LIMIT } from '../../../common/pagination';
import { FieldValidationException } from '../../../common/validation';
import { dtoProblems, FormErrors, formErrors, noErrors, text } from '../../forms';
import { pageId, PageController } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import { problemsOf } from '../admin/admin-forms';
import { DECISION_WORDING, decisionErrors } from './boards-forms';
import { decideViewModel, meetingChoices, monitoringPath, monitoringViewModel } from './monitoring.view-model';

const DONE: Record<string, string> = { decided: 'The panel’s decision is recorded.' };

interface DecisionEntries {
  meetingId: string;
  decision: string;
  note: string;
}

/**
 * A scrutiny panel's monitoring list (issue 14): its recommendations to the
 * service with the service's response and progress, and the panel's
 * decisions at its meetings, which the chair records here. ScrutinyService
 * decides everything (who reads, who decides, which decisions the rules
 * allow); a board that is not a scrutiny panel has no such page.
 */
@PageController('boards/:boardId/monitoring')
export class MonitoringPagesController {
  constructor(
    private readonly boards: BoardsService,
    private readonly scrutiny: ScrutinyService,
    private readonly access: AccessPolicy,
    private readonly pages: PageRenderer,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Param('boardId', pageId) boardId: string, @Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const board = await this.panel(boardId);
    const show = text(query.show) === 'all' ? 'all' : 'listed';
    const items: MonitoredView[] = [];
    for (let page = 1; ; page += 1) {
      const answer = await this.scrutiny.list(Object.assign(new ScrutinyListQuery(), { boardId, show, page, pageSize: PAGE_SIZE_LIMIT }));
      items.push(...answer.items);
      if (items.length >= answer.total || answer.items.length === 0) break;
    }
    const done = text(query.done);
    this.pages.render(response, 'boards/monitoring', { ...monitoringViewModel(board, items, show, await this.access.chairsBoard(boardId)), done: DONE[done] ?? null });
  }

  @Get(':recommendationId/decide')
  async decideForm(@Param('boardId', pageId) boardId: string, @Param('recommendationId', pageId) id: string, @Res() response: Response): Promise<void> {
    const { board, item } = await this.itemOfPanel(boardId, id);
    await this.scrutiny.chairedPanel(boardId);
    if (!item.listed) return this.pages.redirect(response, monitoringPath(boardId));
    await this.renderDecide(response, board, item, { meetingId: '', decision: '', note: '' }, noErrors());
  }

  @Post(':recommendationId/decide')
  async decide(@Param('boardId', pageId) boardId: string, @Param('recommendationId', pageId) id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const { board, item } = await this.itemOfPanel(boardId, id);
    await this.scrutiny.chairedPanel(boardId);
    const entries: DecisionEntries = { meetingId: text(body.meetingId), decision: text(body.decision), note: text(body.note) };
    const input = { meetingId: entries.meetingId, decision: entries.decision, note: entries.note.trim() || null };
    const { value, problems } = dtoProblems(ScrutinyDecisionDto, input);
    if (Object.keys(problems).length) return this.renderDecide(response, board, item, entries, formErrors(problems, input, DECISION_WORDING), HttpStatus.BAD_REQUEST);
    try {
      await this.scrutiny.decide(id, value);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.renderDecide(response, board, item, entries, decisionErrors(problemsOf(error), input), HttpStatus.BAD_REQUEST);
      throw error;
    }
    this.pages.redirect(response, `${monitoringPath(boardId)}?done=decided`);
  }

  /** A board with a monitoring list: a scrutiny panel the person sits at; any other board has no such page. */
  private async panel(boardId: string): Promise<BoardView> {
    const board = await this.boards.get(boardId);
    if (board.kind !== 'scrutiny_panel') throw new NotFoundException(`No scrutiny panel with id ${boardId}`);
    return board;
  }

  private async itemOfPanel(boardId: string, id: string): Promise<{ board: BoardView; item: MonitoredView }> {
    const board = await this.panel(boardId);
    const item = await this.scrutiny.get(id);
    if (item.boardId !== board.id) throw new NotFoundException(`No scrutiny recommendation with id ${id}`);
    return { board, item };
  }

  private async renderDecide(response: Response, board: BoardView, item: MonitoredView, entries: DecisionEntries, errors: FormErrors, status: number = HttpStatus.OK): Promise<void> {
    const meetings = await this.boards.listMeetings(Object.assign(new MeetingListQuery(), { boardId: board.id, page: 1, pageSize: PAGE_SIZE_LIMIT }));
    this.pages.render(
      response,
      'boards/decide',
      { ...decideViewModel(board, item, entries.decision), meetings: meetingChoices(meetings.items, entries.meetingId, this.clock.today()), note: entries.note, errors },
      status,
    );
  }
}
