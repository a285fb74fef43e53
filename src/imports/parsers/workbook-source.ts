import ExcelJS from 'exceljs';
import { ImportMessage, ImportProblem } from '../import-model';
import { headerKey, mapHeaderRow, MappingOptions } from './header-mapping';
import type { TableLine } from './plan-table';

/**
 * Rows of an XLSX workbook. Councils merge the recommendation cell down over
 * its activities and the band row across the table: a cell merged with the
 * one above repeats its value (and says so, so the reader knows it is the same
 * recommendation, not a repeat), a cell merged with the one to its left is
 * empty, so a band row stays a one-cell row.
 */

const MAX_ROWS = 50_000;
const MAX_COLUMNS = 100;

interface ZipEntry {
  name: string;
  uncompressedSize: number;
}

/**
 * The ZIP's table of contents, read without inflating anything, so a small
 * file that would expand to gigabytes is refused before exceljs unpacks it.
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ImportProblem('unreadable_workbook', 'The file is not a readable XLSX workbook: its ZIP directory is missing (is the file complete?)');
  const count = view.getUint16(eocd + 10, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) {
      throw new ImportProblem('unreadable_workbook', 'The file is not a readable XLSX workbook: its ZIP directory is damaged');
    }
    const uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) throw new ImportProblem('unreadable_workbook', 'The file is not a readable XLSX workbook: its ZIP directory is damaged');
    const name = new TextDecoder('utf-8').decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name, uncompressedSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The text of a cell as a person sees it; dates come out as a month ("April
 * 2016") or a day (2016-04-30). Control characters (an escaped _x0000_ in the
 * XML, say) are dropped: PostgreSQL text cannot hold NUL, and nobody typed them.
 */
export function cellText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  return rawCellText(value, numFmt).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

function rawCellText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const year = value.getUTCFullYear();
    const month = value.getUTCMonth();
    const day = value.getUTCDate();
    // A format with no day in it ("mmm-yy", "mmmm yyyy") is a month the plan means to the end of.
    if (numFmt && !/d/i.test(numFmt.replace(/"[^"]*"/g, '')) && /m/i.test(numFmt)) {
      return `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][month]} ${year}`;
    }
    return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  if (typeof value === 'string') return value;
  // A cell formatted as a percentage holds a fraction (0.26) and shows "26%"; a person reads the latter.
  if (typeof value === 'number' && numFmt && /%/.test(numFmt.replace(/"[^"]*"|\\./g, ''))) return `${Number((value * 100).toPrecision(12))}%`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text ?? '').join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (typeof result === 'number' || result instanceof Date) return rawCellText(result, numFmt);
      return result === undefined || result === null || typeof result === 'object' ? '' : String(result);
    }
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('hyperlink' in value && typeof value.hyperlink === 'string') return value.hyperlink;
  }
  return '';
}

export interface WorkbookRows {
  sheet: string;
  lines: TableLine[];
  messages: ImportMessage[];
}

export interface WorkbookOptions {
  sheet?: string | null;
  mapping: MappingOptions;
  maxExpandedBytes: number;
  /** What a header row looks like, when the table is not a plan (indicators); the plan's header otherwise. */
  isHeaderRow?: (cells: string[]) => boolean;
}

export async function linesOfWorkbook(bytes: Uint8Array, options: WorkbookOptions): Promise<WorkbookRows> {
  const entries = zipEntries(bytes);
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('xl/workbook.xml')) {
    const what = names.has('word/document.xml') ? 'a Word document (.docx); copy its table and paste the text instead' : names.has('ppt/presentation.xml') ? 'a PowerPoint file' : 'a ZIP archive';
    throw new ImportProblem('unsupported_file', `The file is not an XLSX workbook: it is ${what}`);
  }
  const expanded = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (expanded > options.maxExpandedBytes) {
    throw new ImportProblem('too_large', `The workbook expands to ${Math.round(expanded / 1_048_576)} MB when unpacked; an import takes at most ${Math.round(options.maxExpandedBytes / 1_048_576)} MB`);
  }

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new ImportProblem('unreadable_workbook', `The file is not a readable XLSX workbook: ${String((error as Error)?.message ?? error).slice(0, 200)}`);
  }
  const sheets = workbook.worksheets;
  if (sheets.length === 0) throw new ImportProblem('unreadable_workbook', 'The workbook has no worksheets');

  const messages: ImportMessage[] = [];
  let chosen: ExcelJS.Worksheet | undefined;
  if (options.sheet) {
    chosen = sheets.find((sheet) => sheet.name === options.sheet) ?? sheets.find((sheet) => headerKey(sheet.name) === headerKey(options.sheet!));
    if (!chosen) {
      throw new ImportProblem('no_such_sheet', `The workbook has no sheet called "${options.sheet}"; its sheets are ${sheets.map((s) => `"${s.name}"`).join(', ')}`, {}, {
        sheet: `no sheet called "${options.sheet}"`,
      });
    }
  }
  const read = new Map<ExcelJS.Worksheet, TableLine[]>();
  const rowsOf = (sheet: ExcelJS.Worksheet): TableLine[] => {
    if (!read.has(sheet)) read.set(sheet, sheetLines(sheet));
    return read.get(sheet)!;
  };
  if (!chosen) {
    // The first sheet with a header row; a cover sheet or a key in front of it is passed over.
    const isHeaderRow = options.isHeaderRow ?? ((cells: string[]) => mapHeaderRow(cells, options.mapping) !== null);
    chosen = sheets.find((sheet) => rowsOf(sheet).slice(0, 100).some((line) => line.kind === 'row' && isHeaderRow(line.cells))) ?? sheets[0];
    for (const sheet of sheets) {
      if (sheet !== chosen && sheet.rowCount > 0) {
        messages.push({ code: 'ignored_sheet', message: `Sheet "${sheet.name}" was not read (only "${chosen.name}" is); send sheet=… to read another`, sheet: sheet.name });
      }
    }
  }
  return { sheet: chosen.name, lines: rowsOf(chosen), messages };
}

function sheetLines(sheet: ExcelJS.Worksheet): TableLine[] {
  if (sheet.rowCount > MAX_ROWS) {
    throw new ImportProblem('too_many_rows', `Sheet "${sheet.name}" has ${sheet.rowCount} rows; an import takes at most ${MAX_ROWS}`, { sheet: sheet.name, row: MAX_ROWS + 1 });
  }
  const columns = Math.min(sheet.columnCount, MAX_COLUMNS);
  const lines: TableLine[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    const merged: boolean[] = [];
    for (let c = 1; c <= columns; c++) {
      const cell = row.getCell(c);
      let text = '';
      let fromAbove = false;
      try {
        if (cell.isMerged && cell.master && cell.master.address !== cell.address) {
          // Merged with the cell to the left: empty. Merged down from above: the same value again.
          if (Number(cell.master.col) === c) {
            text = cellText(cell.master.value, cell.master.numFmt);
            fromAbove = true;
          }
        } else text = cellText(cell.value, cell.numFmt);
      } catch {
        text = '';
      }
      cells.push(text);
      merged.push(fromAbove);
    }
    lines.push({ kind: 'row', cells, merged, place: { sheet: sheet.name, row: r } });
  }
  return lines;
}
