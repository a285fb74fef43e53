import { HttpException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { createHash, randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { FieldValidationException, fieldErrors } from '../common/validation';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { loadWorkingDayCalendar } from '../deadlines/working-day-calendar.loader';
import { withDefaultOffsets } from '../plans/domain/due-dates';
import { CreatePlanDto } from '../plans/dto/plan.dto';
import { LeadAgency } from '../plans/entities/lead-agency.entity';
import { acting } from '../common/request-context';
import { Plan } from '../plans/entities/plan.entity';
import { DueDateRefresher } from '../plans/due-date.refresher';
import { lockPlanOf } from '../plans/plan-lock';
import { OUTCOME_FIRST_COLUMN_LABELS } from '../plans/plan-vocabulary';
import { AgencyRef, KnownAgency } from './agency-matching';
import { ImportOptionsDto } from './dto/import-options.dto';
import { loadExistingPlan } from './existing-plan.loader';
import { ImportWork, linkedAgencies, planImportWork, summarise } from './import-diff';
import { ImportProblem, Place, TableLayout, atPlace } from './import-model';
import { ResolvedImport, resolveImport } from './import-resolver';
import { ImportView, importView } from './import-views';
import { ImportWriter } from './import-writer';
import { loadReminderDirectory } from '../reminders/reminder-directory.loader';
import { parseImportInput } from './parse-input';
import { headerKey } from './parsers/header-mapping';

/** The default upload limit, as the configuration sets it when IMPORT_MAX_BYTES is not given. */
export const DEFAULT_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export function importMaxBytes(config: AppConfig): number {
  const configured = config.importMaxBytes;
  return Number.isSafeInteger(configured) && configured > 0 ? configured : DEFAULT_IMPORT_MAX_BYTES;
}

export interface UploadedImportFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export interface ImportRequest {
  options: ImportOptionsDto;
  file: UploadedImportFile | null;
}

/** A refused import: the status, the problem's code and, where it applies, the line (or sheet and row). */
export class ImportRefusedException extends HttpException {
  constructor(problem: ImportProblem) {
    const { status } = problem;
    super(
      {
        statusCode: status,
        error: status === 413 ? 'Payload Too Large' : status === 415 ? 'Unsupported Media Type' : 'Bad Request',
        message: problem.message,
        problem: problem.code,
        ...problem.place,
        ...(problem.errors ? { errors: problem.errors } : {}),
      },
      status,
    );
  }
}

const NO_ID_YET = '00000000-0000-4000-8000-000000000000';
const OUTCOME_FIRST_KINDS = new Set(['serious_case_review', 'multi_agency_audit', 'business_plan']);

function layoutOfLabels(labels: string[] | null | undefined, kind: string): TableLayout {
  if (labels?.length && headerKey(labels[0]) === headerKey(OUTCOME_FIRST_COLUMN_LABELS[0])) return 'outcome-first';
  return OUTCOME_FIRST_KINDS.has(kind) && !labels?.length ? 'outcome-first' : 'ofsted';
}

/**
 * Brings an existing plan in: reads the input (pure parsers), matches it
 * against the database (agencies, the target plan), and either shows what it
 * would do (preview: nothing is written) or does it in one transaction.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dueDates: DueDateRefresher,
  ) {}

  get maxBytes(): number {
    return importMaxBytes(this.config);
  }

  async preview(request: ImportRequest): Promise<ImportView> {
    const target = await this.targetPlan(request.options.planId, this.dataSource.manager);
    const parsed = await this.parse(request, target);
    const { resolved, work, agencies } = await this.plan(this.dataSource.manager, request, parsed, target);
    this.assertWritable(resolved, work);
    if (!target) this.assertSourceDates(resolved);
    return importView(resolved, work, summarise(work, !target, resolved.newAgencies.length), {
      planId: target?.id ?? null,
      knownAgencies: agencies,
      reminders: await this.reminders(this.dataSource.manager, target),
      fileName: this.fileName(request),
    });
  }

  async commit(request: ImportRequest): Promise<ImportView & { importId: string }> {
    const existing = await this.targetPlan(request.options.planId, this.dataSource.manager);
    const parsed = await this.parse(request, existing);
    const importId = randomUUID();
    return this.dataSource.transaction(async (manager) => {
      let target = existing;
      if (target) {
        // Everyone writing into a plan takes its lock first; re-read it under the lock.
        await lockPlanOf(manager, { planId: target.id });
        target = await manager.findOne(Plan, { where: { id: target.id } });
        if (!target) throw new NotFoundException(`No plan with id ${request.options.planId}`);
      }
      const { resolved, work, agencies } = await this.plan(manager, request, parsed, target);
      this.assertWritable(resolved, work);
      if (!target) this.assertSourceDates(resolved);
      const writer = new ImportWriter(manager, this.audit);
      await writer.createAgencies(resolved.newAgencies);
      let planId: string;
      if (target) {
        planId = target.id;
        await writer.updatePlan(planId, work);
      } else planId = await writer.createPlan(resolved);
      await writer.write(planId, work);
      await this.dueDates.refreshPlan(manager, planId);
      const summary = summarise(work, !target, resolved.newAgencies.length);
      await this.audit.record(manager, {
        action: 'create',
        entityType: 'import',
        entityId: importId,
        planId,
        after: {
          format: resolved.format,
          layout: resolved.layout,
          fileName: this.fileName(request),
          bytes: request.file ? request.file.size : Buffer.byteLength(request.options.text ?? '', 'utf8'),
          sha256: createHash('sha256').update(request.file ? request.file.buffer : (request.options.text ?? '')).digest('hex'),
          summary,
          warnings: resolved.warnings.length,
        },
      });
      const written = await manager.findOneOrFail(Plan, { where: { id: planId } });
      const view = importView(resolved, work, summary, { planId, knownAgencies: agencies, fileName: this.fileName(request), reminders: await this.reminders(manager, written) });
      return { ...view, importId };
    });
  }

  /** Who would hear of each activity: the directory of contacts, and the plan's lead officer (the importer's, for a new plan). */
  private async reminders(manager: EntityManager, plan: Plan | null) {
    const who = acting();
    return {
      directory: await loadReminderDirectory(manager),
      leadOfficerId: plan ? plan.leadOfficerId : who.kind === 'person' ? who.actor.id : null,
    };
  }

  private fileName(request: ImportRequest): string | null {
    return request.file?.originalname?.slice(0, 200) || request.options.fileName || null;
  }

  private async targetPlan(planId: string | undefined, manager: EntityManager): Promise<Plan | null> {
    if (!planId) return null;
    const plan = await manager.findOne(Plan, { where: { id: planId } });
    if (!plan) throw new NotFoundException(`No plan with id ${planId}`);
    return plan;
  }

  private async parse(request: ImportRequest, target: Plan | null) {
    const { options, file } = request;
    if (file && options.text !== undefined) {
      throw new FieldValidationException({ text: 'send either a file or text, not both' }, 'Send either a file or text, not both');
    }
    if (!file && options.text === undefined) {
      throw new ImportRefusedException(new ImportProblem('no_input', 'Nothing to import: upload a file in the multipart field "file", or send the text in "text"'));
    }
    const planLabels = target?.columnLabels ?? null;
    try {
      return await parseImportInput(
        { bytes: file ? file.buffer : null, text: file ? null : options.text, fileName: file?.originalname ?? options.fileName ?? null, contentType: file?.mimetype ?? null },
        {
          format: options.format,
          layout: options.layout,
          mapping: options.mapping,
          sheet: options.sheet,
          encoding: options.encoding,
          paragraphs: options.paragraphs,
          sectionTitles: options.sectionTitles,
          sectionTitle: options.sectionTitle,
          planLabels,
          planLayout: target ? layoutOfLabels(planLabels, target.kind) : options.kind && OUTCOME_FIRST_KINDS.has(options.kind) ? 'outcome-first' : null,
          maxBytes: this.maxBytes,
        },
      );
    } catch (error) {
      if (error instanceof ImportProblem) throw new ImportRefusedException(error);
      throw error;
    }
  }

  /** Matches the parsed input against the database and the target plan. Reads only. */
  private async plan(manager: EntityManager, request: ImportRequest, parsed: Awaited<ReturnType<typeof parseImportInput>>, target: Plan | null) {
    const { options } = request;
    const agencyRows = await manager.find(LeadAgency, { order: { name: 'ASC' } });
    const agencies: KnownAgency[] = agencyRows.map((a) => ({ id: a.id, name: a.name, shortName: a.shortName, aliases: a.aliases, parentId: a.parentId }));
    const existing = target ? await loadExistingPlan(manager, target) : null;
    let resolved: ResolvedImport;
    try {
      resolved = resolveImport({
        parsed,
        agencies,
        agencyAliases: options.agencyAliases,
        calendar: await loadWorkingDayCalendar(manager),
        plan: {
          title: options.title ?? null,
          kind: options.kind ?? null,
          publishedOn: options.publishedOn ?? target?.publishedOn ?? null,
          bandOffsets: withDefaultOffsets(target?.bandOffsets),
          startsOn: options.startsOn ?? null,
          endsOn: options.endsOn ?? null,
          existing: target ? { title: target.title, startsOn: target.startsOn, endsOn: target.endsOn } : null,
        },
        paragraphs: parsed.format === 'ofsted-report' ? null : options.paragraphs,
        existingSections: existing?.sections,
        fileName: this.fileName(request),
      });
    } catch (error) {
      if (error instanceof ImportProblem) throw new ImportRefusedException(error);
      throw error;
    }
    const work = planImportWork(resolved, existing, (ref) => (ref.kind === 'existing' ? ref.id : null));
    this.assertNumbersFree(work);
    if (!target) await this.warnOfSameTitle(manager, resolved);
    return { resolved, work, agencies };
  }

  /** Without planId an import makes a new plan: say so when one of that title exists, and which. */
  private async warnOfSameTitle(manager: EntityManager, resolved: ResolvedImport): Promise<void> {
    const same = await manager
      .getRepository(Plan)
      .createQueryBuilder('plan')
      .where('lower(plan.title) = lower(:title)', { title: resolved.plan.title })
      .orderBy('plan.createdAt', 'ASC')
      .getMany();
    if (same.length === 0) return;
    const [first] = same;
    resolved.warnings.unshift({
      code: 'plan_exists',
      message: `A plan titled "${first.title.slice(0, 120)}" already exists (${first.id}${same.length > 1 ? `, and ${same.length - 1} more` : ''}); this import would create a second plan. To bring it into that plan, send planId=${first.id}`,
      planId: first.id,
    });
  }

  /**
   * The tree as the plans API would take it, validated by the same DTOs, so an
   * import can never write what POST /api/plans would refuse. The resolver's
   * own limits name lines; this is the backstop, naming the field.
   */
  private assertWritable(resolved: ResolvedImport, work: ImportWork): void {
    // Agencies still to be created have no id yet; any well-formed UUID stands in for them.
    const idOf = (ref: AgencyRef) => (ref.kind === 'existing' ? ref.id : NO_ID_YET);
    const dto = plainToInstance(CreatePlanDto, {
      title: resolved.plan.title,
      kind: resolved.plan.kind,
      source: resolved.plan.source,
      startsOn: resolved.plan.startsOn,
      endsOn: resolved.plan.endsOn,
      abbreviations: resolved.plan.abbreviations,
      ...(resolved.plan.columnLabels.length ? { columnLabels: resolved.plan.columnLabels } : {}),
      sections: work.sections.map((section) => ({
        title: section.resolved.title,
        sourceReference: section.resolved.sourceReference,
        recommendations: section.recommendations.map(({ resolved: r }) => ({
          number: r.number,
          text: r.text,
          band: r.band,
          ...(r.band === 'by_date' ? { targetDate: r.targetDate } : {}),
          sourceReference: r.sourceReference,
          activities: r.activities.map((a) => ({
            text: a.text,
            outcomeMeasures: a.outcomeMeasures,
            costText: a.cost.text,
            leadAgencyText: a.leadAgencyText,
            leadAgencyIds: [...new Set(linkedAgencies(a).map(idOf))],
            ...(a.dueDate ? { dueDate: a.dueDate.precision === 'month' ? a.dueDate.date.slice(0, 7) : a.dueDate.date } : {}),
          })),
        })),
      })),
    });
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (!errors.length) {
      const { startsOn, endsOn } = resolved.plan;
      if (startsOn && endsOn && endsOn < startsOn) {
        throw new ImportRefusedException(
          new ImportProblem('invalid_value', `The plan's period ends (${endsOn}) before it starts (${startsOn}); send startsOn and endsOn`, {}, { endsOn: 'must not be before startsOn' }),
        );
      }
      return;
    }
    const flat = fieldErrors(errors);
    const [path, reason] = Object.entries(flat)[0];
    const place = placeOfPath(path, work);
    throw new ImportRefusedException(new ImportProblem('invalid_value', `${atPlace(place)}${path} ${reason}`, place ?? {}, flat));
  }

  private assertNumbersFree(work: ImportWork): void {
    for (const section of work.sections) {
      const seen = new Map<number, Place | null>();
      for (const recommendation of section.recommendations) {
        const place = recommendation.resolved.places[0] ?? null;
        if (seen.has(recommendation.resolved.number)) {
          throw new ImportRefusedException(
            new ImportProblem('duplicate_number', `${atPlace(place)}table "${section.resolved.title}" has recommendation ${recommendation.resolved.number} twice`, place ?? {}),
          );
        }
        seen.set(recommendation.resolved.number, place);
      }
    }
  }

  /** Ofsted inspects, then publishes: dates the other way round are refused as the plans API refuses them. */
  private assertSourceDates(resolved: ResolvedImport): void {
    const { inspectionStartDate: start, inspectionEndDate: end, publishedOn } = resolved.plan.source;
    const errors: Record<string, string> = {};
    if (start && end && end < start) errors['source.inspectionEndDate'] = 'must not be before source.inspectionStartDate';
    const last = end ?? start;
    if (publishedOn && last && publishedOn < last) errors['source.publishedOn'] = 'must not be before the inspection';
    if (Object.keys(errors).length) {
      throw new ImportRefusedException(new ImportProblem('invalid_value', `The report's dates do not add up: ${Object.entries(errors).map(([k, v]) => `${k} ${v}`).join('; ')}`, {}, errors));
    }
  }
}

/** "sections[1].recommendations[2].activities[0].text" -> where that activity came from. */
function placeOfPath(path: string, work: ImportWork): Place | null {
  const index = (name: string) => {
    const match = new RegExp(`${name}\\[(\\d+)\\]`).exec(path);
    return match ? Number(match[1]) : null;
  };
  const s = index('sections');
  if (s === null) return null;
  const section = work.sections[s];
  const r = index('recommendations');
  if (r === null) return section?.resolved.place ?? null;
  const recommendation = section?.recommendations[r];
  const a = index('activities');
  if (a === null) return recommendation?.resolved.places[0] ?? null;
  return recommendation?.activities[a]?.resolved.places[0] ?? null;
}
