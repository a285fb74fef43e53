import type { TimescaleBand } from '../deadlines';
import type { DueDatePrecision, PlanAbbreviation } from '../plans/plan-vocabulary';
import { AgencyRef } from './agency-matching';
import { Place } from './import-model';
import { ResolvedActivity, ResolvedImport, ResolvedRecommendation, ResolvedSection } from './import-resolver';
import { textKey } from './parsers/cells';
import { Cadence, Milestone } from './parsers/timescales';

/**
 * What an import changes in an existing plan. Tables match by title (or by
 * Ofsted paragraph), recommendations by table and number, activities by their
 * text within the recommendation (ignoring case, spacing and dashes): a match
 * is updated, never duplicated. An import fills and corrects, it never blanks:
 * an empty cell leaves the plan's value alone (the reference plan's shifted
 * row must not wipe a lead agency someone has since put right), and what the
 * plan has that the import lacks is kept and listed, not deleted, because
 * progress may have been reported against it.
 */

export interface ExistingActivity {
  id: string;
  text: string;
  position: number;
  version: number;
  outcomeMeasures: string[];
  costText: string;
  leadAgencyText: string | null;
  leadAgencyIds: string[];
  leadAgencyNames: string[];
  /** The person who answers for it, if any (imports never set one; a person may have). */
  ownerId?: string | null;
  dueDateOverride: string | null;
  dueDatePrecision: DueDatePrecision;
  timescale: { text: string; cadence: Cadence | null } | null;
  milestones: Milestone[];
}

export interface ExistingRecommendation {
  id: string;
  number: number;
  text: string;
  band: TimescaleBand;
  targetDate: string | null;
  sourceReference: string | null;
  version: number;
  activities: ExistingActivity[];
}

export interface ExistingSection {
  id: string;
  title: string;
  sourceReference: string | null;
  position: number;
  version: number;
  recommendations: ExistingRecommendation[];
}

export interface ExistingPlan {
  id: string;
  title: string;
  version: number;
  publishedOn: string | null;
  inspectionStartDate: string | null;
  inspectionEndDate: string | null;
  sourceReportTitle: string | null;
  startsOn: string | null;
  endsOn: string | null;
  abbreviations: PlanAbbreviation[];
  sections: ExistingSection[];
}

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

export interface ActivityWork {
  resolved: ResolvedActivity;
  existing: ExistingActivity | null;
  changes: FieldChanges;
}

export interface RecommendationWork {
  resolved: ResolvedRecommendation;
  existing: ExistingRecommendation | null;
  changes: FieldChanges;
  activities: ActivityWork[];
}

export interface SectionWork {
  resolved: ResolvedSection;
  existing: ExistingSection | null;
  matchedBy: 'title' | 'paragraph' | null;
  changes: FieldChanges;
  recommendations: RecommendationWork[];
}

export interface LeftAlone {
  entityType: 'recommendation' | 'activity';
  id: string;
  section: string;
  recommendation: number;
  text: string;
}

export interface ImportWork {
  planChanges: FieldChanges;
  sections: SectionWork[];
  notInImport: LeftAlone[];
}

export interface ChangeSummary {
  created: { plans: number; sections: number; recommendations: number; activities: number; leadAgencies: number; milestones: number };
  updated: { plans: number; sections: number; recommendations: number; activities: number };
  unchanged: { sections: number; recommendations: number; activities: number };
  notInImport: { recommendations: number; activities: number };
}

const sameList = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function sectionKey(title: string): string {
  return textKey(title.replace(/^\s*table\s+\d+\s*[:.–-]\s*/i, ''));
}

/**
 * Pairs the import with the plan. `idOf` turns a matched agency into its id
 * (null for an agency still to be created, which no existing link can equal).
 */
export function planImportWork(resolved: ResolvedImport, existing: ExistingPlan | null, idOf: (ref: AgencyRef) => string | null): ImportWork {
  const planChanges: FieldChanges = {};
  if (existing) {
    const fill = (field: string, before: string | null, after: string | null) => {
      if (!before && after) planChanges[field] = { before, after };
    };
    fill('source.reportTitle', existing.sourceReportTitle, resolved.plan.source.reportTitle);
    fill('source.inspectionStartDate', existing.inspectionStartDate, resolved.plan.source.inspectionStartDate);
    fill('source.inspectionEndDate', existing.inspectionEndDate, resolved.plan.source.inspectionEndDate);
    fill('source.publishedOn', existing.publishedOn, resolved.plan.source.publishedOn);
    // The period fills a gap, or changes when the request says so; never from a guess over what the plan keeps.
    const { startsOn, endsOn, periodFrom } = resolved.plan;
    if (startsOn && startsOn !== existing.startsOn && (!existing.startsOn || periodFrom.startsOn === 'request')) planChanges.startsOn = { before: existing.startsOn, after: startsOn };
    if (endsOn && endsOn !== existing.endsOn && (!existing.endsOn || periodFrom.endsOn === 'request')) planChanges.endsOn = { before: existing.endsOn, after: endsOn };
    // The key gains the abbreviations the plan lacks; its own meanings stay.
    const known = new Set(existing.abbreviations.map((entry) => entry.abbreviation));
    const added = resolved.plan.abbreviations.filter((entry) => !known.has(entry.abbreviation));
    if (added.length) planChanges.abbreviations = { before: existing.abbreviations, after: [...existing.abbreviations, ...added] };
  }

  const freeSections = [...(existing?.sections ?? [])];
  const take = (predicate: (s: ExistingSection) => boolean): ExistingSection | null => {
    const index = freeSections.findIndex(predicate);
    return index < 0 ? null : freeSections.splice(index, 1)[0];
  };
  const sections: SectionWork[] = resolved.sections.map((section) => {
    let matchedBy: SectionWork['matchedBy'] = null;
    let match = take((s) => sectionKey(s.title) === sectionKey(section.title));
    if (match) matchedBy = 'title';
    else if (section.sourceReference) {
      match = take((s) => s.sourceReference === section.sourceReference);
      if (match) matchedBy = 'paragraph';
    }
    const changes: FieldChanges = {};
    if (match && !match.sourceReference && section.sourceReference) changes.sourceReference = { before: null, after: section.sourceReference };
    return {
      resolved: section,
      existing: match,
      matchedBy,
      changes,
      recommendations: section.recommendations.map((recommendation) => recommendationWork(recommendation, match?.recommendations.find((r) => r.number === recommendation.number) ?? null, idOf)),
    };
  });

  const notInImport: LeftAlone[] = [];
  for (const section of existing?.sections ?? []) {
    const work = sections.find((s) => s.existing === section);
    for (const recommendation of section.recommendations) {
      const recWork = work?.recommendations.find((r) => r.existing === recommendation);
      if (!recWork) {
        notInImport.push({ entityType: 'recommendation', id: recommendation.id, section: section.title, recommendation: recommendation.number, text: recommendation.text });
        continue;
      }
      for (const activity of recommendation.activities) {
        if (!recWork.activities.some((a) => a.existing === activity)) {
          notInImport.push({ entityType: 'activity', id: activity.id, section: section.title, recommendation: recommendation.number, text: activity.text });
        }
      }
    }
  }
  return { planChanges, sections, notInImport };
}

function recommendationWork(resolved: ResolvedRecommendation, existing: ExistingRecommendation | null, idOf: (ref: AgencyRef) => string | null): RecommendationWork {
  const changes: FieldChanges = {};
  if (existing) {
    if (resolved.text !== existing.text) changes.text = { before: existing.text, after: resolved.text };
    if (resolved.band !== existing.band) changes.band = { before: existing.band, after: resolved.band };
    if (resolved.band === 'by_date' && resolved.targetDate !== existing.targetDate) changes.targetDate = { before: existing.targetDate, after: resolved.targetDate };
    if (resolved.sourceReference && resolved.sourceReference !== existing.sourceReference) {
      changes.sourceReference = { before: existing.sourceReference, after: resolved.sourceReference };
    }
  }
  const free = [...(existing?.activities ?? [])];
  const activities = resolved.activities.map((activity) => {
    const index = free.findIndex((candidate) => textKey(candidate.text) === textKey(activity.text));
    const match = index < 0 ? null : free.splice(index, 1)[0];
    return { resolved: activity, existing: match, changes: match ? activityChanges(activity, match, idOf) : {} };
  });
  return { resolved, existing, changes, activities };
}

/** The ids an activity's lead-agency cell links, in order, without the bodies a named division absorbs. */
export function linkedAgencies(activity: ResolvedActivity): AgencyRef[] {
  return activity.leadAgencies.flatMap((piece) => (piece.absorbedInto || !piece.agency ? [] : [piece.agency]));
}

function activityChanges(resolved: ResolvedActivity, existing: ExistingActivity, idOf: (ref: AgencyRef) => string | null): FieldChanges {
  const changes: FieldChanges = {};
  if (resolved.text !== existing.text) changes.text = { before: existing.text, after: resolved.text };
  if (resolved.outcomeMeasures.length && !sameList(resolved.outcomeMeasures, existing.outcomeMeasures)) {
    changes.outcomeMeasures = { before: existing.outcomeMeasures, after: resolved.outcomeMeasures };
  }
  if (resolved.cost.text && resolved.cost.text !== existing.costText) changes.costText = { before: existing.costText, after: resolved.cost.text };
  if (resolved.leadAgencyText !== null) {
    if (resolved.leadAgencyText !== existing.leadAgencyText) changes.leadAgencyText = { before: existing.leadAgencyText, after: resolved.leadAgencyText };
    const ids = linkedAgencies(resolved).map(idOf);
    if (ids.some((id) => id === null) || !sameList([...new Set(ids)], existing.leadAgencyIds)) {
      changes.leadAgencies = { before: existing.leadAgencyNames, after: resolved.leadAgencies.filter((p) => !p.absorbedInto && p.agency).map((p) => p.name) };
    }
  }
  if (resolved.dueDate && (resolved.dueDate.date !== existing.dueDateOverride || resolved.dueDate.precision !== existing.dueDatePrecision)) {
    changes.dueDate = { before: existing.dueDateOverride, after: resolved.dueDate.date };
  }
  if (resolved.timescale) {
    const before = existing.timescale;
    if (!before || before.text !== resolved.timescale.text || before.cadence !== resolved.timescale.cadence) {
      changes.timescale = { before: before?.text ?? null, after: resolved.timescale.text };
    }
    const milestoneKey = (m: Milestone) => `${m.date}/${m.precision}`;
    if (!sameList(existing.milestones.map(milestoneKey), resolved.timescale.milestones.map(milestoneKey))) {
      changes.milestones = { before: existing.milestones.map((m) => m.date), after: resolved.timescale.milestones.map((m) => m.date) };
    }
  }
  return changes;
}

export function summarise(work: ImportWork, newPlan: boolean, newAgencies: number): ChangeSummary {
  const summary: ChangeSummary = {
    created: { plans: newPlan ? 1 : 0, sections: 0, recommendations: 0, activities: 0, leadAgencies: newAgencies, milestones: 0 },
    updated: { plans: Object.keys(work.planChanges).length ? 1 : 0, sections: 0, recommendations: 0, activities: 0 },
    unchanged: { sections: 0, recommendations: 0, activities: 0 },
    notInImport: {
      recommendations: work.notInImport.filter((n) => n.entityType === 'recommendation').length,
      activities: work.notInImport.filter((n) => n.entityType === 'activity').length,
    },
  };
  for (const section of work.sections) {
    if (!section.existing) summary.created.sections += 1;
    else if (Object.keys(section.changes).length) summary.updated.sections += 1;
    else summary.unchanged.sections += 1;
    for (const recommendation of section.recommendations) {
      if (!recommendation.existing) summary.created.recommendations += 1;
      else if (Object.keys(recommendation.changes).length) summary.updated.recommendations += 1;
      else summary.unchanged.recommendations += 1;
      for (const activity of recommendation.activities) {
        if (!activity.existing) {
          summary.created.activities += 1;
          summary.created.milestones += activity.resolved.timescale?.milestones.length ?? 0;
        } else if (Object.keys(activity.changes).length) {
          summary.updated.activities += 1;
          if (activity.changes.milestones) summary.created.milestones += activity.resolved.timescale?.milestones.length ?? 0;
        } else summary.unchanged.activities += 1;
      }
    }
  }
  return summary;
}

/** One line per change, for the answer and the audit record: where, what, before and after. */
export interface ChangeLine {
  action: 'create' | 'update';
  entityType: 'plan' | 'section' | 'recommendation' | 'activity' | 'lead_agency';
  id: string | null;
  where: string;
  place: Place | null;
  fields?: FieldChanges;
}

export function changeLines(work: ImportWork, planId: string | null): ChangeLine[] {
  const lines: ChangeLine[] = [];
  if (Object.keys(work.planChanges).length) lines.push({ action: 'update', entityType: 'plan', id: planId, where: 'the plan', place: null, fields: work.planChanges });
  for (const section of work.sections) {
    const where = `table "${section.resolved.title}"`;
    if (!section.existing) lines.push({ action: 'create', entityType: 'section', id: null, where, place: section.resolved.place });
    else if (Object.keys(section.changes).length) lines.push({ action: 'update', entityType: 'section', id: section.existing.id, where, place: section.resolved.place, fields: section.changes });
    for (const recommendation of section.recommendations) {
      const recWhere = `${where}, recommendation ${recommendation.resolved.number}`;
      const place = recommendation.resolved.places[0] ?? null;
      if (!recommendation.existing) lines.push({ action: 'create', entityType: 'recommendation', id: null, where: recWhere, place });
      else if (Object.keys(recommendation.changes).length) {
        lines.push({ action: 'update', entityType: 'recommendation', id: recommendation.existing.id, where: recWhere, place, fields: recommendation.changes });
      }
      for (const activity of recommendation.activities) {
        const actWhere = `${recWhere}, activity "${activity.resolved.text.slice(0, 60)}"`;
        const actPlace = activity.resolved.places[0] ?? null;
        if (!activity.existing) lines.push({ action: 'create', entityType: 'activity', id: null, where: actWhere, place: actPlace });
        else if (Object.keys(activity.changes).length) {
          lines.push({ action: 'update', entityType: 'activity', id: activity.existing.id, where: actWhere, place: actPlace, fields: activity.changes });
        }
      }
    }
  }
  return lines;
}
