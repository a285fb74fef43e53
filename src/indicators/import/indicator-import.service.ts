import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { together } from '../../common/together';
import { createHash, randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../../accounts/access-policy.service';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { FieldValidationException } from '../../common/validation';
import { ImportProblem } from '../../imports/import-model';
import { ImportRefusedException, UploadedImportFile, importMaxBytes } from '../../imports/imports.service';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { lockPlanOf } from '../../plans/plan-lock';
import { PlanTreeWriter } from '../../plans/plan-tree.writer';
import { nextPosition } from '../../plans/positions';
import { Month, RISK_LABEL_TEXT, UNIT_LABELS, monthOfDate } from '../domain';
import { IndicatorImportOptionsDto } from '../dto/indicator-import.dto';
import { Indicator } from '../entities/indicator.entity';
import { IndicatorRecord } from '../record/indicator-record.reader';
import { RecordWriter } from '../record/record-writer';
import { CURRENT, recordTime } from '../record/versions';
import { ExistingIndicator, ImportContext, IndicatorImportPlan, planIndicatorImport } from './import-plan';
import { parseIndicatorInput } from './parse-indicator-input';
import { ParsedIndicatorImport } from './parsed-indicators';

export interface IndicatorImportRequest {
  options: IndicatorImportOptionsDto;
  file: UploadedImportFile | null;
}

const RAG_WORDS = { red: 'Red', amber: 'Amber', green: 'Green', blue: 'Blue' } as const;

/**
 * Brings a board report's indicators in (the wide table councils keep in
 * Excel, or a performance team's long return): preview shows what would
 * change, commit writes it in one transaction or not at all. What to do is
 * worked out by planIndicatorImport (import-plan.ts), so preview and commit
 * agree; the same sheet imported again changes nothing.
 */
@Injectable()
export class IndicatorImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly record: IndicatorRecord,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async preview(request: IndicatorImportRequest): Promise<IndicatorImportView> {
    const parsed = await this.parse(request);
    const manager = this.dataSource.manager;
    const [plan] = await manager.query('SELECT id FROM plans WHERE id = $1', [request.options.planId]);
    if (!plan) throw new NotFoundException(`No plan with id ${request.options.planId}`);
    const result = planIndicatorImport(parsed, await this.context(manager, request, parsed));
    return importView(request.options.planId, parsed, result, fileNameOf(request), null);
  }

  /** importId is null when the sheet held nothing new: then nothing at all is written, not even the import's record. */
  async commit(request: IndicatorImportRequest): Promise<IndicatorImportView & { importId: string | null }> {
    const parsed = await this.parse(request);
    const planId = request.options.planId;
    const importId = randomUUID();
    return this.dataSource.transaction(async (manager) => {
      if (!(await lockPlanOf(manager, { planId }))) throw new NotFoundException(`No plan with id ${planId}`);
      const result = planIndicatorImport(parsed, await this.context(manager, request, parsed));
      if (Object.keys(result.problems).length) {
        const [first] = Object.values(result.problems);
        throw new ImportRefusedException(new ImportProblem('invalid_value', `Nothing was imported. ${first[0].toUpperCase()}${first.slice(1)}`, {}, result.problems));
      }
      const who = this.access.who();
      const writer = new RecordWriter(manager, this.audit, await recordTime(manager, this.clock), who.kind === 'person' ? who.actor.id : null, importId);

      // New sections first (the plans module writes the plan tree), then new indicators.
      const sectionOf = new Map<number, string>();
      let position = await nextPosition(manager, 'sections', planId);
      for (const [index, priority] of result.priorities.entries()) {
        if (priority.section) sectionOf.set(index, priority.section.id);
        else if (priority.action === 'create') {
          const section = await new PlanTreeWriter(manager, this.audit, planId).insertSection(planId, { title: priority.title! }, position++);
          sectionOf.set(index, section.id);
        }
      }
      let wrote = result.priorities.some((p) => p.action === 'create');
      const ids = new Map<string, string>();
      const [{ next }] = await manager.query('SELECT COALESCE(MAX(position), 0) + 1 AS next FROM indicators WHERE plan_id = $1', [planId]);
      let indicatorPosition = Number(next);
      for (const planned of result.indicators) {
        if (planned.existing) {
          ids.set(planned.key, planned.existing.id);
          if (planned.setPolarity) {
            wrote = true;
            await manager.query('UPDATE indicators SET polarity = $2, version = version + 1, updated_at = now() WHERE id = $1', [planned.existing.id, planned.setPolarity]);
            await this.audit.record(manager, {
              action: 'update',
              entityType: 'indicator',
              entityId: planned.existing.id,
              planId,
              before: { polarity: null },
              after: { polarity: planned.setPolarity, importId },
            });
          }
          continue;
        }
        const indicator = await manager.save(
          manager.create(Indicator, {
            planId,
            position: indicatorPosition++,
            title: planned.title,
            titleKey: planned.key,
            definition: null,
            unit: planned.unit!,
            polarity: planned.polarity,
            frequency: 'monthly',
            cumulation: planned.cumulation,
            ownerId: null,
            tolerance: null,
            ...(this.clock.stamp() ? { createdAt: this.clock.stamp()! } : {}),
          }),
        );
        ids.set(planned.key, indicator.id);
        wrote = true;
        await this.audit.record(manager, {
          action: 'create',
          entityType: 'indicator',
          entityId: indicator.id,
          planId,
          after: { title: indicator.title, unit: indicator.unit, polarity: indicator.polarity, frequency: indicator.frequency, cumulation: indicator.cumulation, importId },
        });
      }
      for (const planned of result.indicators) {
        const owner = { id: ids.get(planned.key)!, planId };
        for (const index of planned.priorities) {
          const sectionId = sectionOf.get(index);
          if (!sectionId) continue;
          const added: unknown[] = await manager.query(
            `INSERT INTO indicator_sections (indicator_id, section_id, position)
             SELECT $1, $2, COALESCE(MAX(position), 0) + 1 FROM indicator_sections WHERE section_id = $2
             ON CONFLICT (indicator_id, section_id) DO NOTHING RETURNING section_id`,
            [owner.id, sectionId],
          );
          if (added.length) wrote = true;
          if (added.length) await this.audit.record(manager, { action: 'create', entityType: 'indicator_section', entityId: `${owner.id}:${sectionId}`, planId, after: { indicatorId: owner.id, sectionId, importId } });
        }
        for (const value of planned.values) writer.value(owner, value.month, value.current, value.next);
        for (const target of planned.targets) writer.target(owner, { financialYear: target.financialYear }, target.current, target.next);
        for (const comparator of planned.comparators) writer.comparator(owner, comparator.nameKey, comparator.current, comparator.next);
      }
      for (const [index, priority] of result.priorities.entries()) {
        const sectionId = sectionOf.get(index);
        if (priority.rating?.outcome === 'created' && sectionId && result.latestMonth) writer.rating({ id: sectionId, planId }, result.latestMonth, priority.rating.current, priority.rating.next);
      }
      wrote ||= writer.auditCount > 0;
      await writer.flush();
      if (!wrote) return { ...importView(planId, parsed, result, fileNameOf(request), ids), importId: null };
      await this.audit.record(manager, {
        action: 'create',
        entityType: 'indicator_import',
        entityId: importId,
        planId,
        after: {
          layout: parsed.layout,
          fileName: fileNameOf(request),
          bytes: request.file ? request.file.size : Buffer.byteLength(request.options.text ?? '', 'utf8'),
          sha256: createHash('sha256').update(request.file ? request.file.buffer : (request.options.text ?? '')).digest('hex'),
          summary: result.summary,
          warnings: result.messages.filter((m) => m.severity === 'warning').length,
        },
      });
      return { ...importView(planId, parsed, result, fileNameOf(request), ids), importId };
    });
  }

  private async parse(request: IndicatorImportRequest): Promise<ParsedIndicatorImport> {
    const { options, file } = request;
    if (file && options.text !== undefined) throw new FieldValidationException({ text: 'send either a file or text, not both' }, 'Send either a file or text, not both');
    if (!file && options.text === undefined) {
      throw new ImportRefusedException(new ImportProblem('no_input', 'Nothing to import: upload a file in the multipart field "file", or send the text in "text"'));
    }
    try {
      return await parseIndicatorInput(
        { bytes: file ? file.buffer : null, text: file ? null : options.text, fileName: file?.originalname ?? options.fileName ?? null, contentType: file?.mimetype ?? null },
        { format: options.format, layout: options.layout, sheet: options.sheet, encoding: options.encoding, maxBytes: importMaxBytes(this.config) },
      );
    } catch (error) {
      if (error instanceof ImportProblem) throw new ImportRefusedException(error);
      throw error;
    }
  }

  /** What the plan already holds that the sheet touches: its sections, its indicators with their current values for the sheet's months, targets and comparators, and the chair's ratings for the latest month. */
  private async context(manager: EntityManager, request: IndicatorImportRequest, parsed: ParsedIndicatorImport): Promise<ImportContext> {
    const planId = request.options.planId;
    const [sections, definitions] = await together(manager, [
      () => manager.query('SELECT id, title FROM sections WHERE plan_id = $1 ORDER BY position', [planId]) as Promise<Array<{ id: string; title: string }>>,
      () => this.record.definitions({ planId }, manager),
    ]);
    const ids = definitions.map((d) => d.id);
    const latest = parsed.months.length ? parsed.months[parsed.months.length - 1] : null;
    const [values, targets, comparators, ratings] = await together(manager, [
      () => (parsed.months.length ? this.record.values(ids, { from: parsed.months[0], to: latest! }, CURRENT, manager) : Promise.resolve([])),
      () => this.record.targets(ids, CURRENT, manager),
      () => this.record.comparators(ids, CURRENT, manager),
      () => (latest ? this.record.ratings(sections.map((s) => s.id), latest, CURRENT, manager) : Promise.resolve([])),
    ]);
    const indicators = new Map<string, ExistingIndicator>();
    for (const d of definitions) {
      indicators.set(d.titleKey, {
        id: d.id,
        title: d.title,
        unit: d.unit,
        polarity: d.polarity,
        cumulation: d.cumulation,
        sectionIds: d.priorities.map((p) => p.sectionId),
        values: new Map(values.filter((v) => v.indicatorId === d.id).map((v) => [v.month, v])),
        targets: new Map((targets.get(d.id) ?? []).filter((t) => t.financialYear !== null).map((t) => [t.financialYear!, t])),
        comparators: new Map((comparators.get(d.id) ?? []).map((c) => [c.nameKey, c])),
      });
    }
    return {
      sections,
      indicators,
      ratings: new Map(ratings.map((r) => [r.sectionId, r])),
      currentMonth: monthOfDate(this.clock.today()),
      createSections: request.options.createSections ?? false,
      fileName: fileNameOf(request),
    };
  }
}

function fileNameOf(request: IndicatorImportRequest): string | null {
  return request.file?.originalname?.slice(0, 200) || request.options.fileName || null;
}

/** What the preview (and the commit's answer) shows: priorities and their sections, each indicator with its months, target and comparators, and the warnings. */
export function importView(planId: string, parsed: ParsedIndicatorImport, result: IndicatorImportPlan, fileName: string | null, ids: Map<string, string> | null) {
  const titleOf = (index: number) => result.priorities[index]?.title ?? null;
  return {
    planId,
    fileName,
    layout: parsed.layout,
    sheet: parsed.sheet,
    months: parsed.months,
    latestMonth: result.latestMonth as Month | null,
    priorities: result.priorities.map((p) => ({
      title: p.title,
      number: p.number,
      sheetRating: p.sheetRating ? `${RAG_WORDS[p.sheetRating.rating]}${p.sheetRating.riskLabel ? `, ${RISK_LABEL_TEXT[p.sheetRating.riskLabel]}` : ''}` : null,
      action: p.action,
      section: p.section ? { id: p.section.id, title: p.section.title } : null,
      ratingOutcome: p.rating?.outcome ?? null,
      row: p.place?.row ?? null,
    })),
    indicators: result.indicators.map((i) => ({
      title: i.title,
      row: i.place.row,
      priorities: i.priorities.map(titleOf),
      action: i.action,
      indicatorId: i.existing?.id ?? ids?.get(i.key) ?? null,
      unit: i.unit,
      unitLabel: i.unit ? UNIT_LABELS[i.unit] : null,
      unitText: i.unitText,
      polarity: i.polarity,
      cumulation: i.cumulation,
      values: i.values.map((v) => ({ month: v.month, text: v.text, value: v.next.value, notAvailable: v.next.notAvailable, outcome: v.outcome, was: v.current ? (v.current.notAvailable ? ('N/A' as const) : v.current.value) : null })),
      targets: i.targets.map((t) => ({ financialYear: t.financialYear, text: t.next.text, outcome: t.outcome })),
      comparators: i.comparators.map((c) => ({ name: c.next.name, kind: c.next.kind, financialYear: c.next.financialYear, text: c.text, value: c.next.value, outcome: c.outcome })),
    })),
    summary: result.summary,
    problems: result.problems,
    warnings: result.messages.filter((m) => m.severity === 'warning'),
    notes: result.messages.filter((m) => m.severity === 'note'),
  };
}
export type IndicatorImportView = ReturnType<typeof importView>;
