import { notificationsViewModel } from './notifications.view-model';

const item = (n: number, read: boolean) => ({
  id: `n${n}`,
  kind: 'overdue',
  title: `Overdue by ${n} working days: Audit case files (Safeguarding 1)`,
  planId: 'p1' as string | null,
  activityId: `a${n}` as string | null,
  indicatorId: null as string | null,
  meetingActionId: null as string | null,
  createdAt: new Date('2012-09-14T06:30:00Z'),
  readAt: read ? new Date('2012-09-14T09:00:00Z') : null,
});

describe('notifications page', () => {
  it('links each reminder to its activity at the address reminder emails use', () => {
    const model = notificationsViewModel({ items: [item(1, false), item(2, true)], page: 1, pageSize: 25, total: 2, unread: 1 });
    expect(model.items.map((i) => [i.href, i.read])).toEqual([
      ['/plans/p1/activities/a1', false],
      ['/plans/p1/activities/a2', true],
    ]);
    expect(model.unread).toBe(1);
    expect(model.pagination).toBeNull();
  });

  it('links the monthly chaser’s reminder to its indicator, at the address its email uses', () => {
    const chaser = { ...item(3, false), kind: 'indicator_return', activityId: null, indicatorId: 'i1' };
    expect(notificationsViewModel({ items: [chaser], page: 1, pageSize: 25, total: 1, unread: 1 }).items[0].href).toBe('/plans/p1/indicators/i1');
  });

  it('shows a board action’s reminder without a link: boards have no page yet', () => {
    const action = { ...item(4, false), kind: 'action_due_in_5', planId: null, activityId: null, meetingActionId: 'x1' };
    expect(notificationsViewModel({ items: [action], page: 1, pageSize: 25, total: 1, unread: 1 }).items[0].href).toBeNull();
  });

  it.each([
    [1, 60, null, '/notifications?page=2', 3],
    [2, 60, '/notifications?page=1', '/notifications?page=3', 3],
    [3, 60, '/notifications?page=2', null, 3],
  ])('page %i of %i reminders has previous %p, next %p and %i numbered pages', (page, total, previous, next, count) => {
    const model = notificationsViewModel({ items: [], page, pageSize: 25, total, unread: 0 });
    expect(model.pagination?.previous?.href ?? null).toBe(previous);
    expect(model.pagination?.next?.href ?? null).toBe(next);
    expect(model.pagination?.items).toHaveLength(count);
    expect(model.pagination?.items.filter((i) => i.current).map((i) => i.number)).toEqual([page]);
  });
});
