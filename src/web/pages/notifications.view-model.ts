import type { Page } from '../../common/pagination';
import type { NotificationView } from '../../reminders/notifications.service';

/** The activity page's address, as reminder emails write it. */
export function activityPath(planId: string, activityId: string): string {
  return `/plans/${planId}/activities/${activityId}`;
}

/** An indicator's page, as the monthly chaser's emails write it. */
export function indicatorPath(planId: string, indicatorId: string): string {
  return `/plans/${planId}/indicators/${indicatorId}`;
}

export function notificationsViewModel(result: Page<NotificationView> & { unread: number }) {
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  return {
    unread: result.unread,
    total: result.total,
    items: result.items.map((item) => ({
      id: item.id,
      title: item.title,
      // A reminder is about an activity, (the monthly chaser) an indicator's missing return, or a board's action (no page yet).
      href: item.activityId && item.planId ? activityPath(item.planId, item.activityId) : item.indicatorId && item.planId ? indicatorPath(item.planId, item.indicatorId) : null,
      createdAt: item.createdAt,
      read: item.readAt !== null,
    })),
    page: result.page,
    // GOV.UK pagination: previous, numbered pages, next.
    pagination:
      pages > 1
        ? {
            previous: result.page > 1 ? { href: `/notifications?page=${result.page - 1}` } : null,
            next: result.page < pages ? { href: `/notifications?page=${result.page + 1}` } : null,
            items: Array.from({ length: pages }, (_, i) => ({ number: i + 1, href: `/notifications?page=${i + 1}`, current: i + 1 === result.page })),
          }
        : null,
  };
}
