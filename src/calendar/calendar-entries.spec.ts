import { DeadlineRow, deadlineEntries, isTheirs, shorten } from './calendar-entries';

const row = (overrides: Partial<DeadlineRow> = {}): DeadlineRow => ({
  id: 'a1',
  text: 'Audit every child in need plan',
  planId: 'p1',
  planTitle: 'Anytown improvement plan',
  sectionTitle: 'Safeguarding',
  recommendationNumber: 3,
  recommendationText: 'Ensure that all children in need have a plan',
  dueDate: '2026-03-31',
  dueDatePrecision: 'day',
  status: 'in_progress',
  percentComplete: 40,
  leadAgencies: [{ id: 'csl', name: 'SCC – CSL Directorate' }],
  ownerName: 'Sam Head',
  ownerId: 'u1',
  ...overrides,
});
const site = { publicUrl: 'https://plans.anytown.gov.uk' };

describe('isTheirs: what goes in a person’s own feed', () => {
  it.each<[string, { personId: string | null; agencies: string[] }, Partial<DeadlineRow>, boolean]>([
    ['owned by them', { personId: 'u1', agencies: [] }, {}, true],
    ['led by an agency they lead (divisions already included in reach)', { personId: 'u9', agencies: ['csl'] }, {}, true],
    ['neither owned nor led by them', { personId: 'u9', agencies: ['nhs'] }, {}, false],
    ['no owner, no agencies', { personId: 'u9', agencies: [] }, { ownerId: null, leadAgencies: [] }, false],
    ['the system (no person) owns nothing', { personId: null, agencies: [] }, { ownerId: null }, false],
  ])('%s → %s', (_label, who, overrides, expected) => {
    expect(isTheirs({ personId: who.personId, leadsAgencies: new Set(who.agencies) }, row(overrides))).toBe(expected);
  });
});

describe('deadlineEntries', () => {
  it('writes the deadline with the plan, table, recommendation, activity, agencies, owner, status and the activity’s page', () => {
    expect(deadlineEntries([row()], new Map(), site)).toEqual([
      {
        uid: 'activity-a1@plans.anytown.gov.uk',
        date: '2026-03-31',
        summary: 'Deadline: Audit every child in need plan',
        description: [
          'Plan: Anytown improvement plan',
          'Table: Safeguarding',
          'Recommendation 3: Ensure that all children in need have a plan',
          'Activity: Audit every child in need plan',
          'Due 31 March 2026',
          'Lead agencies: SCC – CSL Directorate',
          'Owner: Sam Head',
          'Status: In progress (40% complete)',
          'https://plans.anytown.gov.uk/plans/p1/activities/a1',
        ].join('\n'),
        url: 'https://plans.anytown.gov.uk/plans/p1/activities/a1',
        category: 'Deadline',
      },
    ]);
  });

  it('says "by the end of" a month for a month’s deadline, kept as its last day', () => {
    const [entry] = deadlineEntries([row({ dueDate: '2012-10-31', dueDatePrecision: 'month' })], new Map(), site);
    expect(entry.date).toBe('2012-10-31');
    expect(entry.description).toContain('Due by the end of October 2012');
  });

  it('adds each milestone of a recurring commitment but the last, which is the deadline itself', () => {
    const milestones = [
      { dueDate: '2025-06-30', precision: 'month' as const, label: 'Quarter to June 2025' },
      { dueDate: '2025-09-30', precision: 'month' as const, label: 'Quarter to September 2025' },
      { dueDate: '2026-03-31', precision: 'month' as const, label: 'Quarter to March 2026' },
    ];
    const entries = deadlineEntries([row()], new Map([['a1', { milestones }]]), site);
    expect(entries.map((entry) => [entry.uid, entry.date, entry.category])).toEqual([
      ['activity-a1@plans.anytown.gov.uk', '2026-03-31', 'Deadline'],
      ['milestone-a1-2025-06-30@plans.anytown.gov.uk', '2025-06-30', 'Milestone'],
      ['milestone-a1-2025-09-30@plans.anytown.gov.uk', '2025-09-30', 'Milestone'],
    ]);
    expect(entries[1].summary).toBe('Milestone (Quarter to June 2025): Audit every child in need plan');
    expect(entries[1].description).toContain('Milestone "Quarter to June 2025", by the end of June 2025');
  });

  it('leaves out an activity with no due date, but keeps its milestones', () => {
    const entries = deadlineEntries([row({ dueDate: null })], new Map([['a1', { milestones: [{ dueDate: '2025-06-30', precision: 'day' as const, label: 'June review' }] }]]), site);
    expect(entries.map((entry) => entry.uid)).toEqual(['milestone-a1-2025-06-30@plans.anytown.gov.uk']);
  });

  it('leaves out what it does not know: no agencies, no owner, no percentage', () => {
    const [entry] = deadlineEntries([row({ leadAgencies: [], ownerName: null, percentComplete: null, status: 'not_started' })], new Map(), site);
    expect(entry.description).not.toMatch(/Lead agencies|Owner/);
    expect(entry.description).toContain('Status: Not started\n');
  });
});

describe('shorten', () => {
  it.each([
    ['short text stays', 'Deadline: x', 'Deadline: x'],
    ['new lines and runs of spaces become one space', 'Deadline:\n  review\tplans', 'Deadline: review plans'],
    ['long text is cut at a word with an ellipsis', `Deadline: ${'word '.repeat(30)}`, `Deadline: ${'word '.repeat(15).trim()}…`],
  ])('%s', (_label, text, expected) => {
    expect(shorten(text, 90)).toBe(expected);
  });
});
