import { parse } from 'csv-parse/sync';
import { ImportProblem } from '../import-model';
import type { TableLine } from './plan-table';

/**
 * Rows from pasted text and CSV, as TableLines for readPlanTable. Workbooks
 * have their own reader (workbook-source.ts) because exceljs is asynchronous.
 */

const MAX_LINES = 200_000;
const MAX_COLUMNS = 100;

/** Text copied out of Word or a PDF: cells are separated by tabs, one row per line. */
export function linesOfPastedText(text: string): TableLine[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > MAX_LINES) {
    throw new ImportProblem('too_many_rows', `The text has ${lines.length} lines; an import takes at most ${MAX_LINES}`, { line: MAX_LINES + 1 });
  }
  return lines.map((line, index) =>
    line.includes('\t')
      ? { kind: 'row', cells: line.split('\t').slice(0, MAX_COLUMNS), place: { line: index + 1 } }
      : { kind: 'text', text: line, place: { line: index + 1 } },
  );
}

/** Comma, semicolon (Excel in some locales) or tab: whichever splits the first lines into most columns. */
export function csvDelimiter(text: string): string {
  const sample = text.slice(0, 20_000).split(/\r\n|\r|\n/).filter((l) => l.trim()).slice(0, 10);
  let best = ',';
  let bestScore = 0;
  for (const delimiter of [',', ';', '\t']) {
    // Delimiters inside quotes do not count; an approximation is enough to choose.
    const score = sample.reduce((sum, line) => sum + line.replace(/"[^"]*"/g, '').split(delimiter).length - 1, 0);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/**
 * CSV rows with the line each starts on (a quoted cell may span lines). A
 * malformed file is refused naming the line where the problem starts.
 */
export function linesOfCsv(text: string): TableLine[] {
  const delimiter = csvDelimiter(text);
  const starts: number[] = [];
  let lastEnd = 0;
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      max_record_size: 1_000_000,
      on_record: (record: string[], context: { lines: number }) => {
        starts.push(lastEnd + 1);
        lastEnd = context.lines;
        if (starts.length > MAX_LINES) {
          throw new ImportProblem('too_many_rows', `The file has more than ${MAX_LINES} rows; an import takes at most ${MAX_LINES}`, { line: lastEnd });
        }
        return record;
      },
    }) as string[][];
  } catch (error) {
    if (error instanceof ImportProblem) throw error;
    const csv = error as { code?: string; lines?: number; message?: string };
    const line = csv.code === 'CSV_QUOTE_NOT_CLOSED' ? lastEnd + 1 : (csv.lines ?? lastEnd + 1);
    const reason =
      csv.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted cell starts on this line and is never closed'
        : csv.code === 'CSV_INVALID_CLOSING_QUOTE'
          ? 'a quote inside a quoted cell must be doubled ("")'
          : csv.code === 'CSV_MAX_RECORD_SIZE'
            ? 'the row is longer than 1,000,000 characters'
            : (csv.message ?? 'the row cannot be read').replace(/\s+at line \d+.*$/s, '');
    throw new ImportProblem('malformed_csv', `The file is not valid CSV: line ${line}: ${reason}`, { line });
  }
  return records.map((cells, index) => ({
    kind: 'row' as const,
    cells: cells.slice(0, MAX_COLUMNS),
    place: { line: starts[index] ?? index + 1, row: index + 1 },
  }));
}
