import { ImportProblem } from '../../imports/import-model';
import { RawInput, chooseFormat } from '../../imports/parse-input';
import { TextEncoding, checkText, decodeText, describeSignature, fileSignature } from '../../imports/parsers/input-decoding';
import { linesOfCsv, linesOfPastedText } from '../../imports/parsers/table-sources';
import { linesOfWorkbook } from '../../imports/parsers/workbook-source';
import { isIndicatorHeaderRow, readIndicatorTable } from './indicator-table';
import { IndicatorImportMessage, IndicatorLayout, ParsedIndicatorImport } from './parsed-indicators';

/**
 * From what a person sent (a CSV or XLSX file, or a table pasted as text) to
 * parsed indicators, through the same readers and checks as plan imports
 * (src/imports/parsers): encodings, binary files, a workbook's unpacked size,
 * malformed CSV. Refusals are ImportProblems, which the imports service
 * already turns into 4xx answers naming the problem and the place.
 */

export interface IndicatorParseOptions {
  format?: 'csv' | 'xlsx' | 'text' | null;
  layout?: IndicatorLayout | null;
  sheet?: string | null;
  encoding?: TextEncoding | null;
  maxBytes: number;
}

export async function parseIndicatorInput(input: RawInput, options: IndicatorParseOptions): Promise<ParsedIndicatorImport> {
  const size = input.bytes ? input.bytes.length : Buffer.byteLength(input.text ?? '', 'utf8');
  if (size > options.maxBytes) {
    throw new ImportProblem('too_large', `The ${input.bytes ? 'file' : 'text'} is ${Math.ceil(size / 1024)} KB; an import takes at most ${Math.floor(options.maxBytes / 1024)} KB`);
  }
  const chosen = chooseFormat(input, options.format ?? null);
  if (chosen === 'ofsted-report') throw new ImportProblem('unsupported_file', 'An Ofsted report holds no indicators; send the board report table as CSV or XLSX');
  const what = input.bytes ? (input.fileName ? `The file "${input.fileName}"` : 'The file') : 'The text';

  if (chosen === 'xlsx') {
    if (!input.bytes || input.bytes.length === 0) throw new ImportProblem('empty_input', `${what} is empty`);
    const signature = fileSignature(input.bytes);
    if (signature !== 'zip') {
      throw new ImportProblem('unsupported_file', `${what} is not an XLSX workbook: ${signature === 'none' ? 'it does not start like one' : `it is ${describeSignature(signature)}`}`);
    }
    const workbook = await linesOfWorkbook(input.bytes, {
      sheet: options.sheet,
      mapping: {},
      maxExpandedBytes: Math.max(options.maxBytes * 20, 50 * 1_048_576),
      isHeaderRow: isIndicatorHeaderRow,
    });
    const parsed = readIndicatorTable(workbook.lines, { sheet: workbook.sheet, layout: options.layout });
    const notes: IndicatorImportMessage[] = workbook.messages.map((m) => ({ code: 'ignored_sheet', severity: 'note', message: m.message, sheet: m.sheet }));
    return { ...parsed, messages: [...notes, ...parsed.messages] };
  }

  const text = input.bytes ? decodeText(input.bytes, options.encoding ?? 'utf-8', what).text : checkText(input.text ?? '', what);
  const lines = chosen === 'csv' || (chosen === null && !text.slice(0, 20_000).includes('\t')) ? linesOfCsv(text) : linesOfPastedText(text);
  return readIndicatorTable(lines, { layout: options.layout });
}
