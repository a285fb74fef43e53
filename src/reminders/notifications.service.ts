import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { Page, PaginationQuery, pageOf } from '../common/pagination';
import type { Actor } from '../common/request-context';
import { Notification } from './reminder.entities';

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  /** The plan it is about; null for an action agreed at a board's meeting. */
  planId: string | null;
  /** The activity reminded about; null for an indicator's missing return or a board's action. */
  activityId: string | null;
  /** The indicator whose monthly return is missing (the chaser); null for an activity's reminder. */
  indicatorId: string | null;
  /** The action agreed at a board's meeting; null otherwise. */
  meetingActionId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** A person's in-app reminders, for the API and the web pages alike. */
@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Unread first, newest first within each. */
  async list(actor: Actor, query: PaginationQuery): Promise<Page<NotificationView> & { unread: number }> {
    const [rows, total] = await this.dataSource.getRepository(Notification).findAndCount({
      where: { userId: actor.id },
      order: { readAt: { direction: 'ASC', nulls: 'FIRST' }, createdAt: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const unread = await this.dataSource.getRepository(Notification).count({ where: { userId: actor.id, readAt: IsNull() } });
    return {
      ...pageOf(
        rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, planId: n.planId, activityId: n.activityId, indicatorId: n.indicatorId, meetingActionId: n.meetingActionId, createdAt: n.createdAt, readAt: n.readAt })),
        total,
        query,
      ),
      unread,
    };
  }

  async markRead(actor: Actor, id: string): Promise<void> {
    const [, affected] = await this.dataSource.query('UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2', [id, actor.id]);
    if (!affected) throw new NotFoundException(`No notification of yours with id ${id}`);
  }

  async markAllRead(actor: Actor): Promise<void> {
    await this.dataSource.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [actor.id]);
  }
}
