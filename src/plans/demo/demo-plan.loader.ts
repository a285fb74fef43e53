import { Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { fieldErrors } from '../../common/validation';
import { CreatePlanDto } from '../dto/plan.dto';
import { LeadAgency } from '../entities/lead-agency.entity';
import { Plan } from '../entities/plan.entity';
import { PlansService } from '../plans.service';
import { leadAgencyView } from '../views';
import southampton2012 from './southampton-2012.plan.json';

interface FixtureAgency {
  name: string;
  shortName: string | null;
  aliases: string[];
  parent: string | null;
}

interface FixtureActivity {
  text: string;
  outcomeMeasures: string[];
  costText: string;
  leadAgencyText: string;
  leadAgencies: string[];
  dueDate?: string;
}

interface FixtureRecommendation {
  number: number;
  band: string;
  text: string;
  sourceReference?: string;
  activities: FixtureActivity[];
}

interface PlanFixture {
  plan: {
    title: string;
    kind: string;
    status: string;
    sourceReportTitle: string;
    inspectionStartDate: string;
    inspectionEndDate: string;
    publishedOn: string;
    columnLabels: string[];
  };
  leadAgencies: FixtureAgency[];
  sections: Array<{ title: string; sourceReference: string; recommendations: FixtureRecommendation[] }>;
}

/**
 * Demo mode shows a council its own kind of plan: Southampton's 2012 answer to
 * Ofsted, loaded through the same validation and write path as the API, so the
 * demo cannot hold anything the API would refuse.
 */
@Injectable()
export class DemoPlanLoader {
  private readonly logger = new Logger('DemoPlanLoader');

  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlansService,
    private readonly audit: AuditService,
  ) {}

  /** Loads the demo plan into an empty database; an existing database is left alone. */
  async loadIfEmpty(): Promise<string | null> {
    if ((await this.dataSource.manager.count(Plan)) > 0) return null;
    return this.load();
  }

  async load(fixture: PlanFixture = southampton2012 as PlanFixture): Promise<string> {
    const agencyIds = await this.dataSource.transaction((manager) => this.upsertAgencies(manager, fixture.leadAgencies));
    const dto = plainToInstance(CreatePlanDto, {
      title: fixture.plan.title,
      kind: fixture.plan.kind,
      status: fixture.plan.status,
      source: {
        reportTitle: fixture.plan.sourceReportTitle,
        inspectionStartDate: fixture.plan.inspectionStartDate,
        inspectionEndDate: fixture.plan.inspectionEndDate,
        publishedOn: fixture.plan.publishedOn,
      },
      columnLabels: fixture.plan.columnLabels,
      sections: fixture.sections.map((section) => ({
        title: section.title,
        sourceReference: section.sourceReference,
        recommendations: section.recommendations.map((recommendation) => ({
          number: recommendation.number,
          text: recommendation.text,
          band: recommendation.band,
          sourceReference: recommendation.sourceReference ?? section.sourceReference,
          activities: recommendation.activities.map((activity) => ({
            text: activity.text,
            outcomeMeasures: activity.outcomeMeasures,
            costText: activity.costText,
            leadAgencyText: activity.leadAgencyText,
            leadAgencyIds: activity.leadAgencies.map((name) => {
              const id = agencyIds.get(name);
              if (!id) throw new Error(`Demo plan names an unknown lead agency: ${name}`);
              return id;
            }),
            ...(activity.dueDate ? { dueDate: activity.dueDate } : {}),
          })),
        })),
      })),
    });
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) throw new Error(`Demo plan fails validation: ${JSON.stringify(fieldErrors(errors))}`);
    const plan = await this.plans.create(dto);
    this.logger.log(
      `Loaded demo plan "${plan.title}": ${plan.counts.recommendations} recommendations, ${plan.counts.activities} activities`,
    );
    return plan.id;
  }

  /** Agencies are matched by name so a second demo plan reuses them. */
  private async upsertAgencies(manager: EntityManager, agencies: FixtureAgency[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const agency of agencies) {
      const parentId = agency.parent ? ids.get(agency.parent) : null;
      if (agency.parent && !parentId) throw new Error(`Demo agency ${agency.name} names a parent listed after it: ${agency.parent}`);
      const existing = await manager.findOne(LeadAgency, { where: { name: agency.name } });
      const saved =
        existing ??
        (await manager.save(
          manager.create(LeadAgency, { name: agency.name, shortName: agency.shortName, aliases: agency.aliases, parentId: parentId ?? null }),
        ));
      if (!existing) {
        await this.audit.record(manager, { action: 'create', entityType: 'lead_agency', entityId: saved.id, after: leadAgencyView(saved) });
      }
      ids.set(agency.name, saved.id);
    }
    return ids;
  }
}
