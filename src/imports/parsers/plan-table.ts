import type { TimescaleBand } from '../../deadlines';
import {
  ImportFormat,
  ImportMessage,
  ImportProblem,
  ParsedActivity,
  ParsedImport,
  ParsedRecommendation,
  ParsedSection,
  Place,
  TableLayout,
  atPlace,
  describePlace,
  placeFields,
} from '../import-model';
import { parseBand, parseBandRow } from './bands';
import { cleanCell, endsSentence, headingTitle, numberedText, splitMeasures, startsLowerCase, stripMarkdown, textKey } from './cells';
import { HeaderMapping, MappingOptions, PLAN_FIELDS, PlanField, findHeader, isRepeatedHeader } from './header-mapping';

/**
 * Reads a plan table, whatever it came in: pasted committee-paper text, CSV
 * rows or a worksheet. The paper's conventions are read as a person reads
 * them: the header row repeats under a "DRAFT" line after each page break,
 * "TABLE 1: SAFEGUARDING" starts a table, a band row ("Safeguarding:
 * Immediately") sets the timescale of what follows, a recommendation's number
 * and text appear only on its first row, and a row continued across a page
 * break adds to the activity above it rather than starting a new one.
 */

export type TableLine =
  /** A table row; merged[i] says cell i is merged with the one above (workbooks only). */
  | { kind: 'row'; cells: string[]; place: Place; merged?: boolean[] }
  /** A line of pasted text outside the table (a heading, "DRAFT", a paragraph). */
  | { kind: 'text'; text: string; place: Place };

export interface TableReadOptions extends MappingOptions {
  format: ImportFormat;
  /** "The text", "The file", "Sheet Plan": how messages name the input. */
  what: string;
  sheet?: string | null;
  /** Title of the one table, when the input has no table headings. */
  sectionTitle?: string | null;
}

const TABLE_HEADING = /^table\s+(\d{1,3})\s*[:.–—-]?\s*(.*)$/i;
const DRAFT = /^\W*draft\W*$/i;
const KEY_HEADING = /^\W*(?:key|abbreviations|glossary)\b.{0,40}$/i;
/**
 * "L&D: Learning and Development Group", "Board – The full board / LSCB",
 * "4LSCB: Hampshire, Isle of Wight, Portsmouth & Southampton": a short word
 * with a capital (a plan's key has "Board" and "Exec" as well as "CEA"), or
 * one starting with a digit, then its meaning. Read only inside a key.
 */
const KEY_ENTRY = /^([A-Z0-9][A-Za-z0-9&]{0,11})\s*(?:[=:–—-]|\s{2,}|\t)\s*(\S.{1,198})$/;
const PRIORITY_NUMBER = '(\\d{1,2}|[ivx]{1,5}|one|two|three|four|five|six|seven|eight|nine|ten)';
/**
 * "Priority 1: Ensure safeguarding is a whole city theme": a business plan's
 * priority heads a table of its own, whether it stands above the header row or
 * in a row of its own, and it is printed again at the top of the next page.
 */
const PRIORITY_HEADING = new RegExp(`^(?:(?:strategic|business|key|board)\\s+)?priority(?:\\s+area)?\\s+${PRIORITY_NUMBER}\\b\\s*(?:[:.–—-]\\s*(\\S.*))?$`, 'i');

/** "Priority 1: …" -> "priority 1", so a heading repeated with other words after a page break is the same priority. */
export function priorityHeading(text: string): { key: string; title: string } | null {
  const bare = stripMarkdown(text).replace(/\s+/g, ' ').trim();
  if (bare.length > 300) return null;
  const match = PRIORITY_HEADING.exec(bare);
  if (!match) return null;
  return { key: `priority ${match[1].toLowerCase()}`, title: headingTitle(bare.replace(/[\s:.–—-]+$/, '')) };
}

/** One entry of a plan's key to abbreviations, or null. */
export function keyEntry(text: string): { abbreviation: string; meaning: string } | null {
  const match = KEY_ENTRY.exec(text.trim());
  if (!match || !/[A-Z]/.test(match[1])) return null;
  const meaning = match[2].trim();
  // A meaning names a body ("The full board / LSCB"); "Note: this plan is reviewed yearly." is a sentence.
  if (!/^[\p{Lu}\d]/u.test(meaning) || (/[.!?]$/.test(meaning) && meaning.split(/\s+/).length >= 6)) return null;
  return { abbreviation: match[1], meaning };
}

interface RecommendationState extends ParsedRecommendation {
  /** The section the recommendation belongs to. */
  section: ParsedSection;
}

export function readPlanTable(lines: TableLine[], options: TableReadOptions): ParsedImport {
  const rows = lines.flatMap((line, index) => (line.kind === 'row' ? [{ ...line, index }] : []));
  if (rows.length === 0) {
    throw new ImportProblem(
      'no_table',
      `${options.what} has no table in it: no line has columns separated by tabs. Copy the table from Word or the PDF with its columns, or send the plan as CSV or XLSX`,
    );
  }
  const { index: headerRow, mapping } = findHeader(rows, options, options.what);
  const headerIndex = rows[headerRow].index;
  const parsed = new TableReader(mapping, options).read(lines, headerIndex);
  const place = rows[headerRow].place;
  // A column nobody asked for is still a column somebody filled in: say it was left out, and how to keep it.
  const unmapped: ImportMessage[] = mapping.unmapped.map(({ index, heading }) => ({
    code: 'unmapped_column',
    message:
      `${atPlace(place)}the column "${heading.slice(0, 80)}" (column ${index + 1}) is not a column a plan keeps, so its cells were not imported; ` +
      `to read it as one of ${PLAN_FIELDS.join(', ')}, send mapping { "<field>": "${heading.slice(0, 80)}" }`,
    column: heading,
    ...placeFields([place]),
  }));
  return { ...parsed, messages: [...unmapped, ...parsed.messages] };
}

class TableReader {
  private readonly sections: ParsedSection[] = [];
  private readonly messages: ImportMessage[] = [];
  private readonly abbreviations: Record<string, string> = {};
  private readonly fieldColumn = new Map<PlanField, number>();
  private section: ParsedSection | null = null;
  /** True when the section came from a "TABLE n:" heading, whose title a band row must not replace. */
  private sectionFromHeading = false;
  private recommendation: RecommendationState | null = null;
  /** The last outcome read, kept across headings: its sentence may go on after the next page's heading. */
  private lastOutcome: RecommendationState | null = null;
  /** Tables opened by "Priority n:" headings, by "priority n". */
  private readonly priorities = new Map<string, ParsedSection>();
  private band: TimescaleBand | null = null;
  private pageBreak = false;
  private keyMode = false;
  private title: string | null = null;
  private readonly strayLines: Array<{ place: Place; index: number }> = [];
  private lastDataIndex = -1;

  constructor(
    private readonly header: HeaderMapping,
    private readonly options: TableReadOptions,
  ) {
    for (const [column, field] of header.columns) this.fieldColumn.set(field, column);
  }

  read(lines: TableLine[], headerIndex: number): ParsedImport {
    lines.forEach((line, index) => {
      if (index < headerIndex) {
        this.beforeHeader(line);
        return;
      }
      if (index === headerIndex) return;
      if (line.kind === 'text') this.textLine(line.text, line.place, index);
      else this.rowLine(line.cells, line.place, line.merged ?? [], index);
    });
    for (const { place, index } of this.strayLines) {
      if (index < this.lastDataIndex) {
        this.warn({ code: 'stray_line', message: `${atPlace(place)}not part of a table row (it has no columns); ignored`, ...placeFields([place]) });
      }
    }
    const sections = this.sections.filter((section) => section.recommendations.length > 0);
    if (sections.length === 0) {
      throw new ImportProblem(
        'no_recommendations',
        `${this.options.what} has a header row but no recommendations or activities beneath it`,
      );
    }
    return {
      format: this.options.format,
      layout: this.header.layout,
      plan: {
        title: this.title,
        reportTitle: null,
        inspectionStartDate: null,
        inspectionEndDate: null,
        publishedOn: null,
        columnLabels: this.header.labels,
      },
      sections: sections.map(({ title, sourceReference, place, recommendations }) => ({
        title,
        sourceReference,
        place,
        recommendations: recommendations.map(({ number, text, band, sourceReference: ref, places, activities }) => ({
          number,
          text,
          band,
          sourceReference: ref,
          places,
          activities,
        })),
      })),
      abbreviations: this.abbreviations,
      sheet: this.options.sheet ?? null,
      messages: this.messages,
    };
  }

  private beforeHeader(line: TableLine): void {
    const filled = line.kind === 'row' ? line.cells.map((c) => c.trim()).filter((c) => c !== '') : [];
    if (line.kind === 'row' && this.keyMode && filled.length === 2 && this.keyEntry(filled.join(' – '))) return;
    const text = line.kind === 'text' ? line.text : filled.length === 1 ? filled[0] : '';
    if (line.kind === 'row' && filled.length > 1) this.keyMode = false;
    if (!text.trim()) return;
    if (text.length > 300) {
      this.keyMode = false;
      return;
    }
    const bare = stripMarkdown(text);
    if (this.heading(bare, line.place, true)) return;
    if (KEY_HEADING.test(bare)) {
      this.keyMode = true;
      return;
    }
    if (this.keyMode && this.keyEntry(bare)) return;
    this.keyMode = false;
    if (this.title === null && /\bplan\b/i.test(bare) && bare.length <= 200 && !DRAFT.test(bare)) {
      this.title = bare.replace(/^appendix\s+\w+\s*[:.–—-]\s*/i, '').trim() || null;
    }
  }

  /** A "TABLE n:" or "Priority n:" heading, wherever it stands; true when the line was one. */
  private heading(bare: string, place: Place, bareTableNumber = false): boolean {
    const table = TABLE_HEADING.exec(bare);
    if (table && (table[2] || bareTableNumber)) {
      this.keyMode = false;
      this.openSection(table[2] ? headingTitle(table[2].replace(/\W+$/, '')) : `Table ${table[1]}`, place, true);
      return true;
    }
    const priority = priorityHeading(bare);
    if (!priority) return false;
    this.keyMode = false;
    const known = this.priorities.get(priority.key);
    // Printed again at the top of the next page: the same table goes on.
    if (known) {
      if (known !== this.section) {
        this.section = known;
        this.sectionFromHeading = true;
        this.recommendation = null;
      }
      this.pageBreak = true;
      return true;
    }
    this.openSection(priority.title, place, true);
    this.priorities.set(priority.key, this.section!);
    return true;
  }

  private textLine(text: string, place: Place, index: number): void {
    const trimmed = text.trim();
    // A key may have a blank line between its entries; anything else ends it.
    if (!trimmed) return;
    if (trimmed.length > 300) {
      this.keyMode = false;
      this.strayLines.push({ place, index });
      return;
    }
    const bare = stripMarkdown(trimmed);
    if (DRAFT.test(bare)) {
      this.keyMode = false;
      this.pageBreak = true;
      return;
    }
    if (this.heading(bare, place)) return;
    if (KEY_HEADING.test(bare)) {
      this.keyMode = true;
      return;
    }
    if (this.keyMode && this.keyEntry(bare)) return;
    this.keyMode = false;
    this.strayLines.push({ place, index });
  }

  private keyEntry(text: string): boolean {
    const entry = keyEntry(text);
    if (!entry) return false;
    this.abbreviations[entry.abbreviation] = entry.meaning;
    return true;
  }

  private rowLine(rawCells: string[], place: Place, merged: boolean[], index: number): void {
    const filled = rawCells.map((cell) => cell.trim()).filter((cell) => cell !== '');
    if (filled.length === 0) return;
    if (isRepeatedHeader(rawCells, this.header)) {
      this.pageBreak = true;
      return;
    }
    if (this.keyMode && filled.length <= 2 && this.keyEntry(filled.join(' – '))) return;
    this.keyMode = false;
    if (filled.length === 1) {
      const only = rawCells.findIndex((cell) => cell.trim() !== '');
      const text = rawCells[only];
      const firstColumn = only === 0 || only === this.fieldColumn.get('recommendation');
      const bandRow = firstColumn ? parseBandRow(text) : null;
      if (bandRow) {
        this.bandRow(bandRow.band, bandRow.area, place);
        return;
      }
      const bare = stripMarkdown(cleanCell(text));
      // A heading on a line of its own that Word exported with trailing tabs, or a row merged across.
      if (firstColumn && text.length <= 300 && (DRAFT.test(bare) || TABLE_HEADING.test(bare) || KEY_HEADING.test(bare) || priorityHeading(bare))) {
        this.textLine(bare, place, index);
        return;
      }
    }
    this.dataRow(rawCells, place, merged);
    this.lastDataIndex = index;
    this.pageBreak = false;
  }

  private bandRow(band: TimescaleBand, area: string | null, place: Place): void {
    this.band = band;
    this.recommendation = null;
    if (!area) return;
    if (this.section && textKey(area) === textKey(this.section.title)) {
      // "TABLE 2: CHILDREN LOOKED AFTER" is printed in capitals; the band row says how the council writes it.
      this.section.title = area;
      return;
    }
    if (this.section && this.sectionFromHeading && this.section.recommendations.length === 0) return;
    if (this.section && this.sectionFromHeading) {
      const known = this.sections.find((s) => textKey(s.title) === textKey(area));
      if (!known) return;
    }
    const existing = this.sections.find((s) => textKey(s.title) === textKey(area));
    if (existing) {
      this.section = existing;
      return;
    }
    this.openSection(area, place, false);
  }

  private openSection(title: string, place: Place, fromHeading: boolean): void {
    const section: ParsedSection = { title: title.slice(0, 200), sourceReference: null, place, recommendations: [] };
    this.sections.push(section);
    this.section = section;
    this.sectionFromHeading = fromHeading;
    this.recommendation = null;
  }

  private cell(cells: string[], field: PlanField): string {
    const column = this.fieldColumn.get(field);
    return column === undefined ? '' : cleanCell(cells[column] ?? '');
  }

  private isMerged(merged: boolean[], field: PlanField): boolean {
    const column = this.fieldColumn.get(field);
    return column !== undefined && !!merged[column];
  }

  private dataRow(rawCells: string[], place: Place, merged: boolean[]): void {
    let cells = rawCells;
    const layout: TableLayout = this.header.layout;
    const recColumn = this.fieldColumn.get('recommendation');
    const actColumn = this.fieldColumn.get('activity');
    if (
      layout === 'ofsted' &&
      recColumn !== undefined &&
      actColumn === recColumn + 1 &&
      cleanCell(cells[recColumn] ?? '') === '' &&
      numberedText(cleanCell(cells[actColumn] ?? ''))
    ) {
      cells = [...cells.slice(0, recColumn), ...cells.slice(recColumn + 1), ''];
      const leadColumn = this.fieldColumn.get('leadAgency');
      const lost = leadColumn !== undefined ? cleanCell(rawCells[leadColumn] ?? '') : '';
      this.warn({
        code: 'shifted_row',
        message:
          `${atPlace(place)}the row is shifted one column to the right: the recommendation ` +
          `"${cleanCell(rawCells[actColumn] ?? '').slice(0, 60)}…" sits in the "${this.header.labels[1] ?? 'activity'}" column. ` +
          `The cells were moved back one column${lost ? `; the last column held "${lost.slice(0, 60)}", so the row's lead agency is lost` : ''}.`,
        ...placeFields([place]),
      });
    }

    this.sectionAndBandColumns(cells, place);
    const startedRecommendation = this.recommendationCell(cells, place, merged);

    const activityText = this.cell(cells, 'activity');
    const measuresCell = this.cell(cells, 'outcomeMeasures');
    const cost = this.cell(cells, 'cost');
    const lead = this.cell(cells, 'leadAgency');
    const timescale = this.cell(cells, 'timescale');
    if (!activityText && !measuresCell && !cost && !lead && !timescale) return;

    const current = this.recommendation;
    if (!current) {
      this.warn({
        code: 'row_without_activity',
        message: `${atPlace(place)}the row has activity cells but no recommendation above it; it was left out`,
        ...placeFields([place]),
      });
      return;
    }
    const previous = startedRecommendation ? undefined : current.activities[current.activities.length - 1];
    const mergedActivity = this.isMerged(merged, 'activity');
    const continues =
      !!previous &&
      (mergedActivity ||
        activityText === '' ||
        (startsLowerCase(activityText) && (this.pageBreak || !endsSentence(previous.text))));
    if (previous && continues) {
      this.continueActivity(previous, { activityText: mergedActivity ? '' : activityText, measuresCell, cost, lead, timescale }, place, merged);
      return;
    }
    if (!activityText) {
      this.warn({
        code: 'row_without_activity',
        message: `${atPlace(place)}the row has no activity text${measuresCell ? ` (only "${measuresCell.slice(0, 60)}")` : ''}; it was left out`,
        ...placeFields([place]),
      });
      return;
    }
    current.activities.push({
      text: activityText,
      outcomeMeasures: splitMeasures(measuresCell),
      costText: cost,
      leadAgencyText: lead || null,
      timescaleText: timescale || null,
      places: [place],
    });
  }

  private sectionAndBandColumns(cells: string[], place: Place): void {
    const sectionTitle = this.cell(cells, 'section');
    if (sectionTitle && (!this.section || textKey(sectionTitle) !== textKey(this.section.title))) {
      const bare = stripMarkdown(sectionTitle);
      const heading = TABLE_HEADING.exec(bare);
      const title = heading?.[2] ? headingTitle(heading[2]) : bare;
      const existing = this.sections.find((s) => textKey(s.title) === textKey(title));
      if (existing) {
        this.section = existing;
        this.recommendation = null;
      } else this.openSection(title, place, false);
    }
    const bandText = this.cell(cells, 'band');
    if (bandText) {
      const band = parseBand(bandText);
      if (band && band !== this.band) {
        this.band = band;
        if (this.recommendation && this.recommendation.band !== band && this.cell(cells, 'recommendation') === '') this.recommendation = null;
      } else if (!band) {
        this.warn({ code: 'unreadable_date', message: `${atPlace(place)}"${bandText.slice(0, 60)}" is not a timescale band (Immediately, Within three months, Within six months); ignored`, ...placeFields([place]) });
      }
    }
  }

  /** Returns true when the row starts a new recommendation. */
  private recommendationCell(cells: string[], place: Place, merged: boolean[]): boolean {
    const raw = this.cell(cells, 'recommendation');
    const numberCell = this.cell(cells, 'number');
    const paragraph = this.cell(cells, 'paragraph');
    if (!raw || this.isMerged(merged, 'recommendation')) {
      if (paragraph && this.recommendation && !this.recommendation.sourceReference) this.recommendation.sourceReference = paragraph.slice(0, 100);
      return false;
    }
    const current = this.recommendation;
    const numbered = numberedText(raw);
    const givenNumber = /^\d{1,5}$/.test(numberCell.replace(/\.$/, '')) ? Number(numberCell.replace(/\.$/, '')) : null;
    const number = givenNumber ?? numbered?.number ?? null;
    const text = numbered && (givenNumber === null || givenNumber === numbered.number) ? numbered.text : raw;

    if (current && textKey(current.text) === textKey(text) && (number === null || number === current.number)) return false;
    if (this.header.layout === 'ofsted' && number === null && current) {
      current.text = `${current.text} ${raw}`;
      current.places.push(place);
      this.warn({
        code: 'joined_across_rows',
        message: `${atPlace(place)}the recommendation text continues from ${describePlace(current.places[0])} ("… ${raw.slice(0, 40)}"); joined`,
        ...placeFields(current.places),
      });
      return false;
    }
    // "… are protected from" / "harm earlier in their experiences.": an outcome's sentence goes on at the
    // top of the next page, under the priority heading and header row printed again there.
    const continued = current ?? this.lastOutcome;
    if (
      this.header.layout === 'outcome-first' &&
      number === null &&
      continued &&
      startsLowerCase(raw) &&
      (current ? this.pageBreak : !endsSentence(continued.text))
    ) {
      continued.text = `${continued.text} ${raw}`;
      continued.places.push(place);
      this.recommendation = continued;
      this.warn({
        code: 'joined_across_rows',
        message: `${atPlace(place)}the outcome continues from ${describePlace(continued.places[0])}${current ? ' across a page break' : ' after the heading'}; joined`,
        ...placeFields(continued.places),
      });
      return false;
    }

    const section = this.section ?? this.defaultSection(place);
    let recommendationNumber = number;
    if (recommendationNumber === null) {
      recommendationNumber = section.recommendations.reduce((max, r) => Math.max(max, r.number), 0) + 1;
      if (this.header.layout === 'ofsted') {
        this.warn({
          code: 'unnumbered_recommendation',
          message: `${atPlace(place)}the recommendation has no number; it was numbered ${recommendationNumber}`,
          ...placeFields([place]),
        });
      }
    }
    const clash = section.recommendations.find((r) => r.number === recommendationNumber) as RecommendationState | undefined;
    if (clash) {
      if (textKey(clash.text) === textKey(text)) {
        this.recommendation = clash;
        return false;
      }
      throw new ImportProblem(
        'duplicate_number',
        `${atPlace(place)}table "${section.title}" already has a recommendation ${recommendationNumber} (${describePlace(clash.places[0])}) with different text`,
        place,
      );
    }
    const recommendation: RecommendationState = {
      section,
      number: recommendationNumber,
      text,
      band: this.band,
      sourceReference: paragraph ? paragraph.slice(0, 100) : null,
      places: [place],
      activities: [],
    };
    section.recommendations.push(recommendation);
    if (paragraph && !section.sourceReference) section.sourceReference = paragraph.slice(0, 100);
    this.recommendation = recommendation;
    this.lastOutcome = recommendation;
    return true;
  }

  private defaultSection(place: Place): ParsedSection {
    const title = this.options.sectionTitle?.trim() || (this.header.layout === 'outcome-first' ? 'Outcomes' : 'Recommendations');
    this.openSection(title, place, false);
    return this.section!;
  }

  private continueActivity(
    previous: ParsedActivity,
    row: { activityText: string; measuresCell: string; cost: string; lead: string; timescale: string },
    place: Place,
    merged: boolean[],
  ): void {
    // After a page break a cell goes on mid-sentence; otherwise a further line is another entry in the cell.
    const joiner = this.pageBreak ? ' ' : '  ';
    if (row.activityText) previous.text = `${previous.text} ${row.activityText}`;
    const fragments = splitMeasures(row.measuresCell);
    if (fragments.length && !this.isMerged(merged, 'outcomeMeasures')) {
      const last = previous.outcomeMeasures.length - 1;
      if (this.pageBreak && last >= 0 && (startsLowerCase(fragments[0]) || !endsSentence(previous.outcomeMeasures[last]))) {
        previous.outcomeMeasures[last] = `${previous.outcomeMeasures[last]} ${fragments.shift()}`;
      }
      previous.outcomeMeasures.push(...fragments);
    }
    const add = (current: string | null, value: string, field: PlanField): string | null => {
      if (!value || this.isMerged(merged, field) || value === current) return current;
      return current ? `${current}${joiner}${value}` : value;
    };
    previous.costText = add(previous.costText || null, row.cost, 'cost') ?? '';
    previous.leadAgencyText = add(previous.leadAgencyText, row.lead, 'leadAgency');
    previous.timescaleText = add(previous.timescaleText, row.timescale, 'timescale');
    previous.places.push(place);
    this.warn({
      code: 'joined_across_rows',
      message: `${atPlace(place)}the row continues the activity of ${describePlace(previous.places[0])}${this.pageBreak ? ' across a page break' : ''}; joined to it`,
      ...placeFields(previous.places),
    });
  }

  /** Warnings and notes go in one list; NOTE_CODES (import-model.ts) says which is which. */
  private warn(message: ImportMessage): void {
    this.messages.push(message);
  }
}

