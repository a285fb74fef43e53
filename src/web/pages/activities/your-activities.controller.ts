import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccessPolicy } from '../../../accounts/access-policy.service';
import { text } from '../../forms';
import { PageController, pageNumber } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import { ActivityPagesReader } from './activity-pages.reader';
import { yourActivitiesViewModel } from './your-activities.view-model';

/**
 * "Your activities", the service heads' and partner leads' home: every
 * activity within their reach (what their agencies lead, divisions included,
 * and what they own) as of today, the work that needs them first.
 */
@PageController('your-activities')
export class YourActivitiesController {
  constructor(
    private readonly reader: ActivityPagesReader,
    private readonly access: AccessPolicy,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(@Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const asOf = this.reader.today();
    const [{ rated, calendar }, reach] = await Promise.all([this.reader.rated(asOf), this.access.reach()]);
    const filter = { planId: text(query.planId), status: text(query.status), rag: text(query.rag) };
    // Admins, chairs and viewers reach whole plans: the list is then every activity in them, and says so.
    const wholePlans = reach.everything || reach.readsPlans.size > 0;
    this.pages.render(response, 'activities/your-activities', { ...yourActivitiesViewModel(rated, asOf, calendar, filter, pageNumber(query.page)), wholePlans });
  }
}
