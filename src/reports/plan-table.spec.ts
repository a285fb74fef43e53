import { planTables, recommendationText, tableHeading } from './plan-table';
import { demoReportPlan } from './testing/demo-report-plan';

describe('tables in the plan’s own order (issue 15)', () => {
  const { plan } = demoReportPlan();
  const [section] = plan.sections;
  const rec = (number: number, dueDate: string, text = `Outcome ${number}`) => ({ ...section.recommendations[0], number, text, band: 'by_date' as const, targetDate: dueDate, dueDate });
  // Outcome 1 is due last, outcome 3 first: an outcome-first plan still prints 1, 2, 3.
  const sections = [{ title: 'Priority 1: Ensure safeguarding is a whole city theme', recommendations: [rec(2, '2016-03-31'), rec(1, '2017-09-30'), rec(3, '2015-09-30')] }];

  it('prints an outcome-first plan priority -> outcome -> action, with no band rows', () => {
    const [table] = planTables({ sections }, { layout: 'outcome-first', labels: ['Outcome', 'Action', 'By who', 'By when', 'Measure of success'] });
    expect(table.heading).toBe('Priority 1: Ensure safeguarding is a whole city theme');
    expect(table.groups.map((group) => group.label)).toEqual([null]);
    expect(table.groups[0].rows.filter((row) => row.header).map((row) => row.header!.number)).toEqual(['1.', '2.', '3.']);
  });

  it('keeps an Ofsted plan under its band rows, most urgent first', () => {
    const [table] = planTables({ sections: [{ ...sections[0], title: 'Safeguarding' }] }, { layout: 'recommendation-first', labels: ['A', 'B', 'C', 'D', 'E'] });
    expect(table.heading).toBe('Table 1: Safeguarding');
    expect(table.groups.map((group) => group.label)).toEqual(['Safeguarding: by 30 September 2015', 'Safeguarding: by 31 March 2016', 'Safeguarding: by 30 September 2017']);
  });

  it.each([
    [0, 'Safeguarding', 'Table 1: Safeguarding'],
    [1, 'Priority 2: Early help', 'Priority 2: Early help'],
    [2, 'PRIORITY THREE - Exploitation', 'PRIORITY THREE - Exploitation'],
    [3, 'Strategic priority 4', 'Strategic priority 4'],
    [4, 'Section 11 audits', 'Table 5: Section 11 audits'],
    [5, 'Priority areas for the board', 'Table 6: Priority areas for the board'],
  ])('heads table %i "%s" as "%s"', (index, title, expected) => {
    expect(tableHeading(index, title)).toBe(expected);
  });

  it.each([
    ['ensure that the quality of social work is high', 'Ensure that the quality of social work is high'],
    ['Ensure that core groups are held', 'Ensure that core groups are held'],
    ['“ensure” is quoted', '“Ensure” is quoted'],
    ['NHS Southampton PCT should ensure', 'NHS Southampton PCT should ensure'],
  ])('starts the recommendation "%s" with a capital in the paper', (text, expected) => {
    expect(recommendationText(text)).toBe(expected);
  });

  it('prints an imported Ofsted recommendation with a capital, keeping its words', () => {
    const ofsted = { ...section.recommendations[0], text: 'ensure that the quality of social work to safeguard children is of a consistently high standard' };
    const [table] = planTables({ sections: [{ title: 'Safeguarding', recommendations: [ofsted] }] }, { layout: 'recommendation-first', labels: ['A', 'B', 'C', 'D', 'E'] });
    expect(table.groups[0].rows[0].header).toMatchObject({ number: '1.', text: 'Ensure that the quality of social work to safeguard children is of a consistently high standard' });
  });
});
