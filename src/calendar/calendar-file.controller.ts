import { Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../accounts/roles';
import { PageController } from '../web/page-controller';
import { CalendarFeeds } from './calendar-feeds.service';

/**
 * The feed itself, at /calendar/<token>.ics: outside /api and its document,
 * since a calendar (Outlook's "Subscribe from web") fetches it by address
 * alone, with no cookie and no Authorization header. The address is the
 * credential; an unknown or revoked one gets the same 404 as any page.
 */
@PageController('calendar')
export class CalendarFileController {
  constructor(private readonly feeds: CalendarFeeds) {}

  @Public()
  @Get(':file')
  async feed(@Param('file') file: string, @Res() response: Response): Promise<void> {
    const token = /^(.+)\.ics$/.exec(file)?.[1];
    const text = token ? await this.feeds.render(token) : null;
    if (text === null) throw new NotFoundException();
    response
      .status(200)
      .type('text/calendar; charset=utf-8')
      .setHeader('Content-Disposition', 'inline; filename="deadlines.ics"')
      // Personal: never kept by a shared cache, never indexed.
      .setHeader('Cache-Control', 'private, no-store')
      .setHeader('X-Robots-Tag', 'noindex')
      .send(text);
  }
}
