import { Body, ConflictException, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UserListQuery } from '../../../accounts/dto/user.dto';
import { Roles } from '../../../accounts/roles';
import { UsersService, UserView } from '../../../accounts/users.service';
import type { BoardView } from '../../../boards/board-views';
import { BoardsService } from '../../../boards/boards.service';
import { BoardListQuery, CreateBoardDto, UpdateBoardDto } from '../../../boards/dto/boards.dto';
import { FieldValidationException } from '../../../common/validation';
import { IndicatorListQuery } from '../../../indicators/dto/indicator.dto';
import { IndicatorsService } from '../../../indicators/indicators.service';
import { PlanListQuery } from '../../../plans/dto/plan.dto';
import { PlansService } from '../../../plans/plans.service';
import { dtoProblems, formErrors, FormErrors, noErrors, oneError } from '../../forms';
import { pageId, PageController, pageNumber } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import { kindName } from '../boards/boards.view-model';
import { everyPage, isStaleVersion, paginationOf, problemsOf, reasonOf, versionOf } from './admin-forms';
import { BOARD_KIND_CHOICES, BOARD_WORDING, BoardForm, boardDifferences, boardFormValues, boardInput, boardProblems, cadenceText, emptyBoardForm, personHint, readBoardForm } from './board-form';

const DONE: Record<string, string> = {
  created: 'The board has been set up. Its chairs can now schedule its meetings.',
  changed: 'The board has been changed.',
};

const PAGE_SIZE = 50;

/** What the form offers: people, plans and indicators, with the names the page says them by. */
interface Choices {
  people: UserView[];
  plans: Array<{ id: string; title: string }>;
  indicators: Array<{ id: string; title: string; planId: string }>;
  nameOf: (id: string) => string | undefined;
}

/**
 * Setting boards up (issue 14's boards, admins): who chairs and sits at each,
 * how often it meets, the plans and indicators it oversees. Everything goes
 * through BoardsService, as POST/PATCH/DELETE /api/boards do: it checks the
 * row version, keeps the audit trail and refuses what the API refuses (its
 * refusals come back as the form's field errors). The chairs then run the
 * board's meetings from the board's own pages.
 */
@PageController('admin/boards')
@Roles('admin')
export class AdminBoardsController {
  constructor(
    private readonly boards: BoardsService,
    private readonly users: UsersService,
    private readonly plans: PlansService,
    private readonly indicators: IndicatorsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(@Query('page') page: unknown, @Query('done') done: unknown, @Res() response: Response): Promise<void> {
    const number = pageNumber(page);
    const result = await this.boards.list(Object.assign(new BoardListQuery(), { page: number, pageSize: PAGE_SIZE }));
    this.pages.render(response, 'admin/boards/index', {
      total: result.total,
      page: number,
      items: result.items.map((board) => ({
        id: board.id,
        name: board.name,
        kind: kindName(board.kind),
        cadence: cadenceText(board.cadenceMonths),
        chairs: board.chairs.map((person) => person.name),
        seats: board.chairs.length + board.members.length,
        plans: board.plans.length,
      })),
      pagination: paginationOf(number, PAGE_SIZE, result.total, (n) => `/admin/boards?page=${n}`),
      done: done === 'deleted' ? 'The board has been deleted, with its meetings and their actions.' : null,
    });
  }

  @Get('new')
  async newForm(@Res() response: Response): Promise<void> {
    await this.form(response, null, emptyBoardForm(), noErrors());
  }

  @Post('new')
  async create(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const values = readBoardForm(body);
    const input = boardInput(values);
    const choices = await this.choices();
    const { value, problems } = dtoProblems(CreateBoardDto, input);
    if (Object.keys(problems).length) return this.form(response, null, values, this.errors(problems, values, input, choices), HttpStatus.BAD_REQUEST, null, choices);
    try {
      const created = await this.boards.create(value);
      this.pages.redirect(response, `/admin/boards/${created.id}?done=created`);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.form(response, null, values, this.errors(problemsOf(error), values, input, choices), HttpStatus.BAD_REQUEST, null, choices);
      throw error;
    }
  }

  @Get(':boardId')
  async show(@Param('boardId', pageId) id: string, @Query('done') done: unknown, @Res() response: Response): Promise<void> {
    const board = await this.boards.get(id);
    this.pages.render(response, 'admin/boards/show', { board: showModel(board), done: typeof done === 'string' ? (DONE[done] ?? null) : null });
  }

  @Get(':boardId/edit')
  async editForm(@Param('boardId', pageId) id: string, @Res() response: Response): Promise<void> {
    const board = await this.boards.get(id);
    await this.form(response, board, boardFormValues(board), noErrors());
  }

  @Post(':boardId/edit')
  async update(@Param('boardId', pageId) id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const board = await this.boards.get(id);
    const values = readBoardForm(body);
    const input = { ...boardInput(values), version: versionOf(body.version) };
    const asOpened = { ...board, version: Number(input.version) };
    const choices = await this.choices();
    const { value, problems } = dtoProblems(UpdateBoardDto, input);
    if (problems.version) return this.form(response, board, values, oneError('name', 'The form could not be read. Open the board again and change it from there.'), HttpStatus.BAD_REQUEST, null, choices);
    if (Object.keys(problems).length) return this.form(response, asOpened, values, this.errors(problems, values, input, choices), HttpStatus.BAD_REQUEST, null, choices);
    try {
      await this.boards.update(id, value);
      this.pages.redirect(response, `/admin/boards/${id}?done=changed`);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.form(response, asOpened, values, this.errors(problemsOf(error), values, input, choices), HttpStatus.BAD_REQUEST, null, choices);
      if (isStaleVersion(error)) {
        const current = await this.boards.get(id);
        const conflict = {
          what: 'Someone saved a change to this board after you opened the form.',
          startAgain: `/admin/boards/${id}/edit`,
          differences: boardDifferences(boardFormValues(current), values, namesWith(choices, current)),
        };
        return this.form(response, current, values, noErrors(), HttpStatus.CONFLICT, conflict, choices);
      }
      throw error;
    }
  }

  @Get(':boardId/delete')
  async confirmDelete(@Param('boardId', pageId) id: string, @Res() response: Response): Promise<void> {
    this.pages.render(response, 'admin/boards/delete', { board: await this.boards.get(id), errors: noErrors() });
  }

  @Post(':boardId/delete')
  async remove(@Param('boardId', pageId) id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const board = await this.boards.get(id);
    const version = versionOf(body.version);
    try {
      await this.boards.remove(id, typeof version === 'number' ? version : -1);
    } catch (error) {
      if (error instanceof ConflictException) {
        // Changed since the page was opened, or a pack has been issued (what a board was shown is kept): say which.
        const stale = isStaleVersion(error);
        const reason = stale ? 'Someone changed this board after you opened this page. Check it is still the one to delete.' : reasonOf(error);
        const shown = stale ? await this.boards.get(id) : board;
        return this.pages.render(response, 'admin/boards/delete', { board: shown, errors: oneError('delete', reason), blocked: !stale }, HttpStatus.CONFLICT);
      }
      throw error;
    }
    this.pages.redirect(response, '/admin/boards?done=deleted');
  }

  private errors(problems: Record<string, string>, values: BoardForm, input: Record<string, unknown>, choices: Choices): FormErrors {
    return formErrors(boardProblems(problems, values, choices.nameOf), input, BOARD_WORDING);
  }

  private async form(
    response: Response,
    board: BoardView | null,
    values: BoardForm,
    errors: FormErrors,
    status: number = HttpStatus.OK,
    conflict: object | null = null,
    given?: Choices,
  ): Promise<void> {
    const choices = given ?? (await this.choices());
    const seated = new Set([...values.chairIds, ...values.memberIds, ...(board ? [...board.chairs, ...board.members].map((person) => person.id) : [])]);
    // Deactivated people are offered only where they already sit, so a board's record can still be read and changed.
    const people = choices.people.filter((person) => person.active || seated.has(person.id));
    const personItem = (person: UserView, ticked: string[]) => ({
      value: person.id,
      text: `${person.name}${person.active ? '' : ' (deactivated)'}`,
      hint: { text: personHint(person) },
      checked: ticked.includes(person.id),
    });
    const planTitle = new Map(choices.plans.map((plan) => [plan.id, plan.title]));
    this.pages.render(
      response,
      board ? 'admin/boards/edit' : 'admin/boards/new',
      {
        board: board ? { id: board.id, name: board.name, version: board.version } : null,
        values,
        kinds: BOARD_KIND_CHOICES.map((choice) => ({ value: choice.value, text: choice.text, hint: { text: choice.hint }, checked: choice.value === values.kind })),
        chairs: people.map((person) => personItem(person, values.chairIds)),
        members: people.map((person) => personItem(person, values.memberIds)),
        plans: choices.plans.map((plan) => ({ value: plan.id, text: plan.title, checked: values.planIds.includes(plan.id) })),
        indicators: choices.indicators.map((indicator) => ({ value: indicator.id, text: indicator.title, hint: { text: planTitle.get(indicator.planId) ?? '' }, checked: values.indicatorIds.includes(indicator.id) })),
        errors,
        conflict,
      },
      status,
    );
  }

  private async choices(): Promise<Choices> {
    const [people, plans, indicators] = await Promise.all([
      everyPage((page, pageSize) => this.users.list(Object.assign(new UserListQuery(), { page, pageSize }))),
      everyPage((page, pageSize) => this.plans.list(Object.assign(new PlanListQuery(), { page, pageSize }))),
      everyPage((page, pageSize) => this.indicators.list(Object.assign(new IndicatorListQuery(), { page, pageSize }))),
    ]);
    const names = new Map<string, string>([...people.map((p) => [p.id, p.name] as const), ...plans.map((p) => [p.id, p.title] as const), ...indicators.map((i) => [i.id, i.title] as const)]);
    return { people, plans, indicators, nameOf: (id) => names.get(id) };
  }
}

/** Names for the conflict table, including anyone the saved board names whom the lists no longer hold. */
function namesWith(choices: Choices, board: BoardView) {
  const extra = new Map<string, string>([...board.chairs, ...board.members].map((person) => [person.id, person.name]));
  for (const plan of board.plans) extra.set(plan.id, plan.title);
  for (const indicator of board.indicators) extra.set(indicator.id, indicator.title);
  return (id: string) => choices.nameOf(id) ?? extra.get(id);
}

function showModel(board: BoardView) {
  const person = (p: BoardView['chairs'][number]) => ({ id: p.id, text: p.agencies.length ? `${p.name} (${p.agencies.join(', ')})` : p.name });
  return {
    id: board.id,
    name: board.name,
    kind: kindName(board.kind),
    cadence: cadenceText(board.cadenceMonths),
    chairs: board.chairs.map(person),
    members: board.members.map(person),
    plans: board.plans,
    indicators: board.indicators.map((indicator) => indicator.title),
    version: board.version,
  };
}

