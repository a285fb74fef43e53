import { ForbiddenException, Inject, Injectable, Logger, NotFoundException, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { actorOf } from '../accounts/auth.service';
import { hashToken, newSecret } from '../accounts/secrets';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { DomainEvents } from '../common/domain-events';
import { Actor, requestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { compareCalendarDates } from '../deadlines';
import { Plan } from '../plans/entities/plan.entity';
import type { CalendarEntry } from './calendar-entries';
import { CalendarFeed } from './calendar-feed.entity';
import { CalendarFeedSources } from './calendar-sources';
import { renderCalendar } from './ics-calendar';

/** A person's feed of one scope, as they see it: never the address itself, which is stored as a hash. */
export interface CalendarFeedView {
  /** Null for the person's own deadlines. */
  planId: string | null;
  planTitle: string | null;
  active: boolean;
  tokenPrefix: string | null;
  createdAt: Date | null;
  lastReadAt: Date | null;
}

/** The only answer that holds the address: shown once. */
export interface CreatedCalendarFeed {
  planId: string | null;
  url: string;
  webcalUrl: string;
  tokenPrefix: string;
  createdAt: Date;
}

const MINE = 'mine';

/**
 * Private calendar feeds: a person's own deadlines, or a plan's for those who
 * read the whole plan. The address is the only credential (Outlook subscribes
 * by URL), so it is long and random, stored as a hash, shown once, and
 * revocable; reading it runs as its owner under their reach today, so a feed
 * never shows more than its owner may see now.
 */
@Injectable()
export class CalendarFeeds implements OnModuleInit {
  private readonly logger = new Logger('CalendarFeeds');

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly sources: CalendarFeedSources,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    // A feed address is a credential made under the old password: someone who changes a
    // password because it leaked expects every way in made with it to stop working.
    this.events.on('password-changed', (manager, { userId }) => this.revokeAllOf(manager, userId));
  }

  async view(actor: Actor, planId: string | null): Promise<CalendarFeedView> {
    const planTitle = planId ? await this.assertPlanFeedAllowed(planId) : null;
    const live = await this.dataSource.manager.findOne(CalendarFeed, { where: { userId: actor.id, scopeKey: planId ?? MINE, revokedAt: IsNull() } });
    return viewOf(planId, planTitle, live);
  }

  /** The person's own feed and one per plan they read whole (live plans), for the account page. */
  async all(actor: Actor): Promise<CalendarFeedView[]> {
    const manager = this.dataSource.manager;
    const query = manager.createQueryBuilder().select(['plan.id AS id', 'plan.title AS title']).from('plans', 'plan').where(`plan.status <> 'closed'`).orderBy('plan.created_at', 'ASC');
    const plans: Array<{ id: string; title: string }> = await (await this.access.scopePlans(query, 'plan', manager)).getRawMany();
    const whole = await this.access.plansReadWhole(plans.map((plan) => plan.id), manager);
    const readable = plans.filter((plan) => whole.has(plan.id));
    const live = await manager.find(CalendarFeed, { where: { userId: actor.id, revokedAt: IsNull() } });
    const liveOf = (scope: string) => live.find((feed) => feed.scopeKey === scope) ?? null;
    return [viewOf(null, null, liveOf(MINE)), ...readable.map((plan) => viewOf(plan.id, plan.title, liveOf(plan.id)))];
  }

  /** Turns the feed on, or gives it a new address: the old one stops working at once. */
  async turnOn(actor: Actor, planId: string | null): Promise<CreatedCalendarFeed> {
    if (planId) await this.assertPlanFeedAllowed(planId);
    const token = newSecret(32);
    const scopeKey = planId ?? MINE;
    const saved = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('calendar-feed:' || $1 || ':' || $2))`, [actor.id, scopeKey]);
      await this.revokeLive(manager, actor, scopeKey);
      const row = await manager.save(
        manager.create(CalendarFeed, { userId: actor.id, planId, scopeKey, tokenHash: hashToken(token), tokenPrefix: token.slice(0, 8), lastReadAt: null, revokedAt: null }),
      );
      await this.audit.record(manager, { action: 'create', entityType: 'calendar_feed', entityId: row.id, planId, after: { planId, tokenPrefix: row.tokenPrefix } });
      return row;
    });
    const url = `${this.config.publicUrl}/calendar/${token}.ics`;
    return { planId, url, webcalUrl: url.replace(/^https?:\/\//, 'webcal://'), tokenPrefix: saved.tokenPrefix, createdAt: saved.createdAt };
  }

  /** Needs no reach: it only revokes the person's own feed, so someone who has lost a plan may still switch off its feed. */
  async turnOff(actor: Actor, planId: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const revoked = await this.revokeLive(manager, actor, planId ?? MINE);
      if (!revoked) throw new NotFoundException(planId ? 'You have no calendar feed of this plan' : 'You have no calendar feed');
    });
  }

  /**
   * The feed behind an address, as iCalendar text, or null when the address
   * is unknown or revoked, its owner switched off, or the plan out of their
   * reach: the same 404 for all, so addresses cannot be probed.
   */
  async render(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const feed = await this.dataSource.manager.findOne(CalendarFeed, { where: { tokenHash: hashToken(token), revokedAt: IsNull() }, relations: { user: true } });
    if (!feed?.user?.active) return null;
    const outer = requestContext.current();
    // Run as the feed's owner, as the auth guard would for their own request: their reach, today.
    return requestContext.run({ requestId: outer?.requestId ?? randomUUID(), ipAddress: outer?.ipAddress ?? 'unknown', actor: actorOf(feed.user, null) }, async () => {
      const manager = this.dataSource.manager;
      let name = `Improvement plan deadlines: ${feed.user!.name}`;
      if (feed.planId) {
        const plan = await manager.findOne(Plan, { select: { id: true, title: true }, where: { id: feed.planId } });
        if (!plan || !(await this.access.readsWholePlan(plan.id, manager))) return null;
        name = `Improvement plan: ${plan.title}`;
      }
      const scope = { personId: feed.userId, planId: feed.planId, asOf: this.clock.today() };
      const entries: CalendarEntry[] = [];
      for (const source of this.sources.all()) entries.push(...(await source.entries(scope, manager)));
      entries.sort((a, b) => compareCalendarDates(a.date, b.date) || a.uid.localeCompare(b.uid));
      await manager.update(CalendarFeed, { id: feed.id }, { lastReadAt: new Date() });
      this.logger.debug(`Feed ${feed.tokenPrefix}… read: ${entries.length} events`);
      return renderCalendar(entries, { name, council: this.config.councilName ?? null, now: this.clock.now() });
    });
  }

  /** A plan's feed is for those who read the whole plan: 404 beyond the person's reach, 403 for a service head who sees part of it. */
  private async assertPlanFeedAllowed(planId: string): Promise<string> {
    const manager = this.dataSource.manager;
    const plan = await manager.findOne(Plan, { select: { id: true, title: true }, where: { id: planId } });
    if (!plan) throw new NotFoundException(`No plan with id ${planId}`);
    await this.access.assertCanReadPlan(planId, manager);
    if (!(await this.access.readsWholePlan(planId, manager))) throw new ForbiddenException('A plan’s calendar feed is for those who read the whole plan');
    return plan.title;
  }

  private async revokeAllOf(manager: EntityManager, userId: string): Promise<string | void> {
    const revoked = await this.revoke(manager, { userId });
    if (revoked === 0) return;
    return `${revoked} calendar feed ${revoked === 1 ? 'address has' : 'addresses have'} been revoked: turn the feed on again for a new address.`;
  }

  private async revokeLive(manager: EntityManager, actor: Actor, scopeKey: string): Promise<boolean> {
    return (await this.revoke(manager, { userId: actor.id, scopeKey })) > 0;
  }

  /** Revokes the person's live feeds that match, each on the record; answers how many. */
  private async revoke(manager: EntityManager, which: { userId: string; scopeKey?: string }): Promise<number> {
    const live = await manager.find(CalendarFeed, { where: { ...which, revokedAt: IsNull() } });
    if (live.length === 0) return 0;
    await manager.update(CalendarFeed, { id: In(live.map((feed) => feed.id)) }, { revokedAt: new Date() });
    for (const feed of live) {
      await this.audit.record(manager, { action: 'delete', entityType: 'calendar_feed', entityId: feed.id, planId: feed.planId, before: { planId: feed.planId, tokenPrefix: feed.tokenPrefix } });
    }
    return live.length;
  }
}

function viewOf(planId: string | null, planTitle: string | null, live: CalendarFeed | null): CalendarFeedView {
  return {
    planId,
    planTitle,
    active: !!live,
    tokenPrefix: live?.tokenPrefix ?? null,
    createdAt: live?.createdAt ?? null,
    lastReadAt: live?.lastReadAt ?? null,
  };
}
