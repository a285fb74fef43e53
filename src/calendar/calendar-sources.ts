import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CalendarDate } from '../deadlines';
import type { CalendarEntry } from './calendar-entries';

/** Whose feed is being read, and of what. */
export interface FeedScope {
  /** The feed's owner: sources read as this person, under their reach (the request runs as them). */
  personId: string;
  /** A plan's feed, or null for the person's own. */
  planId: string | null;
  /** Today in London. */
  asOf: CalendarDate;
}

/**
 * Something that puts events in calendar feeds. Activity deadlines and
 * milestones are one (activity-deadlines.source.ts); improvement board
 * meetings and their actions (src/boards/calendar) are another: a module adds its
 * source with CalendarFeedSources.add() when it starts (onModuleInit), and
 * every feed then carries its events. A source reads as the feed's owner
 * (requestContext's actor), so AccessPolicy keeps each person to their reach.
 */
export interface CalendarFeedSource {
  /** For logs: "activity deadlines", "board meetings". */
  readonly name: string;
  entries(scope: FeedScope, manager: EntityManager): Promise<CalendarEntry[]>;
}

/** The sources every feed is made from, in the order they were added. */
@Injectable()
export class CalendarFeedSources {
  private readonly sources: CalendarFeedSource[] = [];

  add(source: CalendarFeedSource): void {
    if (this.sources.some((existing) => existing.name === source.name)) throw new Error(`Calendar feed source "${source.name}" is added twice`);
    this.sources.push(source);
  }

  all(): readonly CalendarFeedSource[] {
    return this.sources;
  }
}
