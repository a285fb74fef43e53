import * as fs from 'fs';
import * as path from 'path';
import { ImportProblem } from './import-model';
import { chooseFormat, guessTextFormat, parseImportInput } from './parse-input';

const REFERENCE = path.join(__dirname, '../../test/fixtures/reference');
const ofsted = fs.readFileSync(path.join(REFERENCE, 'southampton-2012-ofsted-areas-for-improvement.txt'), 'utf8');
const paper = fs.readFileSync(path.join(REFERENCE, 'southampton-2012-quality-improvement-plan.txt'), 'utf8');

describe('which format an input is', () => {
  it.each<[string, string | null, ReturnType<typeof chooseFormat>]>([
    ['plan.csv', null, 'csv'],
    ['plan.xlsx', null, 'xlsx'],
    ['plan.tsv', null, 'text'],
    // A text file may be a pasted table or Ofsted's report: read from the text.
    ['report.txt', null, 'prose'],
    ['report.md', null, 'prose'],
    ['report.txt', 'ofsted-report', 'ofsted-report'],
    ['', null, null],
  ])('%s (format %s) -> %s', (fileName, requested, expected) => {
    expect(chooseFormat({ fileName }, requested as never)).toBe(expected);
  });

  it.each<[string, string, { csv?: boolean }, string]>([
    ['Ofsted’s report', ofsted, {}, 'ofsted-report'],
    ['Ofsted’s report copied with a tab or two', ofsted.replace('**Age group:** All', '**Age group:**\tAll'), {}, 'ofsted-report'],
    ['the committee paper’s table', paper, {}, 'text'],
    ['a plan table under an "Areas for improvement" heading', `Areas for improvement\n${paper}`, {}, 'text'],
    ['comma-separated lines', 'Activity,Lead agency\nDo it,SCC', {}, 'csv'],
    ['comma-separated lines in a .txt file', 'Activity,Lead agency\nDo it,SCC', { csv: false }, 'text'],
  ])('%s', (_name, text, options, expected) => {
    expect(guessTextFormat(text, options)).toBe(expected);
  });

  it('reads an Ofsted report uploaded as a .txt file as it reads one pasted', async () => {
    const options = { maxBytes: 10_000_000 };
    const uploaded = await parseImportInput({ bytes: Buffer.from(ofsted), fileName: 'ofsted.txt' }, options);
    const pasted = await parseImportInput({ text: ofsted }, options);
    expect(uploaded.format).toBe('ofsted-report');
    expect(uploaded.sections).toEqual(pasted.sections);
  });

  it.each([
    ['pasted', { text: 'Dear colleagues,\nThe plan is attached.' }],
    ['as a .txt file', { bytes: Buffer.from('Dear colleagues,\nThe plan is attached.'), fileName: 'note.txt' }],
  ])('names the format option when the text, %s, cannot be told', async (_how, input) => {
    const refusal = await parseImportInput(input, { maxBytes: 10_000 }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ImportProblem);
    expect(refusal).toMatchObject({ code: 'no_table', errors: { format: expect.stringMatching(/text, csv, xlsx, ofsted-report/) } });
    expect((refusal as ImportProblem).message).toMatch(/send the format option/);
  });

  it('does not second-guess a format that was given', async () => {
    const refusal = await parseImportInput({ text: 'Dear colleagues' }, { maxBytes: 10_000, format: 'text' }).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'no_table' });
    expect((refusal as ImportProblem).errors).toBeUndefined();
  });
});
