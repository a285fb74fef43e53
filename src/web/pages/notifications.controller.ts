import { Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentActor } from '../../accounts/current-actor.decorator';
import type { Actor } from '../../common/request-context';
import { NotificationsService } from '../../reminders/notifications.service';
import { pageId, PageController, pageNumber } from '../page-controller';
import { PageRenderer } from '../page-renderer.service';
import { notificationsViewModel } from './notifications.view-model';

const PAGE_SIZE = 25;

/** Reminders kept in the app: unread first, each linking to its activity (the address reminder emails use). */
@PageController('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Query('page') page: unknown, @Res() response: Response): Promise<void> {
    const result = await this.notifications.list(actor, { page: pageNumber(page), pageSize: PAGE_SIZE });
    this.pages.render(response, 'notifications', notificationsViewModel(result));
  }

  @Post(':id/read')
  async markRead(@CurrentActor() actor: Actor, @Param('id', pageId) id: string, @Query('page') page: unknown, @Res() response: Response): Promise<void> {
    await this.notifications.markRead(actor, id);
    const number = pageNumber(page);
    this.pages.redirect(response, number > 1 ? `/notifications?page=${number}` : '/notifications');
  }

  @Post('read-all')
  async markAllRead(@CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    await this.notifications.markAllRead(actor);
    this.pages.redirect(response, '/notifications');
  }
}
