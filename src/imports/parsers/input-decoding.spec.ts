import { ImportProblem } from '../import-model';
import { checkText, decodeText, decodeWindows1252, firstInvalidUtf8Offset } from './input-decoding';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

function problemOf(fn: () => unknown): { code: string; status: number; line?: number; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof ImportProblem) return { code: error.code, status: error.status, line: error.place.line, message: error.message };
    throw error;
  }
  throw new Error('expected an ImportProblem');
}

describe('decodeText: bytes to text, refusing what is not text', () => {
  it.each([
    ['plain UTF-8', bytes('Cost\t£3k per month'), 'Cost\t£3k per month', 'utf-8'],
    ['UTF-8 with a byte order mark', bytes([0xef, 0xbb, 0xbf], 'Lead agency'), 'Lead agency', 'utf-8'],
    ['UTF-16LE from Excel "Unicode text"', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A\tB', 'utf16le')]), 'A\tB', 'utf-16le'],
  ])('%s', (_name, input, text, encoding) => {
    expect(decodeText(input)).toEqual({ text, encoding });
  });

  it('reads Windows-1252 when asked, with its dashes, quotes and pound sign', () => {
    expect(decodeText(Buffer.from([0x41, 0x20, 0x96, 0x20, 0x93, 0x42, 0x94, 0x20, 0xa3, 0x33, 0x6b]), 'windows-1252').text).toBe('A – “B” £3k');
    expect(decodeWindows1252(Buffer.from([0x80, 0x92]))).toBe('€’');
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'empty_input', 400, undefined],
    ['only blank space', bytes('  \n\t\n'), 'empty_input', 400, undefined],
    ['a NUL byte on line 3', bytes('a\nb\nc', [0], 'd'), 'not_text', 415, 3],
    ['a control character on line 2', bytes('a\n', [0x01], 'b'), 'not_text', 415, 2],
    ['a ZIP (an XLSX named .csv)', bytes([0x50, 0x4b, 0x03, 0x04], 'rest'), 'not_text', 415, 1],
    ['a PDF', bytes('%PDF-1.4\n...'), 'not_text', 415, 1],
    ['Windows-1252 bytes read as UTF-8, on line 2', bytes('Cost\nCost ', [0xa3], '3k'), 'wrong_encoding', 400, 2],
    ['a UTF-16 mark with an odd length', Buffer.from([0xff, 0xfe, 0x41]), 'wrong_encoding', 400, 1],
  ])('refuses %s', (_name, input, code, status, line) => {
    const problem = problemOf(() => decodeText(input));
    expect(problem).toMatchObject({ code, status });
    expect(problem.line).toBe(line);
  });

  it('names the line and column of a byte that is not UTF-8, and suggests windows-1252', () => {
    const problem = problemOf(() => decodeText(bytes('one\ntwo\nab', [0xe9], 'c')));
    expect(problem.message).toMatch(/line 3, column 3 has the byte 0xE9/);
    expect(problem.message).toMatch(/windows-1252/);
  });

  it('checks pasted text the same way', () => {
    expect(checkText('\ufeffA\tB')).toBe('A\tB');
    expect(problemOf(() => checkText('   ')).code).toBe('empty_input');
    expect(problemOf(() => checkText('a\n\u0007')).line).toBe(2);
  });
});

describe('firstInvalidUtf8Offset', () => {
  it.each([
    [[0x41, 0xc3, 0xa9, 0x42, 0xff], 4],
    [[0xe2, 0x80], 0],
    [[0xed, 0xa0, 0x80], 0],
    [[0xc0, 0x80], 0],
    [[0xf0, 0x9f, 0x98, 0x80, 0x80], 4],
  ])('%j -> %d', (input, offset) => expect(firstInvalidUtf8Offset(Buffer.from(input))).toBe(offset));
});
