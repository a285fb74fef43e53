import type { ActivityView } from '../../../plans/views';
import { activityPageViewModel, HistoryEvent, historyEntries, loadedStandingOf, shortText, whatChanged } from './activity.view-model';
import { rated, reportedOn, rowOf } from './testing/rows';

const SAM = { id: 'u-sam', label: 'Sam Safeguarding <head.csl@demo.test>' };
const CHRIS = { id: 'u-chris', label: 'Chris Chair <chair@demo.test>' };

let nextId = 1;
function event(entityType: string, action: 'create' | 'update' | 'delete', actor: { id: string | null; label: string }, before: object | null, after: object | null): HistoryEvent {
  return { id: nextId++, occurredAt: new Date('2012-09-14T09:00:00Z'), actor, action, entityType, entityId: 'x', planId: 'plan-1', before, after };
}

function activity(overrides: Partial<ActivityView> = {}): ActivityView {
  return {
    id: 'a1',
    recommendationId: 'rec-1',
    position: 1,
    text: 'Audit case files',
    outcomeMeasures: ['All files audited'],
    cost: { text: 'Existing resources', kind: 'existing', amountPence: null, period: null, annualPence: null },
    leadAgencyText: null,
    leadAgencies: [{ id: 'agency-1', name: 'SCC – CSL Directorate – Safeguarding', shortName: null }],
    owner: null,
    ownerId: null,
    startDate: null,
    dueDate: '2012-09-13',
    dueDatePrecision: 'day',
    dueDateOverridden: false,
    status: 'in_progress',
    percentComplete: 40,
    lastReportedAt: null,
    verification: null,
    version: 4,
    updatedAt: new Date('2012-09-14T09:00:00Z'),
    ...overrides,
  } as ActivityView;
}

describe('the activity’s history in words', () => {
  it('tells a progress report once: the standing change written with it is folded into the report', () => {
    const entries = historyEntries([
      event('activity', 'create', { id: null, label: 'system' }, null, { text: 'Audit case files' }),
      event('activity', 'update', SAM, { status: 'not_started', percentComplete: 0, version: 1 }, { status: 'in_progress', percentComplete: 40, version: 2 }),
      event('progress_update', 'create', SAM, null, { activityId: 'a1', status: 'in_progress', percentComplete: 40, note: 'Half the files read', evidenceLinks: ['https://sharepoint.example/audit', 'javascript:alert(1)'] }),
    ]);
    expect(entries.map((entry) => [entry.title, entry.who, entry.details])).toEqual([
      ['Added to the plan', 'The system', []],
      ['Progress reported', 'Sam Safeguarding', ['Status: In progress (40%)', 'Note: Half the files read']],
    ]);
    // Only web links are links.
    expect(entries[1].links).toEqual([{ href: 'https://sharepoint.example/audit', text: 'https://sharepoint.example/audit' }]);
  });

  it('tells verification, overrides and their withdrawal, and changes an admin made', () => {
    const entries = historyEntries([
      event('activity', 'update', CHRIS, { verification: null, version: 5 }, { verification: { verifiedAt: '2012-09-14T10:00:00.000Z', note: 'Read the audit report' }, version: 6 }),
      event('rag_override', 'create', CHRIS, null, { activityId: 'a1', rating: 'amber', reason: 'Recovery plan agreed', expiresOn: '2012-10-31' }),
      event('rag_override', 'delete', CHRIS, { activityId: 'a1', rating: 'amber', reason: 'Recovery plan agreed', expiresOn: '2012-10-31' }, null),
      event('activity', 'update', { id: 'u-admin', label: 'Alex Admin <admin@demo.test>' }, { dueDate: '2012-09-13', owner: null, status: 'in_progress' }, { dueDate: '2012-10-01', owner: { name: 'Pat Principal' }, status: 'deferred' }),
    ]);
    expect(entries.map((entry) => [entry.title, entry.details])).toEqual([
      ['Verified', ['Evidence checked: Read the audit report']],
      ['Rating overridden', ['Shown as Amber until 31 October 2012', 'Reason: Recovery plan agreed']],
      ['Rating override withdrawn', ['It showed Amber until 31 October 2012']],
      ['Changed', ['Due date changed from 13 September 2012 to 1 October 2012', 'Owner changed to Pat Principal', 'Status changed from In progress to Deferred']],
    ]);
  });

  it('leaves out changes that mean nothing to a reader', () => {
    expect(historyEntries([event('activity', 'update', SAM, { version: 1, lastReportedAt: null }, { version: 2, lastReportedAt: '2012-09-14' })])).toEqual([]);
  });
});

describe('the activity page', () => {
  const input = (overrides: Partial<Parameters<typeof activityPageViewModel>[0]> = {}) => ({
    planId: 'plan-1',
    activity: activity(),
    row: rowOf({ id: 'a1', latestUpdate: reportedOn('2012-09-10', 'Half done') }),
    recommendation: { number: 3, text: 'Improve supervision.', band: 'within_three_months' as const, dueDate: '2012-09-13' },
    assessment: rated('red', 'due 13 Sep 2012, 1 working day overdue'),
    asOf: '2012-09-14' as const,
    history: [],
    may: { update: true, chair: false },
    ...overrides,
  });

  it('says what the activity answers and how it stands, with its reasons', () => {
    const model = activityPageViewModel(input());
    expect(model).toMatchObject({
      title: 'Audit case files',
      recommendation: { heading: 'Safeguarding recommendation 3', text: 'Improve supervision.', band: 'Within three months', due: '13 September 2012' },
      leadAgencies: ['SCC – CSL Directorate – Safeguarding'],
      due: '13 September 2012',
      status: { text: 'In progress (40%)' },
      rag: { text: 'Red' },
      reasons: ['Due 13 Sep 2012, 1 working day overdue'],
      links: { self: '/plans/plan-1/activities/a1', update: '/plans/plan-1/activities/a1/update' },
    });
  });

  it.each([
    [{ update: true, chair: false }, {}, { update: true, verify: false, override: false, clearOverride: false }],
    [{ update: false, chair: true }, {}, { update: false, verify: false, override: true, clearOverride: false }],
    [{ update: false, chair: true }, { status: 'complete' as const }, { update: false, verify: true, override: true, clearOverride: false }],
    [{ update: false, chair: true }, { status: 'complete' as const, verification: { verifiedAt: new Date(), verifiedById: 'u', note: 'ok' } }, { update: false, verify: false, override: true, clearOverride: false }],
    [{ update: false, chair: false }, { status: 'complete' as const }, { update: false, verify: false, override: false, clearOverride: false }],
  ])('offers %j on %j: %j', (may, overrides, actions) => {
    expect(activityPageViewModel(input({ may, activity: activity(overrides) })).actions).toEqual(actions);
  });

  it('shows the chair’s override in force beside what the rules would say, and offers to withdraw it', () => {
    const model = activityPageViewModel(
      input({
        may: { update: false, chair: true },
        assessment: { rating: 'amber', computed: 'red', reasons: ['overridden by Chris Chair: plan agreed (until 31 Oct 2012)'], verified: false, override: { rating: 'amber', reason: 'plan agreed', expiresOn: '2012-10-31', setBy: 'Chris Chair', active: true } },
      }),
    );
    expect(model.rag.text).toBe('Amber');
    expect(model.computed?.text).toBe('Red');
    expect(model.override).toEqual({ active: true, rating: 'Amber', until: '31 October 2012', reason: 'plan agreed', setBy: 'Chris Chair' });
    expect(model.actions.clearOverride).toBe(true);
  });

  it('shortens a long activity for titles', () => {
    expect(shortText('Audit case files')).toBe('Audit case files');
    expect(shortText(`${'word '.repeat(30)}end`, 20)).toBe('word word word word…');
  });
});

describe('what changed while a form was open', () => {
  it('lists each difference in words', () => {
    const opened = loadedStandingOf(activity({ status: 'in_progress', percentComplete: 40 }));
    const now = activity({ status: 'complete', percentComplete: 100, dueDate: '2012-10-01', verification: { verifiedAt: new Date(), verifiedById: 'u', note: 'ok' } });
    expect(whatChanged(opened, now)).toEqual([
      { field: 'Status', then: 'In progress', now: 'Complete' },
      { field: 'Percent complete', then: '40%', now: '100%' },
      { field: 'Due date', then: '13 September 2012', now: '1 October 2012' },
      { field: 'Verified', then: 'No', now: 'Yes' },
    ]);
  });

  it('says nothing changed in these when they are the same, and never repeats tampered values', () => {
    expect(whatChanged(loadedStandingOf(activity()), activity())).toEqual([]);
    expect(whatChanged({ status: '<script>', percentComplete: 'x', dueDate: '{{7*7}}', verified: 'no' }, activity())).toEqual([
      { field: 'Status', then: 'Not known', now: 'In progress' },
      { field: 'Percent complete', then: 'Not known', now: '40%' },
      { field: 'Due date', then: 'Not known', now: '13 September 2012' },
    ]);
  });
});
