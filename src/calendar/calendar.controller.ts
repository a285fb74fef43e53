import { Controller, Delete, ForbiddenException, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../accounts/current-actor.decorator';
import { ApiErrors, ApiUuidParam } from '../common/openapi';
import type { Actor } from '../common/request-context';
import { uuidParam } from '../common/uuid-param.pipe';
import { CalendarFeeds } from './calendar-feeds.service';
import { CalendarFeedResponse, CreatedCalendarFeedResponse } from './calendar.responses';

/**
 * A feed's address outlives the token that made it, so an API token may not
 * make one: a leaked token would otherwise leave a way in after it is revoked.
 */
function signedIn(actor: Actor): void {
  if (!actor.sessionId) throw new ForbiddenException('Sign in (with your password or through single sign-on), not with an API token, to turn on a calendar feed');
}

const MADE_BY_TOKEN = { status: 403 as const, description: 'Called with an API token: a feed address is made only by someone signed in' };

/**
 * Private calendar feeds, for Outlook and other calendars: your own
 * deadlines (the activities you own or your agencies lead), or a plan's for
 * those who read the whole plan. The address (GET /calendar/<token>.ics,
 * outside /api: a calendar subscribes by URL, with no header) is shown once.
 */
@ApiTags('calendar feeds')
@ApiBearerAuth()
@ApiErrors(401)
@Controller()
export class CalendarFeedsController {
  constructor(private readonly feeds: CalendarFeeds) {}

  @Get('me/calendar-feed')
  @ApiOperation({ summary: 'Whether your own calendar feed is on (never its address)' })
  @ApiOkResponse({ type: CalendarFeedResponse })
  mine(@CurrentActor() actor: Actor) {
    return this.feeds.view(actor, null);
  }

  @Post('me/calendar-feed')
  @ApiOperation({
    summary: 'Turn on your calendar feed, or give it a new address',
    description: 'Your deadlines and milestones as all-day events. The address is in this answer only; any earlier address stops working at once.',
  })
  @ApiCreatedResponse({ type: CreatedCalendarFeedResponse })
  @ApiErrors(MADE_BY_TOKEN)
  turnOnMine(@CurrentActor() actor: Actor) {
    signedIn(actor);
    return this.feeds.turnOn(actor, null);
  }

  @Delete('me/calendar-feed')
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn off your calendar feed: its address answers 404 from now on' })
  @ApiNoContentResponse({ description: 'Turned off' })
  @ApiErrors({ status: 404, description: 'Your calendar feed is not on' })
  turnOffMine(@CurrentActor() actor: Actor) {
    return this.feeds.turnOff(actor, null);
  }

  @Get('plans/:id/calendar-feed')
  @ApiOperation({ summary: "Whether your calendar feed of a plan is on (never its address)" })
  @ApiOkResponse({ type: CalendarFeedResponse })
  @ApiUuidParam('The plan')
  @ApiErrors(400, { status: 403, description: 'You see only part of this plan: its feed is for those who read the whole plan' }, { status: 404, description: 'No such plan within your reach' })
  plan(@CurrentActor() actor: Actor, @Param('id', uuidParam) planId: string) {
    return this.feeds.view(actor, planId);
  }

  @Post('plans/:id/calendar-feed')
  @ApiOperation({
    summary: "Turn on your calendar feed of a plan, or give it a new address",
    description: "Every open activity's deadline and milestones in the plan. For those who read the whole plan. The address is in this answer only.",
  })
  @ApiCreatedResponse({ type: CreatedCalendarFeedResponse })
  @ApiUuidParam('The plan')
  @ApiErrors(400, { status: 403, description: 'Called with an API token, or you see only part of this plan' }, { status: 404, description: 'No such plan within your reach' })
  turnOnPlan(@CurrentActor() actor: Actor, @Param('id', uuidParam) planId: string) {
    signedIn(actor);
    return this.feeds.turnOn(actor, planId);
  }

  @Delete('plans/:id/calendar-feed')
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn off your calendar feed of a plan' })
  @ApiNoContentResponse({ description: 'Turned off' })
  @ApiUuidParam('The plan')
  @ApiErrors(400, { status: 404, description: 'You have no calendar feed of this plan' })
  turnOffPlan(@CurrentActor() actor: Actor, @Param('id', uuidParam) planId: string) {
    return this.feeds.turnOff(actor, planId);
  }
}
