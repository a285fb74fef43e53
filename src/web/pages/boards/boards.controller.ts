import { Body, ConflictException, ForbiddenException, Get, HttpStatus, Inject, NotFoundException, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { AccessPolicy } from '../../../accounts/access-policy.service';
import { ActionsService } from '../../../boards/actions.service';
import type { ActionView, BoardView, MeetingView } from '../../../boards/board-views';
import { BoardsService } from '../../../boards/boards.service';
import { ActionListQuery, BoardListQuery, CloseActionDto, CreateActionDto, CreateMeetingDto, MeetingListQuery, PackQuery, PaperQuery, PastedImportDto, UpdateActionDto, UpdateMeetingDto } from '../../../boards/dto/boards.dto';
import { ScrutinyService } from '../../../boards/scrutiny.service';
import { ActionImportsService } from '../../../boards/import/action-imports.service';
import type { ActionStatus } from '../../../boards/entities/board.entities';
import { PacksService } from '../../../boards/packs.service';
import { Clock } from '../../../common/clock';
import { PAGE_SIZE_LIMIT } from '../../../common/pagination';
import { FieldValidationException } from '../../../common/validation';
import { ReportOutput } from '../../../reports/report-output';
import { datePartsFrom, partsOf, readDateInput } from '../../date-input';
import { addError, dtoProblems, FormErrors, formErrors, hasErrors, noErrors, oneError, text } from '../../forms';
import { pageId, PageController, pageNumber } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import { differences, isStaleVersion, listOf, problemsOf, versionOf } from '../admin/admin-forms';
import { reportQuery } from '../plans/plans.controller';
import { ACTION_WORDING, agendaItems, agendaProblems, closeErrors, MEETING_WORDING, MeetingEntries, NewActionEntries, ownerProblems } from './boards-forms';
import { CHANGE_ACTION_WORDING, ChangeActionEntries, changeActionEntries, changeActionProblems, changeActionRows, initialsHint } from './change-action-form';
import { ownersToSend, actionImportPreviewViewModel, importedBanner, boardViewModel, closeActionViewModel, mattersArising, meetingName, meetingPath, meetingViewModel, ownerChoices, yourBoardsViewModel } from './boards.view-model';

const BOARDS_PAGE_SIZE = 20;

/** Banners on the meeting page after something is done, chosen by a fixed key in the address (never its text). */
const DONE: Record<string, string> = {
  built: 'The draft pack is built. Open it to check it before you issue it.',
  issued: 'The pack is issued. Its files are kept exactly as issued; a correction is issued as a new version.',
  'action-recorded': 'The action is recorded.',
  'action-closed': 'The action is closed with your note.',
  'action-changed': 'The action is changed.',
  scheduled: 'The meeting is scheduled.',
  changed: 'The meeting is changed.',
};

/** The pasted log, named as the form names it; the API's words follow ("holds no actions: paste the action log table…"). */
const IMPORT_WORDING = { text: { label: 'The action log', empty: 'Paste the action log from the minutes' } };

const MEETING_STATUS_CHOICES = [
  { value: 'scheduled', text: 'Scheduled' },
  { value: 'held', text: 'Held' },
  { value: 'cancelled', text: 'Cancelled', hint: { text: 'A cancelled meeting decides nothing; actions due by its date keep that date until changed.' } },
];

/**
 * The boards' pages (issue 14): the boards a person sits at, each board's
 * page, and each meeting's: its pack (built, issued, fetched as issued), the
 * actions agreed at it and matters arising. Everything goes through the
 * boards' services, so the pages refuse exactly what the API refuses (a
 * board outside a person's seats is the 404 page); the chair's buttons and
 * the "close" links are shown from the same AccessPolicy answers.
 */
@PageController()
export class BoardsPagesController {
  constructor(
    private readonly boards: BoardsService,
    private readonly packs: PacksService,
    private readonly actions: ActionsService,
    private readonly scrutiny: ScrutinyService,
    private readonly imports: ActionImportsService,
    private readonly access: AccessPolicy,
    private readonly output: ReportOutput,
    private readonly pages: PageRenderer,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('your-boards')
  async yourBoards(@Query('page') page: unknown, @Res() response: Response): Promise<void> {
    const boards = await this.boards.list(Object.assign(new BoardListQuery(), { page: pageNumber(page), pageSize: BOARDS_PAGE_SIZE }));
    const meetings = new Map<string, MeetingView[]>();
    for (const board of boards.items) meetings.set(board.id, (await this.meetingsOf(board.id)).items);
    this.pages.render(response, 'boards/your-boards', yourBoardsViewModel(boards, meetings, this.clock.today()));
  }

  @Get('boards/:boardId')
  async board(@Param('boardId', pageId) boardId: string, @Res() response: Response): Promise<void> {
    const board = await this.boards.get(boardId);
    const meetings = await this.meetingsOf(boardId);
    this.pages.render(response, 'boards/board', {
      ...boardViewModel(board, meetings.items, this.clock.today(), meetings.total > meetings.items.length),
      chairs: await this.access.chairsBoard(boardId),
    });
  }

  /** Scheduling a meeting: the chair's (and admins'), as POST /api/meetings. */
  @Get('boards/:boardId/schedule')
  async scheduleForm(@Param('boardId', pageId) boardId: string, @Res() response: Response): Promise<void> {
    const board = await this.boards.get(boardId);
    await this.assertChairs(boardId);
    this.renderMeetingForm(response, board, null, { meetingDate: { day: '', month: '', year: '' }, status: 'scheduled', agenda: '' }, noErrors());
  }

  @Post('boards/:boardId/schedule')
  async schedule(@Param('boardId', pageId) boardId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const board = await this.boards.get(boardId);
    await this.assertChairs(boardId);
    const entries = meetingEntriesFrom(body);
    const { input, date } = meetingInput(entries);
    const { value, problems } = dtoProblems(CreateMeetingDto, { boardId, ...input });
    const errors = meetingErrors(problems, input, date);
    if (hasErrors(errors)) return this.renderMeetingForm(response, board, null, entries, errors, HttpStatus.BAD_REQUEST);
    let created: MeetingView;
    try {
      created = await this.boards.createMeeting(value);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.renderMeetingForm(response, board, null, entries, meetingErrors(problemsOf(error), input, date), HttpStatus.BAD_REQUEST);
      throw error;
    }
    this.pages.redirect(response, `${meetingPath(boardId, created.id)}?done=scheduled`);
  }

  /** Changing a meeting's date, status or agenda: the chair's (and admins'), as PATCH /api/meetings/:id, with its version. */
  @Get('boards/:boardId/meetings/:meetingId/edit')
  async editMeetingForm(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Res() response: Response): Promise<void> {
    const { board, meeting } = await this.meetingOfBoard(boardId, meetingId);
    await this.boards.chairedMeeting(meetingId, "Changing a board's meetings");
    this.renderMeetingForm(response, board, meeting, entriesOfMeeting(meeting), noErrors());
  }

  @Post('boards/:boardId/meetings/:meetingId/edit')
  async editMeeting(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const { board, meeting } = await this.meetingOfBoard(boardId, meetingId);
    await this.boards.chairedMeeting(meetingId, "Changing a board's meetings");
    const entries = meetingEntriesFrom(body);
    const { input, date } = meetingInput(entries);
    const update = { ...input, status: entries.status || undefined, version: versionOf(body.version) };
    const asOpened = { ...meeting, version: Number(update.version) };
    const { value, problems } = dtoProblems(UpdateMeetingDto, update);
    const errors = meetingErrors(problems, update, date);
    if (problems.version) addError(errors, 'meetingDate-day', 'The form could not be read. Open the meeting again and change it from there.');
    if (hasErrors(errors)) return this.renderMeetingForm(response, board, asOpened, entries, errors, HttpStatus.BAD_REQUEST);
    try {
      await this.boards.updateMeeting(meetingId, value);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.renderMeetingForm(response, board, asOpened, entries, meetingErrors(problemsOf(error), update, date), HttpStatus.BAD_REQUEST);
      if (isStaleVersion(error)) {
        const now = await this.boards.getMeeting(meetingId);
        const saved = entriesOfMeeting(now);
        const words = (e: MeetingEntries) => ({ date: [e.meetingDate.day, e.meetingDate.month, e.meetingDate.year].join(' / '), status: MEETING_STATUS_CHOICES.find((c) => c.value === e.status)?.text ?? e.status, agenda: agendaItems(e.agenda).join('\n') });
        const conflict = {
          what: 'Someone changed this meeting after you opened the form.',
          startAgain: `${meetingPath(boardId, meetingId)}/edit`,
          differences: differences([
            { label: 'Date', now: words(saved).date, yours: words(entries).date },
            { label: 'Status', now: words(saved).status, yours: words(entries).status },
            { label: 'Agenda', now: words(saved).agenda, yours: words(entries).agenda },
          ]),
        };
        return this.renderMeetingForm(response, board, now, entries, noErrors(), HttpStatus.CONFLICT, conflict);
      }
      throw error;
    }
    this.pages.redirect(response, `${meetingPath(boardId, meetingId)}?done=changed`);
  }

  @Get('boards/:boardId/meetings/:meetingId')
  async meeting(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const { board, meeting } = await this.meetingOfBoard(boardId, meetingId);
    const done = text(query.done);
    const count = (value: unknown) => (/^\d{1,4}$/.test(text(value)) ? Number(text(value)) : 0);
    const banner = done === 'imported' ? importedBanner(count(query.created), count(query.flagged)) : (DONE[done] ?? null);
    this.pages.render(response, 'boards/meeting', { ...(await this.meetingModel(board, meeting)), done: banner, errors: noErrors() });
  }

  /** An action log pasted from the minutes: paste, then preview (owners matched from initials, the doubtful flagged), then record. As the API's import. */
  @Get('boards/:boardId/meetings/:meetingId/actions/import')
  async importForm(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Res() response: Response): Promise<void> {
    const { board, meeting } = await this.meetingOfBoard(boardId, meetingId);
    await this.boards.chairedMeeting(meetingId, "Importing a meeting's actions");
    this.renderImport(response, board, meeting, '', null, noErrors());
  }

  @Post('boards/:boardId/meetings/:meetingId/actions/import/preview')
  async importPreview(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const { board, meeting } = await this.meetingOfBoard(boardId, meetingId);
    const pasted = text(body.text);
    const { problems } = dtoProblems(PastedImportDto, { text: pasted });
    if (Object.keys(problems).length) return this.renderImport(response, board, meeting, pasted, null, formErrors(problems, { text: pasted }, IMPORT_WORDING), HttpStatus.BAD_REQUEST);
    try {
      this.renderImport(response, board, meeting, pasted, actionImportPreviewViewModel(await this.imports.preview(meetingId, pasted)), noErrors());
    } catch (error) {
      if (error instanceof FieldValidationException) return this.renderImport(response, board, meeting, pasted, null, formErrors(problemsOf(error), { text: pasted }, IMPORT_WORDING), HttpStatus.BAD_REQUEST);
      throw error;
    }
  }

  @Post('boards/:boardId/meetings/:meetingId/actions/import')
  async importCommit(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const { board, meeting } = await this.meetingOfBoard(boardId, meetingId);
    const pasted = text(body.text);
    const { problems } = dtoProblems(PastedImportDto, { text: pasted });
    if (Object.keys(problems).length) return this.renderImport(response, board, meeting, pasted, null, formErrors(problems, { text: pasted }, IMPORT_WORDING), HttpStatus.BAD_REQUEST);
    let result: Awaited<ReturnType<ActionImportsService['commit']>>;
    try {
      result = await this.imports.commit(meetingId, pasted);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.renderImport(response, board, meeting, pasted, null, formErrors(problemsOf(error), { text: pasted }, IMPORT_WORDING), HttpStatus.BAD_REQUEST);
      throw error;
    }
    this.pages.redirect(response, `${meetingPath(boardId, meetingId)}?done=imported&created=${result.created.length}&flagged=${result.flagged.length}`);
  }

  /** Builds the draft pack as of today (the chair's, as POST /api/meetings/:id/pack). */
  @Post('boards/:boardId/meetings/:meetingId/pack')
  async buildPack(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Res() response: Response): Promise<void> {
    await this.meetingOfBoard(boardId, meetingId);
    await this.packs.build(meetingId, {});
    this.pages.redirect(response, `${meetingPath(boardId, meetingId)}?done=built`);
  }

  /**
   * Issues the pack as the next version. The form says which version the
   * chair saw coming: if someone issued meanwhile, nothing is issued and the
   * meeting page says so (an issued version is kept for ever, so a second
   * one is never made by accident).
   */
  @Post('boards/:boardId/meetings/:meetingId/pack/issue')
  async issuePack(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const { board, meeting } = await this.meetingOfBoard(boardId, meetingId);
    const expected = versionOf(body.version);
    const latest = Math.max(0, ...meeting.packs.filter((pack) => pack.issuedAt).map((pack) => pack.version));
    const refuse = (message: string, status: number) =>
      this.meetingModel(board, meeting).then((model) => this.pages.render(response, 'boards/meeting', { ...model, done: null, errors: { byField: {}, summary: [{ text: message, href: '#pack' }] } }, status));
    const stale = (message: string) => refuse(message, HttpStatus.CONFLICT);
    if (typeof expected !== 'number') return refuse('The form could not be read. Issue the pack again from this page.', HttpStatus.BAD_REQUEST);
    if (expected !== latest + 1) return stale(`Version ${latest} of this pack was issued after you opened the page. Check it, then issue again if the board needs a correction.`);
    try {
      await this.packs.issue(meetingId, {});
    } catch (error) {
      if (error instanceof ConflictException) return stale(String((error.getResponse() as { message?: string }).message ?? error.message));
      throw error;
    }
    this.pages.redirect(response, `${meetingPath(boardId, meetingId)}?done=issued`);
  }

  /** The pack's file, as GET /api/meetings/:id/pack gives it: an issued version byte for byte, or the draft. */
  @Get('boards/:boardId/meetings/:meetingId/pack')
  async packFile(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    await this.meetingOfBoard(boardId, meetingId);
    const options = reportQuery(PackQuery, query, ['version', 'format']);
    const format = options.format ?? 'html';
    const { body, fileName } = await this.packs.file(meetingId, options.version, format);
    return this.output.sendBytes(body, fileName, format, response);
  }

  /** The actions agreed at the meeting as a paper, as GET /api/meetings/:id/action-log gives it. */
  @Get('boards/:boardId/meetings/:meetingId/action-log')
  async actionLog(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    await this.meetingOfBoard(boardId, meetingId);
    const options = reportQuery(PaperQuery, query, ['format']);
    return this.output.send('action-log', await this.actions.paper(meetingId), options.format ?? 'html', response);
  }

  /** A scrutiny panel's monitoring appendix for the meeting, as GET /api/meetings/:id/scrutiny-monitoring gives it. */
  @Get('boards/:boardId/meetings/:meetingId/scrutiny-monitoring')
  async scrutinyMonitoring(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    await this.meetingOfBoard(boardId, meetingId);
    const options = reportQuery(PaperQuery, query, ['format']);
    return this.output.send('scrutiny-monitoring', await this.scrutiny.paper(meetingId), options.format ?? 'html', response);
  }

  @Get('boards/:boardId/meetings/:meetingId/actions/new')
  async newActionForm(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Res() response: Response): Promise<void> {
    const { board, meeting } = await this.meetingOfBoard(boardId, meetingId);
    await this.boards.chairedMeeting(meetingId, "Writing a meeting's actions");
    this.renderNewAction(response, board, meeting, { text: '', ownerIds: [], dueOn: { day: '', month: '', year: '' }, note: '' }, noErrors());
  }

  @Post('boards/:boardId/meetings/:meetingId/actions/new')
  async newAction(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const { board, meeting } = await this.meetingOfBoard(boardId, meetingId);
    await this.boards.chairedMeeting(meetingId, "Writing a meeting's actions");
    const entries: NewActionEntries = { text: text(body.text), ownerIds: listOf(body.ownerIds), dueOn: datePartsFrom(body, 'dueOn'), note: text(body.note) };
    const date = readDateInput(entries.dueOn, 'The due date');
    const input = { meetingId, text: entries.text, ownerIds: entries.ownerIds, ...(date.kind === 'date' ? { dueOn: date.date } : {}), note: entries.note.trim() || null };
    const { value, problems } = dtoProblems(CreateActionDto, input);
    const errors = formErrors(ownerProblems(problems), input, ACTION_WORDING);
    if (date.kind === 'problem') addError(errors, 'dueOn-day', date.message);
    if (hasErrors(errors)) return this.renderNewAction(response, board, meeting, entries, errors, HttpStatus.BAD_REQUEST);
    try {
      await this.actions.create(value);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.renderNewAction(response, board, meeting, entries, formErrors(ownerProblems(problemsOf(error)), input, ACTION_WORDING), HttpStatus.BAD_REQUEST);
      throw error;
    }
    this.pages.redirect(response, `${meetingPath(boardId, meetingId)}?done=action-recorded`);
  }

  @Get('boards/:boardId/meetings/:meetingId/actions/:actionId/close')
  async closeForm(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Param('actionId', pageId) actionId: string, @Res() response: Response): Promise<void> {
    const { board, meeting, action } = await this.actionAtMeeting(boardId, meetingId, actionId);
    if (action.status === 'closed') return this.pages.redirect(response, meetingPath(boardId, meetingId));
    this.pages.render(response, 'boards/close-action', { ...closeActionViewModel(board, meeting, action), note: '', errors: noErrors(), conflict: null });
  }

  @Post('boards/:boardId/meetings/:meetingId/actions/:actionId/close')
  async close(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Param('actionId', pageId) actionId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const { board, meeting, action } = await this.actionAtMeeting(boardId, meetingId, actionId);
    const note = text(body.note);
    const input = { note, version: versionOf(body.version) };
    const again = (errors: FormErrors, status: number, shown: ActionView = { ...action, version: Number(input.version) }, conflict: object | null = null) =>
      this.pages.render(response, 'boards/close-action', { ...closeActionViewModel(board, meeting, shown), note, errors, conflict }, status);
    const { value, problems } = dtoProblems(CloseActionDto, input);
    if (Object.keys(problems).length) return again(closeErrors(problems, input), HttpStatus.BAD_REQUEST);
    try {
      await this.actions.close(actionId, value);
    } catch (error) {
      if (error instanceof FieldValidationException) return again(closeErrors(problemsOf(error), input), HttpStatus.BAD_REQUEST);
      if (isStaleVersion(error)) {
        const now = await this.actions.get(actionId);
        const conflict = {
          what: 'Someone changed this action after you opened the form.',
          startAgain: `${meetingPath(boardId, meetingId)}/actions/${actionId}/close`,
          action: 'close it again to keep your note',
          differences: differences([
            { label: 'Status', now: now.status === 'in_progress' ? 'In progress' : now.status === 'closed' ? 'Closed' : 'Open', yours: 'Closed' },
            { label: 'Note', now: now.note ?? '', yours: note },
          ]),
        };
        return again(now.status === 'closed' ? oneError("note", 'The action is already closed') : noErrors(), HttpStatus.CONFLICT, now, conflict);
      }
      throw error;
    }
    this.pages.redirect(response, `${meetingPath(boardId, meetingId)}?done=action-closed`);
  }

  /**
   * Changing an action (the chair's and admins', as PATCH /api/actions/:id):
   * its text, owners and due date, and the initials from the minutes still
   * to settle. Choosing an owner settles their initials; the chair unticks
   * initials that name nobody at the board once settled.
   */
  @Get('boards/:boardId/meetings/:meetingId/actions/:actionId/edit')
  async changeActionForm(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Param('actionId', pageId) actionId: string, @Res() response: Response): Promise<void> {
    const { board, meeting, action } = await this.actionToChange(boardId, meetingId, actionId);
    if (action.status === 'closed') return this.pages.redirect(response, meetingPath(boardId, meetingId));
    this.renderChangeAction(response, board, meeting, action, changeActionEntries(action), noErrors());
  }

  @Post('boards/:boardId/meetings/:meetingId/actions/:actionId/edit')
  async changeAction(@Param('boardId', pageId) boardId: string, @Param('meetingId', pageId) meetingId: string, @Param('actionId', pageId) actionId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const { board, meeting, action } = await this.actionToChange(boardId, meetingId, actionId);
    // The initials' boxes are on the form only while the action has initials to settle; without them, none are sent.
    const initialsShown = text(body.initialsShown) === 'yes';
    const entries: ChangeActionEntries = { text: text(body.text), ownerIds: listOf(body.ownerIds), unresolved: listOf(body.unresolvedOwners), dueOn: datePartsFrom(body, 'dueOn') };
    const date = readDateInput(entries.dueOn, 'The due date');
    const ownerIds = ownersToSend(
      entries.ownerIds,
      action.owners.map((owner) => owner.id),
      [...board.chairs, ...board.members].map((person) => person.id),
    );
    const input = {
      version: versionOf(body.version),
      text: entries.text,
      ...(ownerIds ? { ownerIds } : {}),
      ...(initialsShown ? { unresolvedOwners: entries.unresolved } : {}),
      ...(date.kind === 'date' ? { dueOn: date.date } : {}),
    };
    const asOpened = { ...action, version: Number(input.version) };
    const { value, problems } = dtoProblems(UpdateActionDto, input);
    const errors = formErrors(changeActionProblems(Object.fromEntries(Object.entries(problems).filter(([path]) => path !== 'version'))), input, CHANGE_ACTION_WORDING);
    if (date.kind === 'problem') addError(errors, 'dueOn-day', date.message);
    if (date.kind === 'empty') addError(errors, 'dueOn-day', 'Enter the date the action is due by');
    if (problems.version) addError(errors, 'text', 'The form could not be read. Open the meeting again and change the action from there.');
    if (hasErrors(errors)) return this.renderChangeAction(response, board, meeting, asOpened, entries, errors, HttpStatus.BAD_REQUEST);
    try {
      await this.actions.update(actionId, value);
    } catch (error) {
      if (error instanceof FieldValidationException) {
        const refused = problemsOf(error);
        const shown = formErrors(changeActionProblems(Object.fromEntries(Object.entries(refused).filter(([path]) => path !== 'status'))), input, CHANGE_ACTION_WORDING);
        if (refused.status) addError(shown, 'text', 'The action has been closed, so it is not changed after');
        return this.renderChangeAction(response, board, meeting, asOpened, entries, shown, HttpStatus.BAD_REQUEST);
      }
      if (isStaleVersion(error)) {
        const now = await this.actions.get(actionId);
        const people = new Map([...board.chairs, ...board.members, ...now.owners].map((person) => [person.id, person.name]));
        const nameOf = (id: string) => people.get(id) ?? '';
        const saved = changeActionRows(changeActionEntries(now), nameOf);
        const yours = changeActionRows(entries, nameOf);
        const conflict = {
          what: 'Someone changed this action after you opened the form.',
          startAgain: `${meetingPath(boardId, meetingId)}/actions/${actionId}/edit`,
          differences: differences([
            { label: 'Action', now: saved.text, yours: yours.text },
            { label: 'Owners', now: saved.owners, yours: yours.owners },
            { label: 'Initials still to settle', now: saved.unresolved, yours: initialsShown ? yours.unresolved : saved.unresolved },
            { label: 'Due by', now: saved.due, yours: yours.due },
          ]),
        };
        if (now.status === 'closed') return this.renderChangeAction(response, board, meeting, now, entries, oneError('text', 'The action has been closed, so it is not changed after'), HttpStatus.CONFLICT, conflict);
        return this.renderChangeAction(response, board, meeting, now, entries, noErrors(), HttpStatus.CONFLICT, conflict);
      }
      throw error;
    }
    this.pages.redirect(response, `${meetingPath(boardId, meetingId)}?done=action-changed`);
  }

  // Reading

  private async meetingsOf(boardId: string) {
    return this.boards.listMeetings(Object.assign(new MeetingListQuery(), { boardId, page: 1, pageSize: PAGE_SIZE_LIMIT }));
  }

  /** The board and one of its meetings: a meeting of another board is the 404 page, as a meeting that does not exist. */
  private async meetingOfBoard(boardId: string, meetingId: string): Promise<{ board: BoardView; meeting: MeetingView }> {
    const board = await this.boards.get(boardId);
    const meeting = await this.boards.getMeeting(meetingId);
    if (meeting.boardId !== board.id) throw new NotFoundException(`No meeting with id ${meetingId}`);
    return { board, meeting };
  }

  /** The action to close, agreed at this meeting; only its closers see the form (the service refuses everyone else the same way). */
  private async actionAtMeeting(boardId: string, meetingId: string, actionId: string) {
    const { board, meeting } = await this.meetingOfBoard(boardId, meetingId);
    const action = await this.actions.get(actionId);
    if (action.meetingId !== meeting.id) throw new NotFoundException(`No action with id ${actionId}`);
    if (!(await this.access.closesAction(board.id, action.owners.map((owner) => owner.id)))) throw new ForbiddenException("An action is closed by the board's chair or one of its owners");
    return { board, meeting, action };
  }

  /** An action agreed at this meeting, for its board's chair (and admins) to change: 403 for anyone else who sits at the board, as the service refuses. */
  private async actionToChange(boardId: string, meetingId: string, actionId: string) {
    const { board, meeting } = await this.meetingOfBoard(boardId, meetingId);
    const action = await this.actions.get(actionId);
    if (action.meetingId !== meeting.id) throw new NotFoundException(`No action with id ${actionId}`);
    if (!(await this.access.chairsBoard(board.id))) throw new ForbiddenException("Changing an action is for the board's chair (and admins); owners close theirs with a note");
    return { board, meeting, action };
  }

  /** Every action of the board with a status, a page of the service at a time. */
  private async actionsWith(boardId: string, where: { meetingId?: string; status?: ActionStatus }): Promise<ActionView[]> {
    const all: ActionView[] = [];
    for (let page = 1; ; page += 1) {
      const answer = await this.actions.list(Object.assign(new ActionListQuery(), { boardId, ...where, page, pageSize: PAGE_SIZE_LIMIT }));
      all.push(...answer.items);
      if (all.length >= answer.total || answer.items.length === 0) return all;
    }
  }

  private async meetingModel(board: BoardView, meeting: MeetingView) {
    const [agreed, open, inProgress] = await Promise.all([
      this.actionsWith(board.id, { meetingId: meeting.id }),
      this.actionsWith(board.id, { status: 'open' }),
      this.actionsWith(board.id, { status: 'in_progress' }),
    ]);
    const arising = mattersArising([...open, ...inProgress], meeting).sort((a, b) => a.meetingDate.localeCompare(b.meetingDate) || a.number - b.number);
    const closes = new Set<string>();
    for (const action of [...agreed, ...arising]) if (await this.access.closesAction(board.id, action.owners.map((owner) => owner.id))) closes.add(action.id);
    return meetingViewModel(board, meeting, agreed, arising, { chairs: await this.access.chairsBoard(board.id), closes });
  }

  /** The same refusal as BoardsService.createMeeting's, for the form before it is sent. */
  private async assertChairs(boardId: string): Promise<void> {
    if (!(await this.access.chairsBoard(boardId))) throw new ForbiddenException("Scheduling a board's meetings is for its chair (and admins)");
  }

  private renderMeetingForm(response: Response, board: BoardView, meeting: MeetingView | null, entries: MeetingEntries, errors: FormErrors, status: number = HttpStatus.OK, conflict: object | null = null): void {
    this.pages.render(
      response,
      'boards/meeting-form',
      {
        board: { name: board.name, href: `/boards/${board.id}` },
        meeting: meeting ? { title: meetingName(meeting), href: meetingPath(board.id, meeting.id), version: meeting.version } : null,
        formAction: meeting ? `${meetingPath(board.id, meeting.id)}/edit` : `/boards/${board.id}/schedule`,
        entries,
        statusChoices: MEETING_STATUS_CHOICES.map((choice) => ({ ...choice, checked: choice.value === entries.status })),
        errors,
        conflict,
      },
      status,
    );
  }

  private renderImport(response: Response, board: BoardView, meeting: MeetingView, pasted: string, preview: ReturnType<typeof actionImportPreviewViewModel> | null, errors: FormErrors, status: number = HttpStatus.OK): void {
    const base = `${meetingPath(board.id, meeting.id)}/actions/import`;
    this.pages.render(
      response,
      'boards/import-actions',
      { board: { name: board.name, href: `/boards/${board.id}` }, meeting: { title: meetingName(meeting), href: meetingPath(board.id, meeting.id) }, links: { preview: `${base}/preview`, commit: base, start: base }, pasted, preview, errors },
      status,
    );
  }

  private renderChangeAction(response: Response, board: BoardView, meeting: MeetingView, action: ActionView, entries: ChangeActionEntries, errors: FormErrors, status: number = HttpStatus.OK, conflict: object | null = null): void {
    const seated = [...board.chairs, ...board.members];
    this.pages.render(
      response,
      'boards/change-action',
      {
        board: { name: board.name, href: `/boards/${board.id}` },
        meeting: { title: meetingName(meeting), href: meetingPath(board.id, meeting.id) },
        action: { number: action.number, version: action.version },
        formAction: `${meetingPath(board.id, meeting.id)}/actions/${action.id}/edit`,
        entries,
        owners: ownerChoices(board, entries.ownerIds),
        // Owners who no longer sit at the board cannot be offered; they stay unless the owners are changed.
        formerOwners: action.owners.filter((owner) => !seated.some((person) => person.id === owner.id)).map((owner) => owner.name),
        // Every initial the action still has is offered; those the chair unticked stay unticked when the form comes back.
        initials: action.unresolvedOwners.map((value) => ({ value, text: value, hint: { text: initialsHint(value, seated) }, checked: entries.unresolved.includes(value) })),
        errors,
        conflict,
      },
      status,
    );
  }

  private renderNewAction(response: Response, board: BoardView, meeting: MeetingView, entries: NewActionEntries, errors: FormErrors, status: number = HttpStatus.OK): void {
    this.pages.render(
      response,
      'boards/new-action',
      {
        board: { name: board.name, href: `/boards/${board.id}` },
        meeting: { title: meetingName(meeting), href: meetingPath(board.id, meeting.id) },
        formAction: `${meetingPath(board.id, meeting.id)}/actions/new`,
        entries,
        owners: ownerChoices(board, entries.ownerIds),
        errors,
      },
      status,
    );
  }
}

function meetingEntriesFrom(body: Record<string, unknown>): MeetingEntries {
  return { meetingDate: datePartsFrom(body, 'meetingDate'), status: text(body.status), agenda: text(body.agenda) };
}

function entriesOfMeeting(meeting: MeetingView): MeetingEntries {
  return { meetingDate: partsOf(meeting.meetingDate), status: meeting.status, agenda: meeting.agenda.join('\n') };
}

/** What the meeting forms send the API: the date read from its three boxes, the agenda one item a line. */
function meetingInput(entries: MeetingEntries) {
  const date = readDateInput(entries.meetingDate, 'The date of the meeting');
  return { date, input: { meetingDate: date.kind === 'date' ? date.date : undefined, agenda: agendaItems(entries.agenda) } };
}

/** The date boxes' own problem first (the API would only say the date is missing), then the API's, in the form's order. */
function meetingErrors(problems: Record<string, string>, input: Record<string, unknown>, date: ReturnType<typeof readDateInput>): FormErrors {
  const rest = agendaProblems(problems);
  if (date.kind === 'problem') delete rest.meetingDate;
  const errors = formErrors(rest, input, MEETING_WORDING);
  if (date.kind === 'problem') {
    const fresh = noErrors();
    addError(fresh, `meetingDate-${date.parts[0]}`, date.message);
    for (const entry of errors.summary) addError(fresh, entry.href.slice(1), entry.text);
    return fresh;
  }
  return errors;
}
