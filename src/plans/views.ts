import { ParsedCost } from './domain/cost';
import { Activity } from './entities/activity.entity';
import { LeadAgency } from './entities/lead-agency.entity';
import { Plan } from './entities/plan.entity';
import { Recommendation } from './entities/recommendation.entity';
import { Section } from './entities/section.entity';

/** What the API shows of each row: council words, no internal columns. */

export interface LeadAgencyRef {
  id: string;
  name: string;
  shortName: string | null;
}

export interface ActivityDetails {
  outcomeMeasures: string[];
  leadAgencies: LeadAgencyRef[];
}

export function planView(plan: Plan) {
  return {
    id: plan.id,
    title: plan.title,
    kind: plan.kind,
    status: plan.status,
    source: {
      reportTitle: plan.sourceReportTitle,
      inspectionStartDate: plan.inspectionStartDate,
      inspectionEndDate: plan.inspectionEndDate,
      publishedOn: plan.publishedOn,
    },
    leadOfficerId: plan.leadOfficerId,
    startsOn: plan.startsOn,
    endsOn: plan.endsOn,
    abbreviations: plan.abbreviations ?? [],
    columnLabels: plan.columnLabels,
    bandOffsets: plan.bandOffsets,
    version: plan.version,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
  };
}

export function sectionView(section: Section) {
  return {
    id: section.id,
    planId: section.planId,
    title: section.title,
    position: section.position,
    sourceReference: section.sourceReference,
    version: section.version,
  };
}

export function recommendationView(recommendation: Recommendation) {
  return {
    id: recommendation.id,
    sectionId: recommendation.sectionId,
    number: recommendation.number,
    text: recommendation.text,
    sourceReference: recommendation.sourceReference,
    band: recommendation.band,
    targetDate: recommendation.targetDate,
    dueDate: recommendation.dueDate,
    dueDateOverridden: recommendation.dueDateOverride !== null,
    version: recommendation.version,
  };
}

export function costView(activity: Activity): ParsedCost {
  return {
    text: activity.costText,
    kind: activity.costKind,
    amountPence: activity.costAmountPence,
    period: activity.costPeriod,
    annualPence: activity.costAnnualPence,
  };
}

export function activityView(activity: Activity, details: ActivityDetails | undefined) {
  return {
    id: activity.id,
    recommendationId: activity.recommendationId,
    position: activity.position,
    text: activity.text,
    outcomeMeasures: details?.outcomeMeasures ?? [],
    cost: costView(activity),
    leadAgencyText: activity.leadAgencyText,
    leadAgencies: details?.leadAgencies ?? [],
    owner: activity.ownerName ? { name: activity.ownerName, email: activity.ownerEmail } : null,
    ownerId: activity.ownerId,
    startDate: activity.startDate,
    dueDate: activity.dueDate,
    dueDatePrecision: activity.dueDatePrecision,
    dueDateOverridden: activity.dueDateOverride !== null,
    status: activity.status,
    percentComplete: activity.percentComplete,
    lastReportedAt: activity.lastReportedAt,
    verification: activity.verifiedAt
      ? { verifiedAt: activity.verifiedAt, verifiedById: activity.verifiedById, note: activity.verificationNote }
      : null,
    version: activity.version,
    updatedAt: activity.updatedAt,
  };
}

export function leadAgencyView(agency: LeadAgency) {
  return {
    id: agency.id,
    name: agency.name,
    shortName: agency.shortName,
    aliases: agency.aliases,
    parentId: agency.parentId,
    version: agency.version,
  };
}

export type PlanView = ReturnType<typeof planView>;
export type ActivityView = ReturnType<typeof activityView>;
