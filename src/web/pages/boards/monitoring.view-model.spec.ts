import type { MonitoredView } from '../../../boards/scrutiny.service';
import { decideViewModel, meetingChoices, monitoringViewModel, progressTag } from './monitoring.view-model';

const item = (id: string, meetingDate: string, extra: Partial<MonitoredView> = {}): MonitoredView => ({
  id,
  boardId: 'b1',
  meetingDate,
  title: `Item ${id}`,
  actionProposed: ['Report back'],
  actionTaken: [],
  progress: 'continue_monitoring',
  pausedReason: null,
  rejected: false,
  decisions: [],
  version: 1,
  createdAt: '2022-01-01T00:00:00.000Z',
  updatedAt: '2022-01-01T00:00:00.000Z',
  listed: true,
  reason: 'Continue monitoring',
  ...extra,
});

const panel = { id: 'b1', name: 'Children and Families Scrutiny Panel' };

describe('scrutiny monitoring page: view models', () => {
  it('groups the list by the meeting that made each recommendation, oldest first, points numbered, decisions in words', () => {
    const items = [
      item('r2', '2022-07-21', { actionProposed: ['Audit plans', 'Report to the panel'], actionTaken: ['Audit done'], progress: 'achieved', decisions: [{ meetingId: 'm3', meetingDate: '2022-09-15', decision: 'not_accepted', note: 'Evidence thin' }], reason: 'Completed, but not accepted' }),
      item('r1', '2022-05-19'),
      item('r3', '2022-07-21', { listed: false, reason: 'Accepted as completed by the panel on 15 September 2022' }),
    ];
    const model = monitoringViewModel(panel, items, 'all', true);
    expect(model.groups.map((group) => [group.heading, group.items.map((row) => row.id)])).toEqual([
      ['Recommendations of the meeting of 19 May 2022', ['r1']],
      ['Recommendations of the meeting of 21 July 2022', ['r2', 'r3']],
    ]);
    const r2 = model.groups[1].items[0];
    expect(r2.actionProposed).toEqual(['1) Audit plans', '2) Report to the panel']);
    expect(r2.actionTaken).toEqual(['Audit done']);
    expect(r2.progress).toEqual({ text: 'Achieved', classes: 'govuk-tag--green' });
    expect(r2.decisions).toEqual([{ text: 'Not accepted at the meeting of 15 September 2022', note: 'Evidence thin' }]);
    expect(r2.decideHref).toBe('/boards/b1/monitoring/r2/decide');
    // An item off the list takes no more decisions; a member is offered none.
    expect(model.groups[1].items[1].decideHref).toBeNull();
    expect(monitoringViewModel(panel, items, 'listed', false).groups.flatMap((group) => group.items.map((row) => row.decideHref))).toEqual([null, null, null]);
    expect(model.showLinks).toEqual({ listed: { href: '/boards/b1/monitoring', current: false }, all: { href: '/boards/b1/monitoring?show=all', current: true } });
    expect(model.key.map((entry) => entry.tag.text)).toEqual(['Achieved', 'Continue monitoring', 'Unacceptable progress', 'Paused']);
  });

  it.each([
    ['paused', 'Waiting for the Ofsted visit', { text: 'Paused: Waiting for the Ofsted visit', classes: 'govuk-tag--grey' }],
    ['unacceptable_progress', null, { text: 'Unacceptable progress', classes: 'govuk-tag--red' }],
  ] as const)('shows progress %s by its word', (progress, reason, expected) => {
    expect(progressTag(progress, reason)).toEqual(expected);
  });

  it('offers the panel’s meetings that were not cancelled, latest first, choosing the latest up to today unless one was asked for', () => {
    const meetings = [
      { id: 'm1', meetingDate: '2022-05-19', status: 'held' as const },
      { id: 'm2', meetingDate: '2022-07-21', status: 'held' as const },
      { id: 'm3', meetingDate: '2022-08-01', status: 'cancelled' as const },
      { id: 'm4', meetingDate: '2022-09-15', status: 'scheduled' as const },
    ];
    const choices = meetingChoices(meetings, '', '2022-08-10');
    expect(choices.map((choice) => [choice.value, choice.text, 'selected' in choice ? choice.selected : undefined])).toEqual([
      ['', 'Choose a meeting', undefined],
      ['m4', 'Meeting of 15 September 2022', false],
      ['m2', 'Meeting of 21 July 2022', true],
      ['m1', 'Meeting of 19 May 2022', false],
    ]);
    expect(meetingChoices(meetings, 'm1', '2022-08-10').find((choice) => 'selected' in choice && choice.selected)?.value).toBe('m1');
  });

  it('keeps the decision chosen on the form', () => {
    const model = decideViewModel(panel, item('r1', '2022-05-19'), 'not_accepted');
    expect(model.decisions.map((choice) => [choice.value, choice.checked])).toEqual([
      ['accepted', false],
      ['not_accepted', true],
      ['rejection_reported', false],
    ]);
    expect(model.formAction).toBe('/boards/b1/monitoring/r1/decide');
    expect(model.made).toBe('19 May 2022');
  });
});
