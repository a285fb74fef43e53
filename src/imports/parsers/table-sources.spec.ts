import { ImportProblem } from '../import-model';
import { csvDelimiter, linesOfCsv, linesOfPastedText } from './table-sources';

describe('linesOfPastedText', () => {
  it('splits rows on tabs and numbers every line, \\r\\n and \\r included', () => {
    expect(linesOfPastedText('DRAFT\r\na\tb\rc')).toEqual([
      { kind: 'text', text: 'DRAFT', place: { line: 1 } },
      { kind: 'row', cells: ['a', 'b'], place: { line: 2 } },
      { kind: 'text', text: 'c', place: { line: 3 } },
    ]);
  });
});

describe('linesOfCsv', () => {
  it.each([
    ['a,b,c\n1,2,3', ','],
    ['a;b;c\n1;2;3', ';'],
    ['a\tb\tc\n1\t2\t3', '\t'],
    ['"a,1";b;c\n"x,2";y;z', ';'],
  ])('chooses the delimiter of %j', (text, delimiter) => expect(csvDelimiter(text)).toBe(delimiter));

  it('gives each row the line it starts on, across quoted line breaks', () => {
    const lines = linesOfCsv('Activity,Outcome measure\n"Do it","One\nTwo"\nNext,Three\n');
    expect(lines.map((l) => (l.kind === 'row' ? [l.cells, l.place] : null))).toEqual([
      [['Activity', 'Outcome measure'], { line: 1, row: 1 }],
      [['Do it', 'One\nTwo'], { line: 2, row: 2 }],
      [['Next', 'Three'], { line: 4, row: 3 }],
    ]);
  });

  it.each([
    ['an unclosed quote', 'a,b\nc,d\n"e,f\ng,h', 3, /quoted cell starts on this line and is never closed/],
    ['a stray quote inside a quoted cell', 'a,b\n"c"d,e', 2, /must be doubled/],
  ])('refuses %s, naming the line', (_name, text, line, message) => {
    try {
      linesOfCsv(text);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ImportProblem);
      expect((error as ImportProblem).code).toBe('malformed_csv');
      expect((error as ImportProblem).place).toEqual({ line });
      expect((error as ImportProblem).message).toMatch(message);
    }
  });
});
