import { Get, HttpStatus, NotFoundException, Param, Post, Query, Res, ServiceUnavailableException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { isUUID } from 'class-validator';
import type { Response } from 'express';
import { UserListQuery } from '../../../accounts/dto/user.dto';
import { Roles } from '../../../accounts/roles';
import { UsersService } from '../../../accounts/users.service';
import { PlanListQuery } from '../../../plans/dto/plan.dto';
import { PlansService } from '../../../plans/plans.service';
import { QueueRegistry } from '../../../queue/queue-registry';
import { ReminderPlanner } from '../../../reminders/reminder-planner.service';
import { REMINDER_QUEUE, RemindersService } from '../../../reminders/reminders.service';
import { text } from '../../forms';
import { PageController } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import { everyPage, reasonOf } from './admin-forms';

/** A Bull job id as the reminder queue makes them: "digest:<person>:<day>", or a number. */
const JOB_ID = /^[\w:.-]{1,200}$/;

/**
 * The reminder queue's digests that failed every retry (RemindersService,
 * as GET /api/admin/queues/failed), to look at and send again; and the
 * activities nobody hears about (ReminderPlanner.unheard, as GET
 * /api/admin/reminders/unheard). Without Redis, or while it is not
 * answering, the page says so plainly, with the API's 503.
 */
@PageController('admin')
@Roles('admin')
export class AdminRemindersController {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly queues: QueueRegistry,
    private readonly users: UsersService,
    private readonly plans: PlansService,
    private readonly pages: PageRenderer,
  ) {}

  /**
   * RemindersModule is registered once, with the configuration, by AppModule
   * (its queue depends on it); the pages use that same instance rather than
   * registering the module, its queue and its worker a second time. (Methods,
   * not getters: the page routes are read from the controller's prototype.)
   */
  private reminders(): RemindersService {
    return this.moduleRef.get(RemindersService, { strict: false });
  }

  private planner(): ReminderPlanner {
    return this.moduleRef.get(ReminderPlanner, { strict: false });
  }

  @Get('failed-reminders')
  async failed(@Query('done') done: unknown, @Res() response: Response): Promise<void> {
    let jobs: Awaited<ReturnType<RemindersService['failedJobs']>>;
    try {
      jobs = await this.reminders().failedJobs();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const off = !this.queues.get(REMINDER_QUEUE);
      this.pages.render(response, 'admin/reminders/failed', { queue: off ? 'off' : 'down', reason: reasonOf(error), jobs: [] }, HttpStatus.SERVICE_UNAVAILABLE);
      return;
    }
    const people = new Map((await this.allPeople()).map((person) => [person.id, person]));
    this.pages.render(response, 'admin/reminders/failed', {
      queue: 'on',
      done: done === 'retried' ? 'The email has been put back on the queue. It will be sent again shortly.' : null,
      jobs: jobs.map((job) => {
        const recipientId = typeof job.data.recipientId === 'string' ? job.data.recipientId : null;
        const person = recipientId ? people.get(recipientId) : undefined;
        return {
          id: job.id,
          // A batch of digests fails as a whole only when the database does (a refused email gets a job of its own).
          kind: job.name === 'digest' ? 'Reminder email' : job.name === 'digests' && Array.isArray(job.data.recipientIds) ? `Reminder emails for ${job.data.recipientIds.length} people` : job.name,
          person: person ? { id: person.id, name: person.name, email: person.email } : null,
          day: typeof job.data.digestDate === 'string' ? job.data.digestDate : null,
          attempts: job.attemptsMade,
          reason: job.failedReason,
          failedAt: job.finishedOn,
        };
      }),
    });
  }

  @Post('failed-reminders/:jobId/retry')
  async retry(@Param('jobId') jobId: string, @Res() response: Response): Promise<void> {
    if (!JOB_ID.test(jobId)) throw new NotFoundException();
    try {
      await this.reminders().retry(jobId);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      this.pages.render(response, 'admin/reminders/failed', { queue: this.queues.get(REMINDER_QUEUE) ? 'down' : 'off', reason: reasonOf(error), jobs: [] }, HttpStatus.SERVICE_UNAVAILABLE);
      return;
    }
    this.pages.redirect(response, '/admin/failed-reminders?done=retried');
  }

  @Get('unheard-activities')
  async unheard(@Query('planId') planId: unknown, @Res() response: Response): Promise<void> {
    const chosen = typeof planId === 'string' && isUUID(planId) ? planId : undefined;
    if (text(planId) && !chosen) throw new NotFoundException();
    const [entries, plans, people] = await Promise.all([this.planner().unheard(chosen), this.allPlans(), this.allPeople()]);
    const names = new Map(people.map((person) => [person.id, person.name]));
    this.pages.render(response, 'admin/reminders/unheard', {
      planId: chosen ?? '',
      plans: [{ value: '', text: 'All plans', selected: !chosen }, ...plans.map((plan) => ({ value: plan.id, text: plan.title, selected: plan.id === chosen }))],
      items: entries.map(({ row, via, people: heardBy }) => ({
        id: row.id,
        text: row.text,
        planId: row.planId,
        planTitle: row.planTitle,
        place: `${row.sectionTitle}, recommendation ${row.recommendationNumber}`,
        agencies: row.leadAgencies.map((agency) => agency.name).join('; '),
        heardBy: via === 'lead officer' ? `The plan’s lead officer, ${names.get(heardBy[0]) ?? 'someone no longer here'}` : 'Nobody: the plan has no lead officer',
        nobody: via === 'nobody',
      })),
    });
  }

  private allPeople() {
    return everyPage((page, pageSize) => this.users.list(Object.assign(new UserListQuery(), { page, pageSize })));
  }

  private allPlans() {
    return everyPage((page, pageSize) => this.plans.list(Object.assign(new PlanListQuery(), { page, pageSize })));
  }
}
