import { Body, ForbiddenException, Get, HttpStatus, Inject, NotFoundException, Param, PipeTransform, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Clock } from '../../../common/clock';
import { FieldValidationException } from '../../../common/validation';
import { compareMonths, formatMonthLong, isMonth, Month, monthOfDate, reportRecordDay } from '../../../indicators/domain';
import { NarrativeDto, PriorityRatingDto } from '../../../indicators/dto/indicator.dto';
import { PerformanceReportQuery } from '../../../indicators/dto/performance-report.dto';
import { PerformanceReportService } from '../../../indicators/performance-report.service';
import { PriorityJudgementsService } from '../../../indicators/priority-judgements.service';
import { PlansService } from '../../../plans/plans.service';
import { dtoProblems, FormErrors, noErrors } from '../../forms';
import { pageId, PageController } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import { indicatorsPath } from './indicators.view-model';
import {
  NARRATIVE_MAX,
  NarrativeEntries,
  narrativeConflictRows,
  narrativeEntriesFrom,
  narrativeEntriesOf,
  narrativeErrors,
  narrativeInput,
  priorityPath,
  RatingEntries,
  ratingChoices,
  ratingConflictRows,
  ratingEntriesFrom,
  ratingEntriesOf,
  ratingErrors,
  ratingInput,
  ratingWords,
  REASON_MAX,
  recordedNote,
  riskChoices,
  workedOutRag,
} from './priority-judgement';
import { formVersionOf, isStaleVersion, problemsOf } from '../admin/admin-forms';

/** A month in the address: anything else, or a month not yet begun (nothing can be written for it), names no page. */
class JudgedMonthPipe implements PipeTransform<string, Month> {
  transform(value: string): Month {
    if (!isMonth(value)) throw new NotFoundException();
    return value;
  }
}
const judgedMonth = new JudgedMonthPipe();

/** Banners after a save, chosen by a fixed key in the address (never its text). */
const DONE: Record<string, (month: string) => string> = {
  narrative: (month) => `The narratives for ${month} are saved.`,
  rating: (month) => `Your rating for ${month} is saved. The board sees it, with your reason, instead of the worked-out RAG.`,
  withdrawn: (month) => `Your rating for ${month} is withdrawn. The board sees the worked-out RAG again.`,
};

type Form = 'narrative' | 'rating' | 'withdraw';

interface PageState {
  narrative: NarrativeEntries;
  narrativeVersion: number;
  rating: RatingEntries;
  ratingVersion: number;
  errors: FormErrors;
  conflict: object | null;
  done: string | null;
}

type PriorityMonth = Awaited<ReturnType<PriorityJudgementsService['month']>>;

/** The page as the month stands saved (both forms on their current versions, no errors, no banner), with what this request changes. */
function savedState(judgement: PriorityMonth, changes: Partial<PageState> = {}): PageState {
  return {
    narrative: narrativeEntriesOf(judgement.narrative),
    narrativeVersion: judgement.narrative?.version ?? 0,
    rating: ratingEntriesOf(judgement.rating),
    ratingVersion: judgement.ratingVersion,
    errors: noErrors(),
    conflict: null,
    done: null,
    ...changes,
  };
}

/**
 * A priority's month for the board's performance report (issue 13): the
 * worked-out RAG with its reasons, "What the data tells us", "Actions / next
 * steps" and the chair's rating, written by the plan's chair and admins.
 * Every read and write goes through PriorityJudgementsService, as the API's
 * does: a priority outside a person's reach is the 404 page; someone who reads
 * the plan but may not judge it gets the API's 403. The two forms save apart,
 * as the API does (each its own version and transaction), so a refused rating
 * never leaves half a change.
 */
@PageController('plans/:planId/indicators/priorities/:sectionId/months/:month')
export class PriorityPagesController {
  constructor(
    private readonly judgements: PriorityJudgementsService,
    private readonly performance: PerformanceReportService,
    private readonly plans: PlansService,
    private readonly pages: PageRenderer,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  async show(@Param('planId', pageId) planId: string, @Param('sectionId', pageId) sectionId: string, @Param('month', judgedMonth) month: Month, @Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const judgement = await this.judged(planId, sectionId, month);
    const done = typeof query.done === 'string' && DONE[query.done] ? DONE[query.done](formatMonthLong(month)) : null;
    await this.render(response, planId, month, judgement, savedState(judgement, { done }));
  }

  @Post('narrative')
  async writeNarrative(
    @Param('planId', pageId) planId: string,
    @Param('sectionId', pageId) sectionId: string,
    @Param('month', judgedMonth) month: Month,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const judgement = await this.judged(planId, sectionId, month);
    const entries = narrativeEntriesFrom(body);
    const version = formVersionOf(body);
    // The rating form shows as saved: only the narratives were sent.
    const state = (errors: FormErrors): PageState => savedState(judgement, { narrative: entries, narrativeVersion: version, errors });
    const { value, problems } = dtoProblems(NarrativeDto, narrativeInput(entries, version));
    if (Object.keys(problems).length) return this.render(response, planId, month, judgement, state(narrativeErrors(problems)), HttpStatus.BAD_REQUEST);
    try {
      await this.judgements.writeNarrative(sectionId, month, value);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.render(response, planId, month, judgement, state(narrativeErrors(problemsOf(error))), HttpStatus.BAD_REQUEST);
      if (!isStaleVersion(error)) throw error;
      // Someone wrote the narratives meanwhile: nothing saved; theirs shown beside this person's, who may send theirs again on the current version.
      const now = await this.judgements.month(sectionId, month);
      const conflict = {
        what: `${now.narrative?.writtenBy?.name ?? 'Someone else'} saved the narratives for ${formatMonthLong(month)} after you opened this page.`,
        differences: narrativeConflictRows(now.narrative, entries),
        action: 'save the narratives again to keep what you wrote',
        startAgain: priorityPath(planId, sectionId, month),
      };
      return this.render(response, planId, month, now, savedState(now, { narrative: entries, conflict }), HttpStatus.CONFLICT, 'narrative');
    }
    this.pages.redirect(response, `${priorityPath(planId, sectionId, month)}?done=narrative`);
  }

  @Post('rating')
  async rate(
    @Param('planId', pageId) planId: string,
    @Param('sectionId', pageId) sectionId: string,
    @Param('month', judgedMonth) month: Month,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const judgement = await this.judged(planId, sectionId, month);
    const entries = ratingEntriesFrom(body);
    const version = formVersionOf(body);
    // The narratives' form shows as saved: only the rating was sent.
    const state = (errors: FormErrors): PageState => savedState(judgement, { rating: entries, ratingVersion: version, errors });
    const { value, problems } = dtoProblems(PriorityRatingDto, ratingInput(entries, version));
    if (Object.keys(problems).length) return this.render(response, planId, month, judgement, state(ratingErrors(problems)), HttpStatus.BAD_REQUEST);
    try {
      await this.judgements.rate(sectionId, month, value);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.render(response, planId, month, judgement, state(ratingErrors(problemsOf(error))), HttpStatus.BAD_REQUEST);
      if (!isStaleVersion(error)) throw error;
      return this.ratingConflict(response, planId, sectionId, month, entries, 'rating');
    }
    this.pages.redirect(response, `${priorityPath(planId, sectionId, month)}?done=rating`);
  }

  @Post('rating/withdraw')
  async withdraw(
    @Param('planId', pageId) planId: string,
    @Param('sectionId', pageId) sectionId: string,
    @Param('month', judgedMonth) month: Month,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const judgement = await this.judged(planId, sectionId, month);
    // No rating stands (withdrawn meanwhile), or a form that does not say which version it withdraws: nothing is withdrawn, and the page says what stands.
    if (!judgement.rating) return this.ratingConflict(response, planId, sectionId, month, { rating: '', riskLabel: '', reason: '' }, 'withdraw');
    try {
      await this.judgements.withdrawRating(sectionId, month, formVersionOf(body));
    } catch (error) {
      if (!isStaleVersion(error) && !(error instanceof NotFoundException)) throw error;
      return this.ratingConflict(response, planId, sectionId, month, { rating: '', riskLabel: '', reason: '' }, 'withdraw');
    }
    this.pages.redirect(response, `${priorityPath(planId, sectionId, month)}?done=withdrawn`);
  }

  /** Someone rated (or withdrew) meanwhile: nothing saved; what stands now beside what this person sent, the form on the current version. */
  private async ratingConflict(response: Response, planId: string, sectionId: string, month: Month, entries: RatingEntries, form: Form): Promise<void> {
    const now = await this.judgements.month(sectionId, month);
    const withdrawing = form === 'withdraw';
    const conflict = {
      what: now.rating
        ? `${now.rating.setBy?.name ?? 'Someone else'} rated this priority ${ratingWords(now.rating)} for ${formatMonthLong(month)} after you opened this page.`
        : `The chair’s rating for ${formatMonthLong(month)} was withdrawn after you opened this page.`,
      differences: withdrawing ? [] : ratingConflictRows(now.rating, entries),
      action: withdrawing ? (now.rating ? 'withdraw the rating again if it should not stand' : 'rate the priority again if the board should see a rating') : 'save your rating again to keep it',
      startAgain: priorityPath(planId, sectionId, month),
    };
    await this.render(response, planId, month, now, savedState(now, { ...(withdrawing ? {} : { rating: entries }), conflict }), HttpStatus.CONFLICT, 'rating');
  }

  /** The priority's month when it is in the person's reach, under this plan's address, and theirs to judge (the API's refusals otherwise). */
  private async judged(planId: string, sectionId: string, month: Month) {
    const judgement = await this.judgements.month(sectionId, month);
    if (judgement.planId !== planId) throw new NotFoundException();
    if (!judgement.can.judge) throw new ForbiddenException("A priority's narratives and rating are written by the chair of the plan's improvement board (and admins)");
    // A month not yet begun cannot be written (the API refuses it): no page for it.
    if (compareMonths(month, monthOfDate(this.clock.today())) > 0) throw new NotFoundException();
    return judgement;
  }

  private async render(
    response: Response,
    planId: string,
    month: Month,
    judgement: PriorityMonth,
    state: PageState,
    status: number = HttpStatus.OK,
    conflictAt: 'narrative' | 'rating' | null = null,
  ): Promise<void> {
    const [plan, input] = await Promise.all([this.plans.tree(planId), this.performance.input(planId, Object.assign(new PerformanceReportQuery(), { asOf: month })).catch(unworkable)]);
    const rag = 'problem' in input ? null : workedOutRag(input, judgement.sectionId);
    const monthLabel = formatMonthLong(month);
    const here = priorityPath(planId, judgement.sectionId, month);
    this.pages.render(
      response,
      'indicators/priority',
      {
        plan: { id: planId, title: plan.title, href: `/plans/${planId}` },
        indicatorsHref: `${indicatorsPath(planId)}?month=${month}`,
        priority: { id: judgement.sectionId, title: judgement.title },
        month: { value: month, label: monthLabel },
        actions: { narrative: `${here}/narrative`, rating: `${here}/rating`, withdraw: `${here}/rating/withdraw` },
        reportHref: `/plans/${planId}/performance-report?format=html&asOf=${month}`,
        rag,
        ragProblem: 'problem' in input ? input.problem : null,
        recorded: 'problem' in input ? null : (input.recorded ?? null),
        recordedNote: recordedNote(month, reportRecordDay(month, this.clock.today())),
        saved: judgement.rating ? { words: ratingWords(judgement.rating), reason: judgement.rating.reason, setBy: judgement.rating.setBy?.name ?? 'the chair', at: judgement.rating.recordedAt } : null,
        narrative: state.narrative,
        narrativeVersion: state.narrativeVersion,
        rating: state.rating,
        ratingVersion: state.ratingVersion,
        ratingChoices: ratingChoices(state.rating.rating),
        riskChoices: riskChoices(state.rating.riskLabel),
        limits: { narrative: NARRATIVE_MAX, reason: REASON_MAX },
        errors: state.errors,
        conflict: state.conflict,
        conflictAt,
        done: state.done,
        narrativeHistory: [...judgement.narrativeHistory].reverse().map((n) => ({ version: n.version, by: n.writtenBy?.name ?? 'Unknown', at: n.recordedAt, standing: n.supersededAt === null })),
        ratingHistory: [...judgement.ratingHistory].reverse().map((r) => ({
          version: r.version,
          words: r.rating ? ratingWords(r) : 'Withdrawn',
          reason: r.reason,
          by: r.setBy?.name ?? (r.fromImport ? 'An import' : 'Unknown'),
          at: r.recordedAt,
          standing: r.supersededAt === null,
        })),
      },
      status,
    );
  }
}

/** The report cannot rate the month (a year whose bank holidays are not known): the page says why, and the forms still work. */
function unworkable(error: unknown): { problem: string } {
  if (error instanceof FieldValidationException) {
    return { problem: `The RAG cannot be worked out for this month: it ${Object.values(problemsOf(error))[0] ?? 'cannot be rated'}.` };
  }
  throw error;
}
