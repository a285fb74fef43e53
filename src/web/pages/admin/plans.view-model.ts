import { NotFoundException } from '@nestjs/common';
import { BandOffsets, CalendarDate, TimescaleBand, WorkingDayCalendar } from '../../../deadlines';
import { recommendationDueDate, withDefaultOffsets } from '../../../plans/domain/due-dates';
import type { PlanTreeView } from '../../../plans/plan-tree.reader';
import type { PlanAbbreviation } from '../../../plans/plan-vocabulary';
import { BAND_NAMES } from './admin-forms';

type Section = PlanTreeView['sections'][number];
type Recommendation = Section['recommendations'][number];
type Activity = Recommendation['activities'][number];

/** Where a table, recommendation or activity sits in its plan: the context every page about it shows, and the proof it is in this plan. */
export interface Located {
  section: Section;
  recommendation?: Recommendation;
  activity?: Activity;
}

/**
 * Finds a row of the plan by id. A page's address names the plan and the
 * row; a row of another plan (or none) is the 404 page, as an id that does
 * not exist.
 */
export function locate(tree: PlanTreeView, id: { sectionId?: string; recommendationId?: string; activityId?: string }): Located {
  for (const section of tree.sections) {
    if (id.sectionId === section.id) return { section };
    for (const recommendation of section.recommendations) {
      if (id.recommendationId === recommendation.id) return { section, recommendation };
      for (const activity of recommendation.activities) {
        if (id.activityId === activity.id) return { section, recommendation, activity };
      }
    }
  }
  throw new NotFoundException();
}

/** "1st", "2nd", "3rd", "11th", "22nd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/**
 * Where a row may go among its siblings, for a select: each position named by
 * the row it would come before, so "2nd, before Children looked after" says
 * what moving there means. `current` is the row's own position (null for a
 * new row, which may also go at the end).
 */
export function positionChoices(siblings: Array<{ id: string; label: string }>, self: string | null, chosen: number | null) {
  const others = siblings.filter((sibling) => sibling.id !== self);
  const count = self ? siblings.length : siblings.length + 1;
  return Array.from({ length: count }, (_, index) => {
    const position = index + 1;
    const before = others[index];
    const words = before ? `${ordinal(position)}, before ${before.label}` : position === 1 ? '1st' : `${ordinal(position)}, at the end`;
    return { value: String(position), text: words, selected: position === (chosen ?? count) };
  });
}

export interface DueDateMove {
  band: string;
  from: string | null;
  to: string | null;
  recommendations: number;
  activities: number;
}

/**
 * What a new publication date does to the plan's due dates, band by band:
 * every recommendation whose date counts from publication (not by a date of
 * its own, not overridden) moves, with the activities that follow it (those
 * without a date of their own). Worked out with the same rules the plans
 * module applies when it saves, so the page can say so before it does.
 */
export function publicationDateMoves(
  tree: Pick<PlanTreeView, 'sections' | 'bandOffsets'>,
  publishedOn: string | null,
  calendar: WorkingDayCalendar,
): DueDateMove[] {
  const offsets: BandOffsets = withDefaultOffsets(tree.bandOffsets);
  const moves = new Map<TimescaleBand, DueDateMove>();
  for (const recommendation of tree.sections.flatMap((section) => section.recommendations)) {
    if (recommendation.band === 'by_date' || recommendation.dueDateOverridden) continue;
    let to: string | null;
    try {
      to = recommendationDueDate({ publishedOn, bandOffsets: offsets }, { band: recommendation.band, targetDate: null, dueDateOverride: null }, calendar);
    } catch (error) {
      // A date beyond the years whose bank holidays are known: the plans module refuses it when saving.
      if (!(error instanceof RangeError)) throw error;
      to = null;
    }
    if (to === recommendation.dueDate) continue;
    const move = moves.get(recommendation.band) ?? { band: BAND_NAMES[recommendation.band], from: recommendation.dueDate, to, recommendations: 0, activities: 0 };
    move.recommendations += 1;
    move.activities += recommendation.activities.filter((activity) => !activity.dueDateOverridden).length;
    moves.set(recommendation.band, move);
  }
  const order: TimescaleBand[] = ['immediately', 'within_three_months', 'within_six_months'];
  return order.filter((band) => moves.has(band)).map((band) => moves.get(band)!);
}

/** A calendar of working days from the council's closure days. */
export function calendarWith(closureDays: Array<{ date: string }>): WorkingDayCalendar {
  return new WorkingDayCalendar(closureDays.map((day) => day.date as CalendarDate));
}

/**
 * The plan's key to abbreviations typed one a line, "L&D: Learning and
 * Development Group" (a colon, or a dash or equals sign with spaces around
 * it); a line it cannot split is reported by its number.
 */
export function abbreviationsFromLines(lines: string[]): { entries: PlanAbbreviation[]; problem: string | null } {
  const entries: PlanAbbreviation[] = [];
  for (const [index, line] of lines.entries()) {
    const match = /^(.+?)(?:\s*:\s*|\s+[–—=-]\s+)(.+)$/.exec(line);
    if (!match) return { entries, problem: `line ${index + 1} must be the abbreviation, a colon, then what it stands for, like L&D: Learning and Development Group` };
    entries.push({ abbreviation: match[1].trim(), meaning: match[2].trim() });
  }
  return { entries, problem: null };
}

export function abbreviationLines(entries: PlanAbbreviation[]): string {
  return entries.map((entry) => `${entry.abbreviation}: ${entry.meaning}`).join('\n');
}

/** The API's `abbreviations[2].meaning` as the line of the box it was typed on. */
export function abbreviationProblem(path: string, problem: string): string | null {
  const match = /^abbreviations\[(\d+)\]\.(abbreviation|meaning)$/.exec(path);
  if (!match) return null;
  return `line ${Number(match[1]) + 1}: the ${match[2] === 'abbreviation' ? 'abbreviation' : 'meaning'} ${problem}`;
}
