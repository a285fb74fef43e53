import { IMPORT_FORMATS, ImportFormat, ImportProblem, ParsedImport, TableLayout } from './import-model';
import { MappingOptions, PlanField, mapHeaderRow } from './parsers/header-mapping';
import { TextEncoding, checkText, decodeText, describeSignature, fileSignature } from './parsers/input-decoding';
import { readOfstedReport } from './parsers/ofsted-report';
import { readPlanTable } from './parsers/plan-table';
import { linesOfCsv, linesOfPastedText } from './parsers/table-sources';
import { linesOfWorkbook } from './parsers/workbook-source';

/**
 * From what the person sent (a file or pasted text) to a parsed tree: which
 * format it is, whether it is text at all, and which parser reads it. The
 * format is the one asked for, else the file's extension, else what the bytes
 * and the text look like.
 */

export interface RawInput {
  bytes?: Uint8Array | null;
  text?: string | null;
  fileName?: string | null;
  contentType?: string | null;
}

export interface ParseOptions {
  format?: ImportFormat | null;
  layout?: TableLayout | null;
  mapping?: Partial<Record<PlanField, string>> | null;
  sheet?: string | null;
  encoding?: TextEncoding | null;
  paragraphs?: string[] | null;
  sectionTitles?: string[] | null;
  sectionTitle?: string | null;
  /** The target plan's labels and layout, so a council's own headings are recognised. */
  planLabels?: string[] | null;
  planLayout?: TableLayout | null;
  maxBytes: number;
}

/** 'prose': a text file may hold a pasted table or Ofsted's report; which one is read from the text, as for a paste. */
const EXTENSIONS: Record<string, ImportFormat | 'prose' | 'refuse'> = {
  csv: 'csv',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  txt: 'prose',
  tsv: 'text',
  tab: 'text',
  md: 'prose',
  text: 'prose',
  xls: 'refuse',
  doc: 'refuse',
  docx: 'refuse',
  pdf: 'refuse',
  odt: 'refuse',
  ods: 'refuse',
  rtf: 'refuse',
};

const REFUSED_EXTENSIONS: Record<string, string> = {
  xls: 'an old Excel 97-2003 workbook (.xls); save it as .xlsx or CSV',
  doc: 'a Word document; copy its table and paste the text, or save the table as CSV',
  docx: 'a Word document; copy its table and paste the text, or save the table as CSV',
  pdf: 'a PDF; copy the table out of it and paste the text',
  odt: 'an OpenDocument text; copy its table and paste the text',
  ods: 'an OpenDocument spreadsheet; save it as .xlsx or CSV',
  rtf: 'a rich-text document; copy its table and paste the text',
};

function extensionOf(fileName: string | null | undefined): string | null {
  const match = /\.([a-z0-9]{1,5})$/i.exec(fileName ?? '');
  return match ? match[1].toLowerCase() : null;
}

const AREAS_HEADING = /^[#*\s]*areas?\s+for\s+(?:improvement|priority\s+action)\b/im;

/**
 * What pasted text (or a text file) most likely is when nobody said: Ofsted's
 * report when it has an "Areas for improvement" heading and no plan table
 * (a report copied from a PDF may keep a tab or two), a table when a line
 * has columns, CSV when every opening line has commas (not for a .txt file).
 */
export function guessTextFormat(text: string, options: { csv?: boolean } = {}): ImportFormat {
  const sample = text.slice(0, 200_000);
  const tabLines = sample.split(/\r\n|\r|\n/).filter((line) => line.includes('\t'));
  if (AREAS_HEADING.test(sample) && !tabLines.some((line) => mapHeaderRow(line.split('\t')))) return 'ofsted-report';
  if (tabLines.length) return 'text';
  if (options.csv === false) return 'text';
  const firstLines = sample.split(/\r\n|\r|\n/).filter((line) => line.trim()).slice(0, 5);
  if (firstLines.length && firstLines.every((line) => /[,;]/.test(line))) return 'csv';
  return 'text';
}

/** The format asked for or named by the file; null when it is to be guessed from the text, 'prose' for a text file. */
export function chooseFormat(input: RawInput, requested: ImportFormat | null | undefined): ImportFormat | 'prose' | null {
  const extension = extensionOf(input.fileName);
  const byExtension = extension ? EXTENSIONS[extension] : undefined;
  if (byExtension === 'refuse') {
    throw new ImportProblem('unsupported_file', `"${input.fileName}" is ${REFUSED_EXTENSIONS[extension!]}`);
  }
  if (requested) return requested;
  if (byExtension) return byExtension;
  const contentType = (input.contentType ?? '').toLowerCase();
  if (contentType.includes('spreadsheetml')) return 'xlsx';
  if (contentType.includes('csv')) return 'csv';
  if (input.bytes && fileSignature(input.bytes) === 'zip') return 'xlsx';
  return null;
}

export async function parseImportInput(input: RawInput, options: ParseOptions): Promise<ParsedImport> {
  const size = input.bytes ? input.bytes.length : Buffer.byteLength(input.text ?? '', 'utf8');
  if (size > options.maxBytes) {
    throw new ImportProblem('too_large', `The ${input.bytes ? 'file' : 'text'} is ${megabytes(size)}; an import takes at most ${megabytes(options.maxBytes)}`);
  }
  const chosen = chooseFormat(input, options.format);
  const what = input.bytes ? (input.fileName ? `The file "${input.fileName}"` : 'The file') : 'The text';
  const mapping: MappingOptions = {
    explicit: options.mapping ?? undefined,
    planLabels: options.planLabels,
    planLayout: options.planLayout,
    layout: options.layout,
  };

  if (chosen === 'xlsx') {
    if (!input.bytes) throw new ImportProblem('unsupported_file', 'An XLSX workbook must be uploaded as a file (multipart field "file"), not sent as text');
    const signature = fileSignature(input.bytes);
    if (input.bytes.length === 0) throw new ImportProblem('empty_input', `${what} is empty`);
    if (signature !== 'zip') {
      throw new ImportProblem(
        'unsupported_file',
        `${what} is not an XLSX workbook: ${signature === 'none' ? 'it does not start like one (is it a CSV or text file with an .xlsx name?)' : `it is ${describeSignature(signature)}`}`,
      );
    }
    const workbook = await linesOfWorkbook(input.bytes, { sheet: options.sheet, mapping, maxExpandedBytes: Math.max(options.maxBytes * 20, 50 * 1_048_576) });
    const parsed = readPlanTable(workbook.lines, { ...mapping, format: 'xlsx', what: `Sheet "${workbook.sheet}"`, sheet: workbook.sheet, sectionTitle: options.sectionTitle });
    return { ...parsed, messages: [...workbook.messages, ...parsed.messages] };
  }

  const text = input.bytes ? decodeText(input.bytes, options.encoding ?? 'utf-8', what).text : checkText(input.text ?? '', what);
  const format = chosen === null || chosen === 'prose' ? guessTextFormat(text, { csv: chosen !== 'prose' }) : chosen;
  try {
    switch (format) {
      case 'ofsted-report':
        return readOfstedReport(text, { paragraphs: options.paragraphs, sectionTitles: options.sectionTitles });
      case 'csv':
        return readPlanTable(linesOfCsv(text), { ...mapping, format: 'csv', what, sectionTitle: options.sectionTitle });
      default:
        return readPlanTable(linesOfPastedText(text), { ...mapping, format: 'text', what, sectionTitle: options.sectionTitle });
    }
  } catch (error) {
    // Told nothing, the importer read the text as what it looked like; when that fails, say how to tell it.
    if (chosen !== null && chosen !== 'prose') throw error;
    if (!(error instanceof ImportProblem) || !UNTOLD_PROBLEMS.has(error.code)) throw error;
    throw new ImportProblem(
      error.code,
      `${error.message.replace(/\.$/, '')}. It was read as ${FORMAT_NAMES[format]} because nothing said what it is: if it is something else, send the format option (${IMPORT_FORMATS.join(', ')})`,
      error.place,
      { ...error.errors, format: `could not be told from the ${input.bytes ? 'file' : 'text'}; send one of: ${IMPORT_FORMATS.join(', ')}` },
    );
  }
}

/** Refusals that may mean the input was read as the wrong format. */
const UNTOLD_PROBLEMS = new Set(['no_table', 'no_header', 'no_recommendations']);

const FORMAT_NAMES: Record<ImportFormat, string> = {
  text: 'a pasted table',
  csv: 'CSV',
  xlsx: 'an Excel workbook',
  'ofsted-report': "Ofsted's report",
};

function megabytes(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
