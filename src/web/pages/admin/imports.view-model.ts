import { createHash } from 'crypto';
import { CalendarDate, formatMonthYear, formatShortDate } from '../../../deadlines';
import type { ImportView } from '../../../imports/import-views';
import { BAND_NAMES, PLAN_KIND_NAMES } from './admin-forms';

type Placed = { line?: number; lines?: number[]; sheet?: string; row?: number; rows?: number[] };

/** Where something came from, as a person finds it in their file: "Line 83", "Lines 83 and 88", "Sheet Plan, row 5". */
export function placeWords(place: Placed): string {
  if (place.sheet !== undefined) {
    const rows = place.rows ?? (place.row !== undefined ? [place.row] : []);
    return rows.length ? `Sheet ${place.sheet}, ${rows.length > 1 ? `rows ${listWords(rows)}` : `row ${rows[0]}`}` : `Sheet ${place.sheet}`;
  }
  const lines = [...new Set(place.lines ?? (place.line !== undefined ? [place.line] : []))];
  if (lines.length === 0) return place.row !== undefined ? `Row ${place.row}` : '';
  return lines.length > 1 ? `Lines ${listWords(lines)}` : `Line ${lines[0]}`;
}

/**
 * The upload limit as people read it ("10 MB", "1.5 MB", "48 KB"), rounded
 * down so that a file of the size shown is never refused.
 */
export function sizeWords(bytes: number): string {
  const mb = bytes / 1_048_576;
  if (mb >= 1) return `${Math.floor(mb * 10) / 10} MB`;
  return `${Math.max(1, Math.floor(bytes / 1024))} KB`;
}

function listWords(numbers: number[]): string {
  if (numbers.length === 1) return String(numbers[0]);
  return `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

const MATCHED_BY_WORDS: Record<string, string> = {
  name: 'its name',
  alias: 'another spelling it has',
  short_name: 'its short name',
  request_alias: 'your choice',
  plan_key: 'the plan’s key',
  division: 'a division of a body named beside it',
  new: 'nothing: it will be added',
  unmatched: 'nothing',
};

const PERIOD_FROM_WORDS: Record<string, string> = {
  request: 'as you gave it',
  plan: 'kept on the plan',
  title: 'read from the plan’s title',
  dates: 'from the dates the plan writes',
};

/** A message says its place first ("Line 83: the row is…"); the table shows the place in its own column. */
function withoutPlace(message: string): string {
  const stripped = message.replace(/^(Lines? [\d, and]+|Sheet [^,:]+(, rows? [\d, and]+)?|Rows? [\d, and]+):\s*/, '');
  return stripped.charAt(0).toUpperCase() + stripped.slice(1);
}

function dueWords(date: string | null | undefined, precision: string | undefined): string {
  if (!date) return '';
  return precision === 'month' ? formatMonthYear(date as CalendarDate) : formatShortDate(date as CalendarDate);
}

/** What the preview page shows of an import: the plan, what it finds wrong (by line), the agencies, who hears of what, the tree. */
export function importPreviewModel(view: ImportView, mapped: Record<string, string>) {
  const planExists = view.warnings.find((warning) => warning.code === 'plan_exists') as (typeof view.warnings)[number] & { planId?: string } | undefined;
  const newAgencies = view.leadAgencies.filter((agency) => agency.action === 'create');
  return {
    fileName: view.fileName,
    plan: {
      title: view.plan.title,
      kind: PLAN_KIND_NAMES[view.plan.kind],
      into: view.plan.action === 'update' ? view.plan.id : null,
      publishedOn: view.plan.source.publishedOn,
      reportTitle: view.plan.source.reportTitle,
      startsOn: view.plan.startsOn,
      endsOn: view.plan.endsOn,
      periodFrom: [view.plan.periodFrom.startsOn, view.plan.periodFrom.endsOn].filter((from): from is NonNullable<typeof from> => !!from).map((from) => PERIOD_FROM_WORDS[from] ?? from)[0] ?? null,
      abbreviations: view.plan.abbreviations,
    },
    planExists: planExists?.planId ? { planId: planExists.planId, message: planExists.message } : null,
    counts: {
      ...view.counts,
      bands: (['immediately', 'within_three_months', 'within_six_months', 'by_date'] as const)
        .map((band) => ({ band: BAND_NAMES[band], ...view.counts.byBand[band] }))
        .filter((row) => row.recommendations > 0),
    },
    changes: view.changes.summary,
    warnings: view.warnings.filter((warning) => warning.code !== 'plan_exists').map((warning) => ({ where: placeWords(warning), message: withoutPlace(warning.message) })),
    notes: view.notes.map((note) => ({ where: placeWords(note), message: withoutPlace(note.message) })),
    agencies: view.leadAgencies
      .map((agency) => ({
        name: agency.name ?? '',
        isNew: agency.action === 'create',
        matchedBy: agency.matchedBy.map((how) => MATCHED_BY_WORDS[how] ?? how).join('; '),
        spellings: agency.spellings.filter((spelling) => spelling !== agency.name),
        parent: agency.parent,
        activities: agency.activities,
      }))
      .sort((a, b) => Number(b.isNew) - Number(a.isNew) || a.name.localeCompare(b.name)),
    /** Spellings a person may map to an existing agency: leads nothing matched, and agencies the import would add. */
    mappable: [
      ...view.unmatchedLeadAgencies.map((lead) => ({ spelling: lead.text, why: `Not matched, on ${placeWords(lead).replace(/^L/, 'l')}`, chosen: mapped[lead.text] ?? '' })),
      ...newAgencies.flatMap((agency) => agency.spellings.map((spelling) => ({ spelling, why: `Would be added as “${agency.name}”`, chosen: mapped[spelling] ?? '' }))),
      ...Object.entries(mapped)
        .filter(([spelling]) => !view.unmatchedLeadAgencies.some((lead) => lead.text === spelling) && !newAgencies.some((agency) => agency.spellings.includes(spelling)))
        .map(([spelling, name]) => ({ spelling, why: `Matched as you chose`, chosen: name })),
    ],
    unheard: view.unheardActivities.map((activity) => ({ text: activity.text, where: placeWords(activity), heardBy: activity.heardBy === 'lead officer' ? 'The plan’s lead officer' : 'Nobody' })),
    sections: view.sections.map((section) => ({
      title: section.title,
      sourceReference: section.sourceReference,
      where: placeWords(section),
      counts: section.counts,
      recommendations: section.recommendations.map((recommendation) => ({
        number: recommendation.number,
        text: recommendation.text,
        band: BAND_NAMES[recommendation.band],
        due: dueWords(recommendation.dueDate, 'day'),
        where: placeWords(recommendation),
        activities: recommendation.activities.map((activity) => ({
          text: activity.text,
          measures: activity.outcomeMeasures,
          cost: activity.cost.text,
          agencies: activity.leadAgencies.map((lead) => (lead.matchedBy === 'unmatched' ? `${lead.text} (not matched)` : lead.name)).join('; '),
          due: dueWords(activity.effectiveDueDate, activity.dueDate?.precision),
          where: placeWords(activity),
        })),
      })),
    })),
  };
}

/**
 * A fingerprint of what the preview showed. Confirming sends it back; when
 * the import would now do something else (an agency added, the plan changed
 * meanwhile), the person sees the new preview before anything is written.
 */
export function previewHash(view: ImportView): string {
  return createHash('sha256').update(JSON.stringify(view)).digest('hex');
}
