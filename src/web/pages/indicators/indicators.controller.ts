import { Body, ForbiddenException, Get, HttpStatus, Inject, Logger, NotFoundException, Param, PipeTransform, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccessPolicy } from '../../../accounts/access-policy.service';
import { managesIndicators } from '../../../accounts/reach/reach';
import { Clock } from '../../../common/clock';
import { FieldValidationException } from '../../../common/validation';
import { ChartRenderer, chartTextAlternative, RenderedChart } from '../../../indicators/charts';
import { defaultReportMonth, formatMonthLong, isMonth, Month, monthOfDate, UNIT_LABELS } from '../../../indicators/domain';
import { EnterValueDto, IndicatorListQuery, ValueListQuery } from '../../../indicators/dto/indicator.dto';
import { IndicatorValuesService } from '../../../indicators/indicator-values.service';
import type { IndicatorView, ValueView } from '../../../indicators/indicator-views';
import { IndicatorsService } from '../../../indicators/indicators.service';
import { PriorityJudgementsService } from '../../../indicators/priority-judgements.service';
import { PlansService } from '../../../plans/plans.service';
import { dtoProblems, FormErrors, noErrors, oneError } from '../../forms';
import { pageId, PageController } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import { chartOnPage, indicatorPageViewModel, indicatorPath, indicatorsPageViewModel, indicatorSummary, IndicatorSummary, valuePath } from './indicators.view-model';
import { pageMonthOf } from './priority-judgement';
import { enterValueInput, hasFraction as unitHasFraction, STATUS_CHOICES, valueHistoryRows, ValueEntries, valueEntriesFrom, valueEntriesOf, valueErrors } from './value-form';
import { formVersionOf, isStaleVersion, problemsOf } from '../admin/admin-forms';

/** Banners on an indicator's page, chosen by a fixed key in the address (never its text). */
const DONE: Record<string, string> = {
  entered: 'The value is saved.',
  created: 'The indicator is set up.',
  changed: 'The indicator is changed.',
};

/** A month in a page's address: anything else names no page (the 404 page, as for an id that is not a UUID). */
class PageMonthPipe implements PipeTransform<string, Month> {
  transform(value: string): Month {
    if (!isMonth(value)) throw new NotFoundException();
    return value;
  }
}
const pageMonth = new PageMonthPipe();

/**
 * A plan's performance indicators (issue 13) in the browser: the list by
 * priority, an indicator with its months, and entering a month's value. Every
 * read and write goes through IndicatorsService and IndicatorValuesService,
 * whose reach rules decide: an indicator outside a person's reach is the 404
 * page, a value they may not enter the API's 403.
 */
@PageController('plans/:planId/indicators')
export class IndicatorPagesController {
  private readonly logger = new Logger('IndicatorPages');

  constructor(
    private readonly indicators: IndicatorsService,
    private readonly values: IndicatorValuesService,
    private readonly judgements: PriorityJudgementsService,
    private readonly plans: PlansService,
    private readonly charts: ChartRenderer,
    private readonly access: AccessPolicy,
    private readonly pages: PageRenderer,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Param('planId', pageId) planId: string, @Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const views = await this.allOfPlan(planId);
    const [tree, settings, wholePlan, values] = await Promise.all([
      this.plans.tree(planId),
      this.indicators.settings(planId),
      this.access.readsWholePlan(planId),
      // Every indicator's values in one read, not one (and a reach check) each.
      this.values.listMany(views.map((view) => view.id)),
    ]);
    const thisMonth = this.thisMonth();
    // The board's month: the one asked for, or the month the next performance report covers (its own default).
    const nextReport = defaultReportMonth(this.clock.today());
    const asked = pageMonthOf(query.month, thisMonth, nextReport);
    const judged = await this.judgements.ofPlan(planId, tree.sections.map((s) => s.id), asked.month);
    const summaries: IndicatorSummary[] = views.map((view, index) => indicatorSummary(view, values.get(view.id) ?? [], settings.tolerance, thisMonth, `chart-${index + 1}`));
    const drawn = await this.draw(summaries);
    const model = indicatorsPageViewModel({
      plan: { id: planId, title: tree.title },
      sectionOrder: tree.sections.map((s) => s.id),
      summaries,
      charts: drawn,
      chartTexts: new Map(summaries.map((s) => [s.chart.key, chartTextAlternative(s.chart.input)])),
      manage: await this.manages(),
      wholePlan,
      board: judged && {
        month: asked.month,
        thisMonth,
        nextReport,
        error: asked.error,
        recordedBy: judged.recordedBy,
        sections: tree.sections.map((s) => ({ id: s.id, title: s.title })),
        narratives: judged.narratives,
        ratings: judged.ratings,
        judge: judged.judge,
      },
    });
    this.pages.render(response, 'indicators/list', { ...model, errors: judged && asked.error ? oneError('month', asked.error) : noErrors() });
  }

  @Get(':indicatorId')
  async show(@Param('planId', pageId) planId: string, @Param('indicatorId', pageId) indicatorId: string, @Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const model = await this.indicatorModel(planId, indicatorId);
    const done = typeof query.done === 'string' ? (DONE[query.done] ?? null) : null;
    const month = typeof query.month === 'string' && isMonth(query.month) ? query.month : null;
    this.pages.render(response, 'indicators/indicator', { ...model, done: done && query.done === 'entered' && month ? `The ${formatMonthLong(month)} value is saved.` : done });
  }

  @Get(':indicatorId/values/:month')
  async valueForm(@Param('planId', pageId) planId: string, @Param('indicatorId', pageId) indicatorId: string, @Param('month', pageMonth) month: Month, @Res() response: Response): Promise<void> {
    const indicator = await this.indicatorOf(planId, indicatorId);
    const current = await this.currentValue(indicatorId, month);
    this.refuseUnlessEnters(indicator);
    await this.renderValueForm(response, indicator, month, valueEntriesOf(current), noErrors(), current?.version ?? 0);
  }

  @Post(':indicatorId/values/:month')
  async enterValue(
    @Param('planId', pageId) planId: string,
    @Param('indicatorId', pageId) indicatorId: string,
    @Param('month', pageMonth) month: Month,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const indicator = await this.indicatorOf(planId, indicatorId);
    this.refuseUnlessEnters(indicator);
    const entries = valueEntriesFrom(body);
    const version = formVersionOf(body);
    const again = (errors: FormErrors) => this.renderValueForm(response, indicator, month, entries, errors, version, HttpStatus.BAD_REQUEST);
    const { value, problems } = dtoProblems(EnterValueDto, enterValueInput(entries, version));
    if (Object.keys(problems).length) return again(valueErrors(problems));
    try {
      await this.values.enter(indicatorId, month, value);
    } catch (error) {
      if (error instanceof FieldValidationException) return again(valueErrors(problemsOf(error)));
      if (isStaleVersion(error)) {
        // Someone entered or corrected the month meanwhile: nothing saved; the page shows theirs and keeps this person's, on the current version.
        const current = await this.currentValue(indicatorId, month);
        return this.renderValueForm(response, indicator, month, entries, noErrors(), current?.version ?? 0, HttpStatus.CONFLICT, current ? valueConflict(current, entries, indicator) : null);
      }
      throw error;
    }
    this.pages.redirect(response, `${indicatorPath(planId, indicatorId)}?done=entered&month=${month}`);
  }

  private async renderValueForm(response: Response, indicator: IndicatorView, month: Month, entries: ValueEntries, errors: FormErrors, version: number, status: number = HttpStatus.OK, conflict: object | null = null): Promise<void> {
    // What was entered for the month and each correction: a correction keeps the earlier value in the record, and the form says so.
    const { versions } = await this.values.history(indicator.id, month);
    this.pages.render(
      response,
      'indicators/value',
      {
        indicator: { id: indicator.id, title: indicator.title, href: indicatorPath(indicator.planId, indicator.id), unit: UNIT_LABELS[indicator.unit], fraction: unitHasFraction(indicator.unit) },
        month: { value: month, label: formatMonthLong(month), action: valuePath(indicator.planId, indicator.id, month) },
        entries,
        version,
        errors,
        conflict,
        statusChoices: STATUS_CHOICES.map((choice) => ({ ...choice, checked: choice.value === entries.status })),
        history: valueHistoryRows(versions, indicator.unit),
      },
      status,
    );
  }

  /** The indicator, when it is in the person's reach (the service's 404 otherwise) and under this plan's address. */
  private async indicatorOf(planId: string, indicatorId: string): Promise<IndicatorView> {
    const indicator = await this.indicators.get(indicatorId);
    if (indicator.planId !== planId) throw new NotFoundException();
    return indicator;
  }

  /** The page shows the form only to those the service would take the value from: the same refusal as the API's. */
  private refuseUnlessEnters(indicator: IndicatorView): void {
    if (!indicator.can.enterValues) {
      throw new ForbiddenException("An indicator's values are entered by its owner, the service heads of the agencies that lead it, and admins");
    }
  }

  private async indicatorModel(planId: string, indicatorId: string) {
    const indicator = await this.indicatorOf(planId, indicatorId);
    const [values, settings] = await Promise.all([this.valuesOf(indicatorId), this.indicators.settings(planId)]);
    const thisMonth = this.thisMonth();
    const summary = indicatorSummary(indicator, values, settings.tolerance, thisMonth, 'chart-1');
    const drawn = (await this.draw([summary])).get(summary.chart.key);
    const chart = chartOnPage(summary.chart.key, summary.title, drawn, chartTextAlternative(summary.chart.input));
    const plan = await this.plans.tree(planId);
    return { ...indicatorPageViewModel({ indicator, summary, values, planTolerance: settings.tolerance, thisMonth, chart }), plan: { id: planId, title: plan.title } };
  }

  private async allOfPlan(planId: string): Promise<IndicatorView[]> {
    const all: IndicatorView[] = [];
    for (let page = 1; ; page += 1) {
      const result = await this.indicators.list(Object.assign(new IndicatorListQuery(), { planId, page, pageSize: 100 }));
      all.push(...result.items);
      if (result.items.length === 0 || all.length >= result.total) return all;
    }
  }

  /** The last two years of values: a year shown, and the same months a year before for the direction of travel. */
  private async valuesOf(indicatorId: string): Promise<ValueView[]> {
    return (await this.values.list(indicatorId, Object.assign(new ValueListQuery(), {}))).items;
  }

  private async currentValue(indicatorId: string, month: Month): Promise<ValueView | null> {
    const { items } = await this.values.list(indicatorId, Object.assign(new ValueListQuery(), { from: month, to: month }));
    return items[0] ?? null;
  }

  /** Each chart through the app's one renderer; one that cannot be drawn leaves its sentence, which says the same. */
  private async draw(summaries: readonly IndicatorSummary[]): Promise<Map<string, RenderedChart>> {
    const drawn = new Map<string, RenderedChart>();
    // One after another: each chart's time limit runs from when it is asked for, so asking for forty at once
    // behind one worker would time the last ones out (and a time-out restarts the worker for everyone).
    for (const summary of summaries) {
      try {
        drawn.set(summary.chart.key, await this.charts.renderIndicator(summary.chart.input, `${summary.chart.key}-`));
      } catch (error) {
        this.logger.warn(`A chart could not be drawn (${summary.id}): ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return drawn;
  }

  /** Whether to offer "Add an indicator": what the reach model says of setting indicators up (the admin pages and the API refuse others anyway). */
  private async manages(): Promise<boolean> {
    return managesIndicators(await this.access.reach());
  }

  private thisMonth(): Month {
    return monthOfDate(this.clock.today());
  }
}

/** The conflict partial's rows: what is saved now for the month against what this person entered. */
function valueConflict(current: ValueView, entries: ValueEntries, indicator: IndicatorView) {
  const figure = (n: number | null) => (n === null ? '' : String(n));
  const rows = [
    { label: 'Value', now: current.notAvailable ? 'N/A' : figure(current.value), yours: entries.notAvailable ? 'N/A' : entries.value },
    ...(unitHasFraction(indicator.unit)
      ? [
          { label: 'Numerator', now: figure(current.numerator), yours: entries.numerator },
          { label: 'Denominator', now: figure(current.denominator), yours: entries.denominator },
        ]
      : []),
    { label: 'Provisional or final', now: current.status ?? '', yours: entries.status },
    { label: 'Note', now: current.note ?? '', yours: entries.note },
  ];
  return {
    what: `${current.enteredBy?.name ?? 'Someone else'} entered a value for the month after you opened the form.`,
    differences: rows.filter((row) => row.now.trim() !== row.yours.trim()),
    action: 'send it again to correct their value with yours',
    startAgain: valuePath(indicator.planId, indicator.id, current.month as Month),
  };
}
