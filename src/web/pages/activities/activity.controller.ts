import { Body, ConflictException, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { FieldValidationException } from '../../../common/validation';
import { CreateProgressUpdateDto, RagOverrideDto, VerifyActivityDto } from '../../../progress/progress.dto';
import { ProgressService } from '../../../progress/progress.service';
import { RAG_RATINGS } from '../../../progress/rag';
import { RAG_LABELS } from '../../../progress/standing';
import { datePartsFrom, DateParts, readDateInput } from '../../date-input';
import { addError, dtoProblems, FormErrors, noErrors, text } from '../../forms';
import { pageId, PageController } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import { statusTag } from '../../standing-words';
import { ActivityPagesReader } from './activity-pages.reader';
import { activityLinks, activityPageViewModel, LoadedStanding, loadedStandingFrom, loadedStandingOf, whatChanged } from './activity.view-model';
import { progressErrors, progressReportOf, STATUS_CHOICES, UpdateEntries, updateEntriesFrom } from './progress-form';
import { formVersionOf, isStaleVersion, problemsOf } from '../admin/admin-forms';

/** Banners on the activity page after the chair acts, chosen by a fixed key in the address (never its text). */
const DONE: Record<string, string> = {
  verified: 'The activity is verified. The evidence you checked is on its record.',
  overridden: 'The rating is overridden. The board sees your rating, with your reason, until the date you gave.',
  'override-cleared': 'The override is withdrawn. The rating the rules give shows again.',
};

/** The rating radios: the word, and what the board reads it as. */
const RATING_CHOICES = RAG_RATINGS.map((value) => ({
  value,
  text: RAG_LABELS[value],
  hint: {
    text: {
      red: 'Off track: the board will challenge the owner.',
      amber: 'At risk: behind or close to its deadline.',
      green: 'On track.',
      blue: 'Complete.',
    }[value],
  },
}));

type FormKind = 'update' | 'verify' | 'override' | 'clear';

interface OverrideEntries {
  rating: string;
  reason: string;
  expiresOn: DateParts;
  /** The boxes of the date to mark in error. */
  dateErrors?: Array<keyof DateParts>;
}

/**
 * The activity page (the address reminder emails link to) and what can be
 * done there: report progress (a question page, then a confirmation), and
 * for the plan's chair, verify complete work and override its rating. Each
 * form carries the activity's version; a form someone else overtook gets the
 * conflict page, showing what changed and keeping what the person entered.
 */
@PageController('plans/:planId/activities/:activityId')
export class ActivityController {
  constructor(
    private readonly reader: ActivityPagesReader,
    private readonly progress: ProgressService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async show(@Param('planId', pageId) planId: string, @Param('activityId', pageId) activityId: string, @Query('done') done: unknown, @Res() response: Response): Promise<void> {
    const model = activityPageViewModel(await this.reader.page(planId, activityId));
    this.pages.render(response, 'activities/activity', { ...model, done: typeof done === 'string' ? (DONE[done] ?? null) : null });
  }

  @Get('update')
  async updateForm(@Param('planId', pageId) planId: string, @Param('activityId', pageId) activityId: string, @Res() response: Response): Promise<void> {
    const { activity } = await this.reader.activityInPlan(planId, activityId);
    await this.reader.assertMayUpdate(activityId);
    const entries: UpdateEntries = { status: activity.status, percentComplete: '', note: '', evidenceLinks: '' };
    this.pages.render(response, 'activities/update', await this.updateModel(planId, activityId, entries, noErrors()));
  }

  @Post('update')
  async update(@Param('planId', pageId) planId: string, @Param('activityId', pageId) activityId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    await this.reader.activityInPlan(planId, activityId);
    await this.reader.assertMayUpdate(activityId);
    const entries = updateEntriesFrom(body);
    const loaded = loadedStandingFrom(body);
    const report = progressReportOf(entries, loaded.status, formVersionOf(body));
    const again = async (errors: FormErrors) =>
      this.pages.render(response, 'activities/update', await this.updateModel(planId, activityId, entries, errors, { loaded, version: formVersionOf(body), openedAt: text(body.openedAt) }), HttpStatus.BAD_REQUEST);
    const { value, problems } = dtoProblems(CreateProgressUpdateDto, report);
    if (Object.keys(problems).length) return again(progressErrors(problems, report));
    try {
      await this.progress.addUpdate(activityId, value);
    } catch (error) {
      if (isStaleVersion(error)) return this.conflict(response, planId, activityId, 'update', body, { update: entries });
      if (error instanceof FieldValidationException) return again(progressErrors(problemsOf(error), report));
      throw error;
    }
    this.pages.redirect(response, activityLinks(planId, activityId).updated);
  }

  /** The confirmation: the activity's standing and rating now, after the update. */
  @Get('updated')
  async updated(@Param('planId', pageId) planId: string, @Param('activityId', pageId) activityId: string, @Res() response: Response): Promise<void> {
    const model = activityPageViewModel(await this.reader.page(planId, activityId));
    this.pages.render(response, 'activities/updated', model);
  }

  @Get('verify')
  async verifyForm(@Param('planId', pageId) planId: string, @Param('activityId', pageId) activityId: string, @Res() response: Response): Promise<void> {
    await this.reader.activityInPlan(planId, activityId);
    await this.reader.assertChairOf(planId, 'verify activities');
    this.pages.render(response, 'activities/verify', await this.chairModel(planId, activityId, { note: '' }, noErrors()));
  }

  @Post('verify')
  async verify(@Param('planId', pageId) planId: string, @Param('activityId', pageId) activityId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    await this.reader.activityInPlan(planId, activityId);
    await this.reader.assertChairOf(planId, 'verify activities');
    const entries = { note: text(body.note) };
    const again = async (errors: FormErrors, status: number = HttpStatus.BAD_REQUEST) => {
      const model = await this.chairModel(planId, activityId, entries, errors, { loaded: loadedStandingFrom(body), version: formVersionOf(body), openedAt: text(body.openedAt) });
      // Not complete, or verified already: the page says there is nothing to verify and shows no form, so no
      // error about the form's fields either (its summary would link to a box that is not there).
      if (!model.canVerify) return this.pages.render(response, 'activities/verify', { ...model, errors: noErrors() }, HttpStatus.CONFLICT);
      this.pages.render(response, 'activities/verify', model, status);
    };
    const { value, problems } = dtoProblems(VerifyActivityDto, { note: entries.note, version: formVersionOf(body) });
    if (Object.keys(problems).length) return again(verifyErrors(problems));
    try {
      await this.progress.verify(activityId, value);
    } catch (error) {
      if (isStaleVersion(error)) return this.conflict(response, planId, activityId, 'verify', body, entries);
      // Not complete (any more): the page says so instead of a form.
      if (error instanceof ConflictException) return again(noErrors(), HttpStatus.CONFLICT);
      if (error instanceof FieldValidationException) return again(verifyErrors(problemsOf(error)));
      throw error;
    }
    this.pages.redirect(response, `${activityLinks(planId, activityId).self}?done=verified`);
  }

  @Get('override')
  async overrideForm(@Param('planId', pageId) planId: string, @Param('activityId', pageId) activityId: string, @Res() response: Response): Promise<void> {
    await this.reader.activityInPlan(planId, activityId);
    await this.reader.assertChairOf(planId, 'override a rating');
    const entries: OverrideEntries = { rating: '', reason: '', expiresOn: { day: '', month: '', year: '' } };
    this.pages.render(response, 'activities/override', await this.chairModel(planId, activityId, { overrideEntries: entries }, noErrors()));
  }

  @Post('override')
  async override(@Param('planId', pageId) planId: string, @Param('activityId', pageId) activityId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    await this.reader.activityInPlan(planId, activityId);
    await this.reader.assertChairOf(planId, 'override a rating');
    const entries: OverrideEntries = { rating: text(body.rating), reason: text(body.reason), expiresOn: datePartsFrom(body, 'expiresOn') };
    const again = async (errors: FormErrors) =>
      this.pages.render(
        response,
        'activities/override',
        await this.chairModel(planId, activityId, { overrideEntries: entries }, errors, { loaded: loadedStandingFrom(body), version: formVersionOf(body), openedAt: text(body.openedAt) }),
        HttpStatus.BAD_REQUEST,
      );
    const date = readDateInput(entries.expiresOn, 'The date the override ends');
    entries.dateErrors = date.kind === 'problem' ? date.parts : date.kind === 'empty' ? ['day', 'month', 'year'] : [];
    const input = { rating: entries.rating || undefined, reason: entries.reason, expiresOn: date.kind === 'date' ? date.date : undefined, version: formVersionOf(body) };
    const { value, problems } = dtoProblems(RagOverrideDto, input);
    const errors = overrideErrors(problems, date);
    if (problems.expiresOn && date.kind === 'date') entries.dateErrors = ['day', 'month', 'year'];
    if (errors.summary.length) return again(errors);
    try {
      await this.progress.setOverride(activityId, value);
    } catch (error) {
      if (isStaleVersion(error)) return this.conflict(response, planId, activityId, 'override', body, { overrideEntries: entries });
      if (error instanceof FieldValidationException) {
        entries.dateErrors = ['day', 'month', 'year'];
        return again(overrideErrors(problemsOf(error), date));
      }
      throw error;
    }
    this.pages.redirect(response, `${activityLinks(planId, activityId).self}?done=overridden`);
  }

  @Post('override/clear')
  async clearOverride(@Param('planId', pageId) planId: string, @Param('activityId', pageId) activityId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    await this.reader.activityInPlan(planId, activityId);
    try {
      await this.progress.clearOverride(activityId, formVersionOf(body));
    } catch (error) {
      if (isStaleVersion(error)) return this.conflict(response, planId, activityId, 'clear', body, {});
      throw error;
    }
    this.pages.redirect(response, `${activityLinks(planId, activityId).self}?done=override-cleared`);
  }

  /**
   * Someone changed the activity after this person opened the form: nothing
   * is saved; the page shows what changed and who reported meanwhile, and
   * the form again with their entries and the current version, to resend.
   */
  private async conflict(response: Response, planId: string, activityId: string, kind: FormKind, body: Record<string, unknown>, entries: Record<string, unknown>): Promise<void> {
    const { activity } = await this.reader.activityInPlan(planId, activityId);
    const opened = new Date(text(body.openedAt));
    const since = await this.reader.updatesSince(activityId, Number.isNaN(opened.getTime()) ? null : opened);
    const model = kind === 'update' ? await this.updateModel(planId, activityId, entries.update as UpdateEntries, noErrors()) : await this.chairModel(planId, activityId, entries, noErrors());
    this.pages.render(
      response,
      'activities/conflict',
      {
        ...model,
        kind,
        changes: whatChanged(loadedStandingFrom(body), activity).map((change) => [{ text: change.field }, { text: change.then }, { text: change.now }]),
        updatesSince: since.map((update) => ({
          at: update.createdAt,
          who: update.author?.name ?? 'A former user',
          status: statusTag(update.status, update.percentComplete, false),
          note: update.note,
        })),
      },
      HttpStatus.CONFLICT,
    );
  }

  private async updateModel(planId: string, activityId: string, entries: UpdateEntries, errors: FormErrors, kept?: { loaded: LoadedStanding; version: number; openedAt: string }) {
    const base = await this.chairModel(planId, activityId, {}, errors, kept);
    return {
      ...base,
      update: entries,
      statusChoices: STATUS_CHOICES.map((choice) => ({ ...choice, checked: choice.value === entries.status })),
    };
  }

  /** What every form on the activity shows: the activity, its standing now, and the hidden fields that detect a stale form. */
  private async chairModel(planId: string, activityId: string, entries: Record<string, unknown>, errors: FormErrors, kept?: { loaded: LoadedStanding; version: number; openedAt: string }) {
    const input = await this.reader.page(planId, activityId);
    const override = entries.overrideEntries as OverrideEntries | undefined;
    return {
      ...activityPageViewModel(input),
      ...entries,
      errors,
      ratingChoices: RATING_CHOICES.map((choice) => ({ ...choice, checked: choice.value === override?.rating })),
      canVerify: input.activity.status === 'complete' && !input.activity.verification,
      form: kept ?? { loaded: loadedStandingOf(input.activity), version: input.activity.version, openedAt: this.reader.now().toISOString() },
    };
  }
}

function verifyErrors(problems: Record<string, string>): FormErrors {
  const errors = noErrors();
  if (problems.note) addError(errors, 'note', problems.note.includes('shorter than or equal') ? 'What you checked must be 5,000 characters or fewer' : 'Enter what evidence you checked');
  if (problems.version) addError(errors, 'note', 'The form could not be read. Open the activity again and verify it from there.');
  return errors;
}

/** The date input's own problem first (its boxes), then the API's refusals, in the form's order. */
function overrideErrors(problems: Record<string, string>, date: ReturnType<typeof readDateInput>): FormErrors {
  const errors = noErrors();
  if (problems.rating) addError(errors, 'rating', 'Select the rating the board should see');
  if (problems.reason) addError(errors, 'reason', problems.reason.includes('shorter than or equal') ? 'The reason must be 2,000 characters or fewer' : 'Enter why you are overriding the rating');
  if (date.kind === 'empty') addError(errors, 'expiresOn-day', 'Enter the date the override ends');
  else if (date.kind === 'problem') addError(errors, `expiresOn-${date.parts[0]}`, date.message);
  else if (problems.expiresOn) {
    addError(errors, 'expiresOn-day', problems.expiresOn.includes('today or later') ? 'The date the override ends must be today or in the future' : 'The date the override ends must be a real date');
  }
  if (problems.version) addError(errors, 'rating', 'The form could not be read. Open the activity again and override the rating from there.');
  return errors;
}
