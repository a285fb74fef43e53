import * as fs from 'fs';
import * as path from 'path';
import { ImportProblem } from '../import-model';
import { readInspectionDates, readOfstedReport } from './ofsted-report';

const report = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/reference/southampton-2012-ofsted-areas-for-improvement.txt'), 'utf8');
const bullets = report.split('\n').filter((line) => line.startsWith('- ')).map((line) => line.slice(2));

describe('readOfstedReport on the 2012 Southampton extract', () => {
  const parsed = readOfstedReport(report, { paragraphs: ['23', '102'] });
  const recommendations = parsed.sections.flatMap((s) => s.recommendations);

  it('gives 17 recommendations in two tables, banded 3 / 10 / 4', () => {
    expect(parsed.sections.map((s) => [s.title, s.sourceReference, s.recommendations.length])).toEqual([
      ['Safeguarding', '23', 7],
      ['Children looked after', '102', 10],
    ]);
    const count = (band: string) => recommendations.filter((r) => r.band === band).length;
    expect([count('immediately'), count('within_three_months'), count('within_six_months')]).toEqual([3, 10, 4]);
  });

  it('keeps Ofsted’s wording exactly, with each bullet’s line', () => {
    expect(recommendations.map((r) => r.text)).toEqual(bullets);
    expect(recommendations[0].places).toEqual([{ line: 27 }]);
    expect(recommendations.map((r) => r.sourceReference)).toEqual([...Array(7).fill('23'), ...Array(10).fill('102')]);
  });

  it('numbers each table from 1', () => {
    expect(parsed.sections.map((s) => s.recommendations.map((r) => r.number))).toEqual([
      [1, 2, 3, 4, 5, 6, 7],
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    ]);
  });

  it('reads the report’s title, place, inspection dates and publication date', () => {
    expect(parsed.plan).toMatchObject({
      reportTitle: 'Inspection of safeguarding and looked after children services: Southampton',
      inspectionStartDate: '2012-04-23',
      inspectionEndDate: '2012-05-04',
      publishedOn: '2012-06-13',
    });
  });

  it('says how it read the list whose opening the extract leaves out (line 44)', () => {
    expect(parsed.messages.map((m) => [m.code, m.line])).toEqual([
      ['inferred_section', 44],
      ['inferred_section', 44],
    ]);
    expect(parsed.messages[1].message).toMatch(/before "Within three months" \(line 46\), so they are "Immediately"/);
  });

  it('leaves the unprinted paragraph empty when not given, and takes the printed one as printed', () => {
    const bare = readOfstedReport(report);
    expect(bare.sections.map((s) => s.sourceReference)).toEqual(['23', null]);
  });

  it('refuses a paragraph number that contradicts the one printed', () => {
    expect(() => readOfstedReport(report, { paragraphs: ['24', '102'] })).toThrow(/paragraphs\[0\] is 24, but line 23 prints paragraph 23/);
  });

  it('takes table titles from the request', () => {
    expect(readOfstedReport(report, { sectionTitles: ['Help and protection', 'Looked after children'] }).sections.map((s) => s.title)).toEqual([
      'Help and protection',
      'Looked after children',
    ]);
  });
});

describe('readOfstedReport: other shapes of report', () => {
  it('reads a focused visit’s areas for priority action as immediate', () => {
    const parsed = readOfstedReport(['# Focused visit', 'Anytown', '## Areas for priority action', '7. The local authority should:', '- ensure that all contacts are screened within 24 hours', '- ensure that strategy meetings include the police'].join('\n'));
    expect(parsed.sections[0]).toMatchObject({ title: 'Areas for priority action', sourceReference: '7' });
    expect(parsed.sections[0].recommendations.map((r) => r.band)).toEqual(['immediately', 'immediately']);
  });

  it('joins a bullet wrapped onto a second line', () => {
    const parsed = readOfstedReport(['## Areas for improvement', '12. Action.', 'Within three months:', '- ensure that plans', '  are specific', '', '- ensure that visits happen'].join('\n'));
    expect(parsed.sections[0].recommendations.map((r) => [r.text, r.places.map((p) => p.line)])).toEqual([
      ['ensure that plans are specific', [4, 5]],
      ['ensure that visits happen', [7]],
    ]);
  });

  it('refuses text with no areas for improvement', () => {
    try {
      readOfstedReport('Overall effectiveness is good.\n- a bullet that is not a recommendation');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ImportProblem);
      expect((error as ImportProblem).code).toBe('no_recommendations');
    }
  });
});

describe('readInspectionDates', () => {
  it.each([
    ['23 April to 4 May 2012', { start: '2012-04-23', end: '2012-05-04' }],
    ['23–27 April 2012', { start: '2012-04-23', end: '2012-04-27' }],
    ['2 December 2011 to 6 January 2012', { start: '2011-12-02', end: '2012-01-06' }],
    ['14 March 2016', { start: '2016-03-14', end: '2016-03-14' }],
    ['spring 2016', { start: null, end: null }],
  ])('%j', (text, expected) => expect(readInspectionDates(text)).toEqual(expected));
});
