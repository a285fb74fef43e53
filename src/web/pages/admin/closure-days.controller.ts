import { Body, Get, HttpStatus, Inject, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../../../accounts/roles';
import { Clock } from '../../../common/clock';
import { FieldValidationException } from '../../../common/validation';
import { isCalendarDate } from '../../../deadlines';
import { CreateClosureDayDto } from '../../../deadlines/closure-days.dto';
import { ClosureDaysService } from '../../../deadlines/closure-days.service';
import { FieldWording, formErrors, hasErrors, noErrors, text, validateForm } from '../../forms';
import { PageController } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import { dateFromParts, dateInputValue, problemsOf, withDateProblems } from './admin-forms';

const WORDING: Record<string, FieldWording> = {
  date: { label: 'Date', id: 'date-day', empty: 'Enter the date the council is closed', invalid: 'The date must be a real date' },
  description: { label: 'Reason', empty: 'Enter why the council is closed, for example Christmas closure' },
};

const DONE: Record<string, string> = {
  added: 'The closure day has been added. Deadlines that fell on it or were counted across it have moved to a later working day.',
  removed: 'The closure day has been removed. Deadlines that were moved past it have moved back.',
};

/** The council's closure days, through the API's ClosureDaysService: adding or removing one moves deadlines, and the pages say so. */
@PageController('admin/closure-days')
@Roles('admin')
export class AdminClosureDaysController {
  constructor(
    private readonly closureDays: ClosureDaysService,
    private readonly pages: PageRenderer,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Query('done') done: unknown, @Res() response: Response): Promise<void> {
    const today = this.clock.today();
    const days = (await this.closureDays.list()).map((day) => ({ date: day.date, description: day.description }));
    this.pages.render(response, 'admin/closure-days/index', {
      upcoming: days.filter((day) => day.date >= today),
      past: days.filter((day) => day.date < today).reverse(),
      done: typeof done === 'string' ? (DONE[done] ?? null) : null,
    });
  }

  @Get('new')
  form(@Res() response: Response): void {
    this.pages.render(response, 'admin/closure-days/new', { values: { date: { day: '', month: '', year: '' }, description: '' }, errors: noErrors() });
  }

  @Post('new')
  async add(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const date = dateFromParts(body, 'date', 'The date');
    const input = { date: dateInputValue(date) ?? '', description: text(body.description).trim() };
    const { value, errors } = validateForm(CreateClosureDayDto, input, WORDING);
    withDateProblems(errors, [['date-day', date]]);
    const again = (errs: typeof errors) => this.pages.render(response, 'admin/closure-days/new', { values: { date: date.parts, description: input.description }, errors: errs }, HttpStatus.BAD_REQUEST);
    if (hasErrors(errors)) return again(errors);
    try {
      await this.closureDays.add(value);
    } catch (error) {
      if (error instanceof FieldValidationException) return again(formErrors(problemsOf(error), input, { ...WORDING, date: { label: 'The date', id: 'date-day' } }));
      throw error;
    }
    this.pages.redirect(response, '/admin/closure-days?done=added');
  }

  @Get(':date/remove')
  async confirmRemove(@Param('date') date: string, @Res() response: Response): Promise<void> {
    this.pages.render(response, 'admin/closure-days/remove', { day: await this.existing(date) });
  }

  @Post(':date/remove')
  async remove(@Param('date') date: string, @Res() response: Response): Promise<void> {
    await this.closureDays.remove((await this.existing(date)).date);
    this.pages.redirect(response, '/admin/closure-days?done=removed');
  }

  /** A date in the address that is not a closure day (or not a date) names nothing: the 404 page. */
  private async existing(date: string): Promise<{ date: string; description: string }> {
    if (!isCalendarDate(date)) throw new NotFoundException();
    const day = (await this.closureDays.list()).find((candidate) => candidate.date === date);
    if (!day) throw new NotFoundException();
    return { date: day.date, description: day.description };
  }
}
