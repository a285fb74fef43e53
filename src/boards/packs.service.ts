import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { FieldValidationException } from '../common/validation';
import { BANK_HOLIDAYS_FIRST_YEAR, BANK_HOLIDAYS_LAST_YEAR, CalendarDate, isWithinBankHolidayYears } from '../deadlines';
import { addMonths, monthOfDate } from '../indicators/domain/periods';
import { PerformanceReportService } from '../indicators/performance-report.service';
import { ReportOutput } from '../reports/report-output';
import { ReportFormat } from '../reports/reports.dto';
import { ReportsService } from '../reports/reports.service';
import { MeetingView, actionLine, loadActions, loadBoards } from './board-views';
import { BoardsService } from './boards.service';
import { BuildPackDto } from './dto/boards.dto';
import { MeetingPack } from './entities/board.entities';
import { ActionLine } from './papers/action-log';
import { BoardPackView, boardPackView } from './papers/board-pack';


/**
 * A meeting's pack. The draft (version 0) is built from the record as of a
 * date, to look at before the meeting; issuing builds it again and freezes
 * it: its view model and its HTML, PDF and Word bytes are stored, so the pack
 * fetched a year later is the one the board was sent, byte for byte,
 * whatever changed since. A correction is another issue (version 2, 3…);
 * every issued version stays, and a trigger refuses any rewrite of one.
 */
@Injectable()
export class PacksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly boards: BoardsService,
    private readonly reports: ReportsService,
    private readonly performance: PerformanceReportService,
    private readonly output: ReportOutput,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async build(meetingId: string, dto: BuildPackDto) {
    const meeting = await this.boards.chairedMeeting(meetingId, "Building a meeting's pack");
    const asOf = this.asOf(dto.asOf);
    const view = await this.assemble(meeting, asOf, null);
    const html = await this.output.render('board-pack', view, 'html');
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM meetings WHERE id = $1 FOR UPDATE', [meetingId]);
      await manager.delete(MeetingPack, { meetingId, version: 0 });
      const pack = await manager.save(manager.create(MeetingPack, { meetingId, version: 0, asOf, view, html, pdf: null, docx: null, builtAt: this.clock.stamp() ?? new Date(), builtById: this.actorId() }));
      await this.audit.record(manager, { action: 'create', entityType: 'meeting_pack', entityId: pack.id, after: { meetingId, version: 0, asOf } });
      return this.summary(pack, view);
    });
  }

  async issue(meetingId: string, dto: BuildPackDto) {
    const meeting = await this.boards.chairedMeeting(meetingId, "Issuing a meeting's pack");
    const asOf = this.asOf(dto.asOf);
    const latest = await this.latestIssued(meetingId);
    const version = latest + 1;
    const view = await this.assemble(meeting, asOf, { version, on: this.clock.today() });
    // Rendered before the transaction (Chromium takes seconds); the version is checked again under the meeting's lock.
    const [html, pdf, docx] = [await this.output.render('board-pack', view, 'html'), await this.output.render('board-pack', view, 'pdf'), await this.output.render('board-pack', view, 'docx')];
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM meetings WHERE id = $1 FOR UPDATE', [meetingId]);
      if ((await this.latestIssued(meetingId, manager)) !== latest) {
        throw new ConflictException(`Someone issued version ${version} of this pack while yours was being built; fetch it, or issue again for version ${version + 1}`);
      }
      await manager.delete(MeetingPack, { meetingId, version: 0 });
      const pack = await manager.save(manager.create(MeetingPack, { meetingId, version, asOf, view, html, pdf, docx, builtAt: this.clock.stamp() ?? new Date(), builtById: this.actorId(), issuedAt: this.clock.stamp() ?? new Date() }));
      await this.audit.record(manager, { action: 'create', entityType: 'meeting_pack', entityId: pack.id, after: { meetingId, version, asOf, issuedOn: this.clock.today() } });
      return this.summary(pack, view);
    });
  }

  /** The pack's bytes: an issued version exactly as issued; the draft rendered from its stored view model. */
  async file(meetingId: string, version: number | undefined, format: ReportFormat): Promise<{ body: Buffer; fileName: string }> {
    await this.boards.getMeeting(meetingId);
    const query = this.dataSource.getRepository(MeetingPack).createQueryBuilder('pack').where('pack.meetingId = :meetingId', { meetingId });
    if (version !== undefined) query.andWhere('pack.version = :version', { version });
    // The latest issued version, or the draft when nothing has been issued.
    const pack = await query.orderBy('pack.version', 'DESC').getOne();
    if (!pack) throw new NotFoundException(version === undefined ? 'No pack has been built for this meeting yet' : version === 0 ? 'This meeting has no draft pack' : `This meeting has no pack version ${version}`);
    const view = pack.view as BoardPackView;
    const stored = format === 'html' ? pack.html : format === 'pdf' ? pack.pdf : pack.docx;
    return { body: stored ?? (await this.output.render('board-pack', view, format)), fileName: view.fileName };
  }

  /** Open actions agreed at the board's earlier meetings, for the pack's matters arising. */
  async mattersArising(meeting: MeetingView): Promise<ActionLine[]> {
    const { items } = await loadActions(this.dataSource.manager, { boardId: meeting.boardId, openFromMeetingsBefore: meeting.meetingDate });
    return items.map(actionLine);
  }

  private async assemble(meeting: MeetingView, asOf: CalendarDate, issued: { version: number; on: string } | null): Promise<BoardPackView> {
    const [board] = await loadBoards(this.dataSource.manager, [meeting.boardId]);
    const plans = [];
    // The month whose figures the board reads: the last one complete by the pack's date, as the record held it that day.
    const month = addMonths(monthOfDate(asOf), -1);
    for (const plan of board.plans) {
      const progress = await this.reports.progressReport(plan.id, { asOf });
      const exceptions = await this.reports.exceptionReport({ planId: plan.id, asOf });
      const { view: performance } = await this.performance.report(plan.id, { asOf: month, recordedBy: asOf });
      plans.push({ title: plan.title, progress, exceptions, performance });
    }
    return boardPackView({ board: board.name, meetingDate: meeting.meetingDate, asOf, issued, plans, mattersArising: await this.mattersArising(meeting) });
  }

  private asOf(value: string | undefined): CalendarDate {
    const asOf = (value ?? this.clock.today()) as CalendarDate;
    if (!isWithinBankHolidayYears(asOf)) throw new FieldValidationException({ asOf: `must be in ${BANK_HOLIDAYS_FIRST_YEAR}-${BANK_HOLIDAYS_LAST_YEAR}, the years whose bank holidays are known` });
    if (asOf > this.clock.today()) throw new FieldValidationException({ asOf: 'must not be after today: a pack reports what the record holds' });
    return asOf;
  }

  private async latestIssued(meetingId: string, manager = this.dataSource.manager): Promise<number> {
    const [row] = await manager.query('SELECT COALESCE(MAX(version), 0)::int AS version FROM meeting_packs WHERE meeting_id = $1', [meetingId]);
    return row.version;
  }

  private summary(pack: MeetingPack, view: BoardPackView) {
    return {
      meetingId: pack.meetingId,
      version: pack.version,
      asOf: pack.asOf,
      builtAt: new Date(pack.builtAt).toISOString(),
      issuedAt: pack.issuedAt ? new Date(pack.issuedAt).toISOString() : null,
      title: view.title,
      mattersArising: view.mattersArising ? view.mattersArising.groups.reduce((sum, group) => sum + group.rows.length, 0) : 0,
    };
  }

  private actorId(): string | null {
    const who = this.access.who();
    return who.kind === 'person' ? who.actor.id : null;
  }
}
