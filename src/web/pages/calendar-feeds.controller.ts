import { Body, Get, HttpStatus, NotFoundException, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { isUUID } from 'class-validator';
import { CurrentActor } from '../../accounts/current-actor.decorator';
import type { Actor } from '../../common/request-context';
import { CalendarFeeds } from '../../calendar/calendar-feeds.service';
import { text } from '../forms';
import { PageController } from '../page-controller';
import { PageRenderer } from '../page-renderer.service';

const DONE: Record<string, string> = {
  off: 'The calendar feed has been turned off. Calendars subscribed to it will stop showing its deadlines.',
};

/**
 * Calendar feeds from "Your account": turn your own on, off, or give it a new
 * address, and the same for each plan you read whole. The address is shown
 * once, as an API token is.
 */
@PageController('account/calendar')
export class CalendarFeedsPageController {
  constructor(
    private readonly feeds: CalendarFeeds,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async show(@CurrentActor() actor: Actor, @Query('done') done: unknown, @Res() response: Response): Promise<void> {
    const feeds = await this.feeds.all(actor);
    this.pages.render(response, 'account/calendar', { feeds, done: typeof done === 'string' ? (DONE[done] ?? null) : null });
  }

  /** Turns a feed on, or gives it a new address: shown on this page only. */
  @Post('turn-on')
  async turnOn(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const created = await this.feeds.turnOn(actor, planIdOf(body));
    const planTitle = created.planId ? (await this.feeds.view(actor, created.planId)).planTitle : null;
    this.pages.render(response, 'account/calendar-created', { feed: created, planTitle }, HttpStatus.CREATED);
  }

  @Post('turn-off')
  async turnOff(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    await this.feeds.turnOff(actor, planIdOf(body));
    this.pages.redirect(response, '/account/calendar?done=off');
  }
}

/** The form's plan, or null for the person's own feed; anything else names nothing. */
function planIdOf(body: Record<string, unknown>): string | null {
  const value = text(body.planId);
  if (value === '') return null;
  if (!isUUID(value)) throw new NotFoundException();
  return value;
}
