import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessPolicy } from '../../accounts/access-policy.service';
import { CalendarEntry } from '../../calendar/calendar-entries';
import { CalendarFeedSource, CalendarFeedSources, FeedScope } from '../../calendar/calendar-sources';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ActionForCalendar, MeetingForCalendar, boardEntries } from './board-calendar-entries';

/**
 * Board meetings and actions in calendar feeds, read as the feed's owner: a
 * person's own feed carries the meetings of the boards they sit at and the
 * open actions they own; a plan's feed the meetings of the boards (that the
 * person sits at) overseeing the plan.
 */
@Injectable()
export class BoardMeetingsSource implements CalendarFeedSource, OnModuleInit {
  readonly name = 'board meetings';

  constructor(
    private readonly sources: CalendarFeedSources,
    private readonly access: AccessPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.sources.add(this);
  }

  async entries(scope: FeedScope, manager: EntityManager): Promise<CalendarEntry[]> {
    const reach = await this.access.reach(manager);
    // Admins reach every board, but their own feed is the boards they sit at, as for anyone.
    const seated: Array<{ board_id: string }> = await manager.query('SELECT board_id FROM board_members WHERE user_id = $1', [scope.personId]);
    const boardIds = reach.everything && scope.planId ? null : seated.map((row) => row.board_id);
    const meetings: MeetingForCalendar[] = (
      await manager.query(
        `SELECT m.id, m.board_id AS "boardId", b.name AS "boardName", m.meeting_date::text AS "meetingDate", m.status, m.agenda
           FROM meetings m JOIN boards b ON b.id = m.board_id
          WHERE ($1::uuid[] IS NULL OR m.board_id = ANY($1::uuid[]))
            AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM board_plans bp WHERE bp.board_id = m.board_id AND bp.plan_id = $2))
            AND m.meeting_date >= $3::date - 366
          ORDER BY m.meeting_date, b.name`,
        [boardIds, scope.planId, scope.asOf],
      )
    );
    const actions: ActionForCalendar[] = scope.planId
      ? []
      : await manager.query(
          `SELECT a.id, m.board_id AS "boardId", m.id AS "meetingId", b.name AS "boardName", m.meeting_date::text AS "meetingDate", a.position AS number, a.text, a.due_on::text AS "dueOn",
                  (SELECT COALESCE(array_agg(u.name ORDER BY o.position), '{}') FROM meeting_action_owners o JOIN users u ON u.id = o.user_id WHERE o.action_id = a.id) AS owners
             FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id JOIN boards b ON b.id = m.board_id
            WHERE a.status <> 'closed' AND EXISTS (SELECT 1 FROM meeting_action_owners o WHERE o.action_id = a.id AND o.user_id = $1)
            ORDER BY a.due_on`,
          [scope.personId],
        );
    return boardEntries(meetings, actions, { publicUrl: this.config.publicUrl });
  }
}
