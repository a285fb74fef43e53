import type { ResolvedActivity } from './import-resolver';
import { HeardBy, ReminderDirectory, whoHears } from '../reminders/recipients';
import { TIMESCALE_BANDS, TimescaleBand } from '../deadlines';
import { AgencyRef, KnownAgency, NewAgency, agencyRefKey } from './agency-matching';
import { ChangeSummary, ImportWork, changeLines, linkedAgencies } from './import-diff';
import { Place } from './import-model';
import { ResolvedImport } from './import-resolver';

/**
 * What the preview (and the import) answers: the tree as it will be written,
 * with where each row came from, the agencies matched or to be created and how
 * each was matched, parsed costs and dates, warnings and notes, and, for an
 * existing plan, what would change.
 */

function where(places: Place[]): { line?: number; lines?: number[]; sheet?: string; row?: number; rows?: number[] } {
  const first = places[0];
  if (!first) return {};
  if (first.sheet !== undefined) {
    const rows = places.map((p) => p.row!).filter((r) => r !== undefined);
    return rows.length > 1 ? { sheet: first.sheet, row: rows[0], rows } : { sheet: first.sheet, row: first.row };
  }
  const lines = places.map((p) => p.line!).filter((l) => l !== undefined);
  if (lines.length > 1) return { line: lines[0], lines };
  return first.line !== undefined ? { line: first.line } : first.row !== undefined ? { row: first.row } : {};
}

export function importView(
  resolved: ResolvedImport,
  work: ImportWork,
  summary: ChangeSummary,
  context: {
    planId: string | null;
    knownAgencies: KnownAgency[];
    fileName: string | null;
    /** Who would hear of each activity's deadlines, and the plan's lead officer (the importer, for a new plan). */
    reminders: { directory: ReminderDirectory; leadOfficerId: string | null };
  },
) {
  const known = new Map(context.knownAgencies.map((a) => [a.id, a]));
  const newAgencies = new Map(resolved.newAgencies.map((a) => [agencyRefKey({ kind: 'new', key: a.key }), a]));
  const nameOf = (ref: AgencyRef | null): string | null =>
    !ref ? null : ref.kind === 'existing' ? (known.get(ref.id)?.name ?? null) : (newAgencies.get(agencyRefKey(ref))?.name ?? null);

  const usage = new Map<string, { ref: AgencyRef; matchedBy: Set<string>; spellings: Set<string>; activities: number }>();
  // A new agency has no contacts yet; it reaches the contacts of an existing parent.
  const reachableAgencyIds = (activity: ResolvedActivity) =>
    linkedAgencies(activity).flatMap((ref) => {
      if (ref.kind === 'existing') return [ref.id];
      const parent = newAgencies.get(agencyRefKey(ref))?.parent;
      return parent?.kind === 'existing' ? [parent.id] : [];
    });
  const unheard: Array<{ text: string; heardBy: Extract<HeardBy, 'lead officer' | 'nobody'>; places: Place[] }> = [];
  const unmatched = new Map<string, { text: string; places: Place[] }>();
  const byBand = Object.fromEntries(TIMESCALE_BANDS.map((band) => [band, { recommendations: 0, activities: 0 }])) as Record<
    TimescaleBand,
    { recommendations: number; activities: number }
  >;

  const sections = work.sections.map((section) => ({
    title: section.resolved.title,
    sourceReference: section.resolved.sourceReference,
    ...where(section.resolved.place ? [section.resolved.place] : []),
    match: section.existing ? { id: section.existing.id, by: section.matchedBy } : null,
    changes: section.changes,
    counts: {
      recommendations: section.recommendations.length,
      activities: section.recommendations.reduce((n, r) => n + r.activities.length, 0),
    },
    recommendations: section.recommendations.map((recommendation) => {
      const r = recommendation.resolved;
      byBand[r.band].recommendations += 1;
      byBand[r.band].activities += r.activities.length;
      return {
        number: r.number,
        text: r.text,
        band: r.band,
        targetDate: r.targetDate,
        sourceReference: r.sourceReference,
        dueDate: r.dueDate,
        ...where(r.places),
        match: recommendation.existing ? { id: recommendation.existing.id } : null,
        changes: recommendation.changes,
        activities: recommendation.activities.map((activity) => {
          const a = activity.resolved;
          for (const piece of a.leadAgencies) {
            if (!piece.agency) {
              const entry = unmatched.get(piece.text.toLowerCase()) ?? { text: piece.text, places: [] };
              entry.places.push(a.places[0]);
              unmatched.set(piece.text.toLowerCase(), entry);
              continue;
            }
            const key = agencyRefKey(piece.agency);
            const entry = usage.get(key) ?? { ref: piece.agency, matchedBy: new Set<string>(), spellings: new Set<string>(), activities: 0 };
            entry.matchedBy.add(piece.matchedBy);
            entry.spellings.add(piece.text);
            usage.set(key, entry);
          }
          for (const ref of linkedAgencies(a)) usage.get(agencyRefKey(ref))!.activities += 1;
          const heard = whoHears({ ownerId: activity.existing?.ownerId ?? null, leadAgencyIds: reachableAgencyIds(a), leadOfficerId: context.reminders.leadOfficerId }, context.reminders.directory);
          if (heard.via === 'lead officer' || heard.via === 'nobody') unheard.push({ text: a.text, heardBy: heard.via, places: a.places });
          return {
            text: a.text,
            outcomeMeasures: a.outcomeMeasures,
            cost: a.cost,
            leadAgencyText: a.leadAgencyText,
            leadAgencies: a.leadAgencies.map((piece) => ({
              text: piece.text,
              name: piece.name,
              id: piece.agency?.kind === 'existing' ? piece.agency.id : null,
              matchedBy: piece.matchedBy,
              ...(piece.absorbedInto ? { absorbedInto: piece.absorbedInto } : {}),
            })),
            dueDate: a.dueDate ? { date: a.dueDate.date, precision: a.dueDate.precision, from: a.dueDate.from } : null,
            effectiveDueDate: a.effectiveDueDate,
            timescale: a.timescale,
            ...where(a.places),
            match: activity.existing ? { id: activity.existing.id } : null,
            changes: activity.changes,
          };
        }),
      };
    }),
  }));

  const leadAgencies = [...usage.values()].map((entry) => {
    const created: NewAgency | undefined = entry.ref.kind === 'new' ? newAgencies.get(agencyRefKey(entry.ref)) : undefined;
    const parentRef = entry.ref.kind === 'existing' ? (known.get(entry.ref.id)?.parentId ? ({ kind: 'existing', id: known.get(entry.ref.id)!.parentId! } as AgencyRef) : null) : (created?.parent ?? null);
    return {
      name: nameOf(entry.ref),
      id: entry.ref.kind === 'existing' ? entry.ref.id : null,
      action: entry.ref.kind === 'existing' ? ('match' as const) : ('create' as const),
      matchedBy: [...entry.matchedBy],
      spellings: [...entry.spellings],
      parent: nameOf(parentRef),
      ...(created ? { shortName: created.shortName, aliases: created.aliases } : {}),
      activities: entry.activities,
    };
  });

  const recommendations = work.sections.reduce((n, s) => n + s.recommendations.length, 0);
  const activities = work.sections.reduce((n, s) => n + s.recommendations.reduce((m, r) => m + r.activities.length, 0), 0);
  return {
    planId: context.planId,
    format: resolved.format,
    layout: resolved.layout,
    ...(resolved.sheet ? { sheet: resolved.sheet } : {}),
    fileName: context.fileName,
    plan: {
      id: context.planId,
      action: context.planId && !summary.created.plans ? ('update' as const) : ('create' as const),
      ...resolved.plan,
    },
    counts: { sections: sections.length, recommendations, activities, byBand },
    sections,
    leadAgencies,
    /** Leads that match no agency and are not in the plan's key: linked to nothing until a person maps them (agencyAliases). */
    unmatchedLeadAgencies: [...unmatched.values()].map((entry) => ({ text: entry.text, activities: entry.places.length, ...where(entry.places) })),
    /**
     * Activities no owner or agency contact would hear about: their reminders
     * go to the plan's lead officer (or nobody). Give them an owner, or name
     * contacts for their lead agencies.
     */
    unheardActivities: unheard.map((entry) => ({ text: entry.text, heardBy: entry.heardBy, ...where(entry.places) })),
    warnings: resolved.warnings,
    notes: resolved.notes,
    changes: {
      summary,
      lines: changeLines(work, context.planId).map((line) => ({ ...line, place: undefined, ...where(line.place ? [line.place] : []) })),
      notInImport: work.notInImport,
    },
  };
}

export type ImportView = ReturnType<typeof importView>;
