import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { loadTimescales } from '../plans/plan-tree.reader';
import { ActivityRows } from '../progress/activity-rows.service';
import { CalendarEntry, deadlineEntries, isTheirs } from './calendar-entries';
import { CalendarFeedSource, CalendarFeedSources, FeedScope } from './calendar-sources';

/**
 * Deadlines of open activities (cancelled and complete ones drop out; those
 * blocked or deferred stay, as the board sees them) in live plans, and the
 * milestones of recurring commitments: read from the activity read model as
 * the feed's owner, so their reach decides what is in it.
 */
@Injectable()
export class ActivityDeadlinesSource implements CalendarFeedSource, OnModuleInit {
  readonly name = 'activity deadlines';

  constructor(
    private readonly sources: CalendarFeedSources,
    private readonly rows: ActivityRows,
    private readonly access: AccessPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.sources.add(this);
  }

  async entries(scope: FeedScope, manager: EntityManager): Promise<CalendarEntry[]> {
    const rows = await this.rows.read({ asOf: scope.asOf, open: true, livePlansOnly: true, ...(scope.planId ? { planId: scope.planId } : {}) }, manager);
    const reach = await this.access.reach(manager);
    const chosen = scope.planId ? rows : rows.filter((row) => isTheirs(reach, row));
    const timescales = await loadTimescales(manager, chosen.map((row) => row.id));
    return deadlineEntries(chosen, timescales, { publicUrl: this.config.publicUrl });
  }
}
