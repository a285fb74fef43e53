import { BAND_ORDER, OFFSET_BANDS, OffsetBand, TimescaleBand } from '../../deadlines';
import { OFSTED_COLUMN_LABELS } from '../../plans/plan-vocabulary';
import { ImportMessage, ImportProblem, ParsedImport, ParsedRecommendation, ParsedSection, Place, atPlace, describePlace, placeFields } from '../import-model';
import { parseBand } from './bands';
import { stripMarkdown } from './cells';

/**
 * Ofsted's recommendations as the report prints them: under "Areas for
 * improvement" (or, after a focused visit, "Areas for priority action") a
 * numbered paragraph ("23. In order to improve … the local authority and its
 * partners should take the following action.") and bullets under the
 * timescale headings "Immediately", "Within three months", "Within six
 * months". Each bullet is one recommendation, its wording kept exactly as
 * Ofsted wrote it; each numbered paragraph is one table of the plan.
 *
 * Extracts leave parts out ("[...]"). Where the paragraph that opens a list is
 * left out, the list is still a table of its own: it begins after the gap,
 * and its paragraph number comes from the request (`paragraphs`, one per
 * table in order) or, when importing into an existing plan, from the matching
 * table there; otherwise it stays empty with a warning naming the line. Where
 * the band heading is left out too, the bullets take the band that comes
 * before the next heading printed: Ofsted lists bands in order, so bullets
 * above "Within three months" are "Immediately".
 */

export interface OfstedReportOptions {
  /** Paragraph numbers, one per table in order, for lists whose opening paragraph the text leaves out. */
  paragraphs?: string[] | null;
  /** Titles, one per table in order, overriding the ones worked out from the text. */
  sectionTitles?: string[] | null;
}

const ELISION = /^\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*$/;
const AREA_HEADING = /^areas?\s+for\s+(improvement|priority\s+action)\b[:.]?$/i;
const PARAGRAPH = /^(\d{1,4})\.\s+(\S.*)$/;
const BULLET = /^\s*(?:[-*•▪●–]|\(?[a-z]\))\s+(\S.*)$/;

interface SectionState extends ParsedSection {
  kind: 'improvement' | 'priority_action';
  paragraphPrinted: boolean;
  lastBand: TimescaleBand | null;
  /** Bullets read before any band heading, after a gap: their band is settled by the next heading. */
  pending: ParsedRecommendation[];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function readDate(day: string, month: string, year: string): string | null {
  const m = MONTHS.indexOf(month.toLowerCase()) + 1;
  if (m === 0) return null;
  const text = `${year}-${String(m).padStart(2, '0')}-${day.padStart(2, '0')}`;
  const check = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().startsWith(text) ? text : null;
}

/** "23 April to 4 May 2012", "23–27 April 2012". */
export function readInspectionDates(text: string): { start: string | null; end: string | null } {
  const bare = text.replace(/[\u2013\u2014]/g, '-').replace(/\s+/g, ' ').trim();
  const full = /^(\d{1,2})(?:\s+([a-z]+))?(?:\s+(\d{4}))?\s*(?:-|to|until)\s*(\d{1,2})\s+([a-z]+)\s+(\d{4})/i.exec(bare);
  if (!full) {
    const single = /^(\d{1,2})\s+([a-z]+)\s+(\d{4})/i.exec(bare);
    const date = single ? readDate(single[1], single[2], single[3]) : null;
    return { start: date, end: date };
  }
  const end = readDate(full[4], full[5], full[6]);
  const start = readDate(full[1], full[2] ?? full[5], full[3] ?? full[6]);
  return { start, end };
}

function sectionTitleFrom(intro: string): string | null {
  const lower = intro.toLowerCase();
  if (/looked after|children in care|care leavers/.test(lower)) return 'Children looked after';
  if (/safeguard/.test(lower)) return 'Safeguarding';
  if (/help and protection|child protection/.test(lower)) return 'Children who need help and protection';
  return null;
}

export function readOfstedReport(text: string, options: OfstedReportOptions = {}): ParsedImport {
  const lines = text.split(/\r\n|\r|\n/);
  const messages: ImportMessage[] = [];
  const sections: SectionState[] = [];
  let reportTitle: string | null = null;
  let place: string | null = null;
  let inspectionStart: string | null = null;
  let inspectionEnd: string | null = null;
  let publishedOn: string | null = null;
  let area: SectionState['kind'] | null = null;
  let section: SectionState | null = null;
  let band: TimescaleBand | null = null;
  let gap = false;
  let lastBullet: ParsedRecommendation | null = null;

  const openSection = (where: Place, paragraph: { number: string; intro: string } | null, inferredFrom: string | null) => {
    const index = sections.length;
    const title =
      options.sectionTitles?.[index]?.trim() ||
      (paragraph ? sectionTitleFrom(paragraph.intro) : null) ||
      inferredFrom ||
      (area === 'priority_action' ? 'Areas for priority action' : `Areas for improvement ${index + 1}`);
    section = {
      title,
      sourceReference: paragraph?.number ?? null,
      place: where,
      recommendations: [],
      kind: area ?? 'improvement',
      paragraphPrinted: !!paragraph,
      lastBand: null,
      pending: [],
    };
    sections.push(section);
    band = null;
    return section;
  };

  const inferTitle = (): string | null => {
    // The 2012 framework reports safeguarding first, then looked after children.
    const previous = sections[sections.length - 1];
    if (previous?.title === 'Safeguarding' && /looked after/i.test(reportTitle ?? '')) return 'Children looked after';
    return null;
  };

  const settlePending = (current: SectionState, next: TimescaleBand | null, where: Place) => {
    if (current.pending.length === 0) return;
    const before = next && next !== 'by_date' ? OFFSET_BANDS[OFFSET_BANDS.indexOf(next as OffsetBand) - 1] : undefined;
    for (const recommendation of current.pending) {
      recommendation.band = before ?? null;
    }
    messages.push({
      code: before ? 'inferred_section' : 'no_timescale',
      message: before
        ? `${atPlace(current.pending[0].places[0])}the timescale heading above these recommendations is left out of the text; they come before "${next === 'within_three_months' ? 'Within three months' : 'Within six months'}" (${describePlace(where)}), so they are "${before === 'immediately' ? 'Immediately' : 'Within three months'}"`
        : `${atPlace(current.pending[0].places[0])}the timescale heading above these recommendations is left out of the text; give their band before committing`,
      ...placeFields(current.pending.flatMap((r) => r.places)),
    });
    current.pending = [];
  };

  lines.forEach((raw, i) => {
    const where: Place = { line: i + 1 };
    if (raw.length > 5000) return;
    const line = raw.trim();
    if (!line) {
      lastBullet = null;
      return;
    }
    const bare = stripMarkdown(line);
    if (/^#\s/.test(line) && !reportTitle) {
      reportTitle = bare;
      return;
    }
    const meta = /^(inspection dates?|published|publication date|date of publication)\s*:\s*(.+)$/i.exec(bare);
    if (meta) {
      if (/^inspection/i.test(meta[1])) {
        const dates = readInspectionDates(meta[2]);
        inspectionStart = dates.start;
        inspectionEnd = dates.end;
      } else {
        const m = /(\d{1,2})\s+([a-z]+)\s+(\d{4})/i.exec(meta[2]);
        publishedOn = m ? readDate(m[1], m[2], m[3]) : null;
      }
      return;
    }
    if (reportTitle && !place && !area && bare.length <= 60 && !/[:|]/.test(bare) && /^\p{Lu}/u.test(bare) && !/^-+$/.test(bare)) {
      place = bare;
      return;
    }
    const areaHeading = AREA_HEADING.exec(bare);
    if (areaHeading) {
      area = /priority/i.test(areaHeading[1]) ? 'priority_action' : 'improvement';
      section = null;
      band = null;
      gap = false;
      return;
    }
    if (!area) return;
    if (ELISION.test(line)) {
      gap = true;
      lastBullet = null;
      return;
    }
    const paragraph = PARAGRAPH.exec(bare);
    if (paragraph) {
      lastBullet = null;
      const current = section as SectionState | null;
      if (current && current.recommendations.length === 0 && !current.paragraphPrinted) {
        current.sourceReference = paragraph[1];
        current.paragraphPrinted = true;
        current.title = options.sectionTitles?.[sections.length - 1]?.trim() || sectionTitleFrom(paragraph[2]) || current.title;
      } else {
        openSection(where, { number: paragraph[1], intro: paragraph[2] }, null);
      }
      gap = false;
      return;
    }
    const heading = line.length <= 200 ? parseBand(bare) : null;
    if (heading && !BULLET.test(line)) {
      lastBullet = null;
      let current = section as SectionState | null;
      if (!current || (gap && current.recommendations.length > 0 && current.lastBand && BAND_ORDER[heading] <= BAND_ORDER[current.lastBand])) {
        current = openSection(where, null, inferTitle());
      }
      settlePending(current, heading, where);
      band = heading;
      current.lastBand = heading;
      gap = false;
      return;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      let current = section as SectionState | null;
      if (!current || (gap && current.recommendations.length > 0)) {
        current = openSection(where, null, inferTitle());
        messages.push({
          code: 'inferred_section',
          message: `${atPlace(where)}a new list of recommendations begins after text left out of the extract; it is read as the next table${current.title ? ` ("${current.title}")` : ''}`,
          ...placeFields([where]),
        });
      }
      gap = false;
      const recommendation: ParsedRecommendation = {
        number: current.recommendations.length + 1,
        text: bullet[1].trim(),
        band: band ?? (current.kind === 'priority_action' ? 'immediately' : null),
        sourceReference: current.sourceReference,
        places: [where],
        activities: [],
      };
      if (!band && current.kind !== 'priority_action') current.pending.push(recommendation);
      current.recommendations.push(recommendation);
      lastBullet = recommendation;
      return;
    }
    if (/^#/.test(line)) {
      // Another heading ends the list.
      area = null;
      lastBullet = null;
      return;
    }
    const continuing = lastBullet as ParsedRecommendation | null;
    if (continuing) {
      continuing.text = `${continuing.text} ${line}`;
      continuing.places.push(where);
    }
  });
  for (const current of sections) settlePending(current, null, {});

  const found = sections.filter((s) => s.recommendations.length > 0);
  if (found.length === 0) {
    throw new ImportProblem(
      'no_recommendations',
      'The text has no recommendations in it: expected an "Areas for improvement" (or "Areas for priority action") heading with bullets under "Immediately", "Within three months" or "Within six months"',
    );
  }
  found.forEach((current, index) => {
    const given = options.paragraphs?.[index]?.trim() || null;
    if (given && current.paragraphPrinted && given !== current.sourceReference) {
      throw new ImportProblem(
        'invalid_options',
        `paragraphs[${index}] is ${given}, but ${describePlace(current.place)} prints paragraph ${current.sourceReference}`,
        current.place ?? {},
        { [`paragraphs[${index}]`]: `the text prints paragraph ${current.sourceReference}` },
      );
    }
    if (!current.sourceReference && given) current.sourceReference = given;
    for (const recommendation of current.recommendations) recommendation.sourceReference = current.sourceReference;
  });
  if (options.paragraphs && options.paragraphs.length > found.length) {
    throw new ImportProblem('invalid_options', `paragraphs has ${options.paragraphs.length} entries but the text has ${found.length} lists of recommendations`, {}, {
      paragraphs: `has ${options.paragraphs.length} entries for ${found.length} tables`,
    });
  }

  return {
    format: 'ofsted-report',
    layout: 'report',
    plan: {
      title: null,
      reportTitle: reportTitle && place ? `${reportTitle}: ${place}` : reportTitle,
      inspectionStartDate: inspectionStart,
      inspectionEndDate: inspectionEnd,
      publishedOn,
      columnLabels: [...OFSTED_COLUMN_LABELS],
    },
    sections: found.map(({ title, sourceReference, place: at, recommendations }) => ({ title, sourceReference, place: at, recommendations })),
    abbreviations: {},
    sheet: null,
    messages,
  };
}
