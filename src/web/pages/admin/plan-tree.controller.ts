import { Body, Get, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UserListQuery } from '../../../accounts/dto/user.dto';
import { Roles } from '../../../accounts/roles';
import { UsersService } from '../../../accounts/users.service';
import { FieldValidationException } from '../../../common/validation';
import { ActivitiesService } from '../../../plans/activities.service';
import { CreateActivityDto, UpdateActivityDto } from '../../../plans/dto/activity.dto';
import { LeadAgencyListQuery } from '../../../plans/dto/lead-agency.dto';
import { CreateRecommendationDto, UpdateRecommendationDto } from '../../../plans/dto/recommendation.dto';
import { CreateSectionDto, UpdateSectionDto } from '../../../plans/dto/section.dto';
import { LeadAgenciesService } from '../../../plans/lead-agencies.service';
import type { PlanTreeView } from '../../../plans/plan-tree.reader';
import { PlansService } from '../../../plans/plans.service';
import { RecommendationsService } from '../../../plans/recommendations.service';
import { SectionsService } from '../../../plans/sections.service';
import { FieldWording, formErrors, FormErrors, hasErrors, noErrors, oneError, text, validateForm } from '../../forms';
import { pageId, PageController } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import {
  ACTIVITY_STATUS_NAMES,
  BAND_NAMES,
  choices,
  collapseIndexed,
  dateFromParts,
  DateField,
  dateInputValue,
  datePartsOf,
  Difference,
  differences,
  everyPage,
  isStaleVersion,
  labelsOnly,
  linesOf,
  listOf,
  optionalText,
  problemsOf,
  versionOf,
  withDateProblems,
} from './admin-forms';
import { Located, locate, positionChoices } from './plans.view-model';

type Section = PlanTreeView['sections'][number];
type Recommendation = Section['recommendations'][number];
type Activity = Recommendation['activities'][number];

const TABLE_WORDING: Record<string, FieldWording> = {
  title: { label: 'Title', empty: 'Enter the table’s title, for example Safeguarding' },
  sourceReference: { label: 'Ofsted paragraph' },
  position: { label: 'Position', invalid: 'Select where the table goes' },
};

const RECOMMENDATION_WORDING: Record<string, FieldWording> = {
  number: { label: 'Number', empty: 'Enter the recommendation’s number', invalid: 'The number must be a whole number from 1, like 3' },
  text: { label: 'Recommendation', empty: 'Enter the recommendation, as Ofsted wrote it' },
  sourceReference: { label: 'Ofsted paragraph' },
  band: { label: 'Timescale', id: 'band', empty: 'Select when it is due', invalid: 'Select when it is due' },
  targetDate: { label: 'The date it is due by', id: 'targetDate-day', empty: 'Enter the date it is due by', invalid: 'The date it is due by must be a real date' },
  dueDateOverride: { label: 'Its own due date', id: 'dueDateOverride-day', invalid: 'Its own due date must be a real date' },
};

const ACTIVITY_WORDING: Record<string, FieldWording> = {
  text: { label: 'Activity', empty: 'Enter the activity to be delivered' },
  outcomeMeasures: { label: 'Outcome measure' },
  costText: { label: 'Cost' },
  leadAgencyIds: { label: 'Lead agencies', invalid: 'Select lead agencies from the list' },
  leadAgencyText: { label: 'Lead agencies as the plan prints them' },
  ownerId: { label: 'Owner', invalid: 'Select the owner from the list' },
  dueDate: { label: 'Its own due date', id: 'dueDate-day', invalid: 'Its own due date must be a real date, or a month and year' },
  status: { label: 'Status', invalid: 'Select the activity’s status' },
  position: { label: 'Position', invalid: 'Select where the activity goes' },
};

/** The service's reasons in the page's words, where they name API fields or the table by its title. */
function serviceWords(problem: string): string {
  if (/already has a recommendation \d+$/.test(problem)) return 'is already taken by another recommendation in this table';
  if (problem === 'is required when band is by_date') return 'must be given when it is due by a date';
  return problem;
}

/** What the plan page says after a change, by a fixed key in the address. */
const DONE_KEYS = ['table-added', 'table-changed', 'table-deleted', 'recommendation-added', 'recommendation-changed', 'recommendation-deleted', 'activity-added', 'activity-changed', 'activity-deleted'] as const;

/**
 * A plan's tables, recommendations and activities, through the API's
 * SectionsService, RecommendationsService and ActivitiesService: add, change,
 * move (a table or activity by its position, a recommendation by its number)
 * and delete, with the API's rules and versions. Every address names the plan,
 * and a row of another plan is the 404 page.
 */
@PageController('admin/plans/:planId')
@Roles('admin')
export class AdminPlanTreeController {
  constructor(
    private readonly plans: PlansService,
    private readonly sections: SectionsService,
    private readonly recommendations: RecommendationsService,
    private readonly activities: ActivitiesService,
    private readonly agencies: LeadAgenciesService,
    private readonly users: UsersService,
    private readonly pages: PageRenderer,
  ) {}

  // Tables

  @Get('tables/new')
  async newTable(@Param('planId', pageId) planId: string, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    this.tableForm(response, tree, null, { title: '', sourceReference: '', position: String(tree.sections.length + 1) }, noErrors());
  }

  @Post('tables/new')
  async addTable(@Param('planId', pageId) planId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    const values = tableValues(body);
    const input = { planId, title: values.title, sourceReference: optionalText(values.sourceReference), position: whole(values.position) };
    const { value, errors } = validateForm(CreateSectionDto, input, TABLE_WORDING);
    if (hasErrors(errors)) return this.tableForm(response, tree, null, values, errors, HttpStatus.BAD_REQUEST);
    try {
      const created = await this.sections.create(value);
      this.done(response, planId, 'table-added', `table-${created.id}`);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.tableForm(response, tree, null, values, refusal(error, input, TABLE_WORDING), HttpStatus.BAD_REQUEST);
      throw error;
    }
  }

  @Get('tables/:sectionId/edit')
  async editTable(@Param('planId', pageId) planId: string, @Param('sectionId', pageId) sectionId: string, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    const { section } = locate(tree, { sectionId });
    this.tableForm(response, tree, section, { title: section.title, sourceReference: section.sourceReference ?? '', position: String(section.position) }, noErrors());
  }

  @Post('tables/:sectionId/edit')
  async changeTable(@Param('planId', pageId) planId: string, @Param('sectionId', pageId) sectionId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    const { section } = locate(tree, { sectionId });
    const values = tableValues(body);
    const input = { title: values.title, sourceReference: optionalText(values.sourceReference), position: whole(values.position), version: versionOf(body.version) };
    const { value, errors } = validateForm(UpdateSectionDto, input, TABLE_WORDING);
    const asOpened = { ...section, version: Number(input.version) };
    if (hasErrors(errors)) return this.tableForm(response, tree, asOpened, values, errors, HttpStatus.BAD_REQUEST);
    try {
      await this.sections.update(sectionId, value);
      this.done(response, planId, 'table-changed', `table-${sectionId}`);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.tableForm(response, tree, asOpened, values, refusal(error, input, TABLE_WORDING), HttpStatus.BAD_REQUEST);
      if (!isStaleVersion(error)) throw error;
      const now = await this.plans.tree(planId);
      const current = locate(now, { sectionId }).section;
      return this.tableForm(response, now, current, values, noErrors(), HttpStatus.CONFLICT, this.conflict(`table`, `/admin/plans/${planId}/tables/${sectionId}/edit`, [
        { label: 'Title', now: current.title, yours: values.title },
        { label: 'Ofsted paragraph', now: current.sourceReference ?? '', yours: values.sourceReference },
        { label: 'Position', now: String(current.position), yours: values.position },
      ]));
    }
  }

  @Get('tables/:sectionId/delete')
  async confirmDeleteTable(@Param('planId', pageId) planId: string, @Param('sectionId', pageId) sectionId: string, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    this.pages.render(response, 'admin/plans/delete-row', this.deleteModel(tree, locate(tree, { sectionId }), 'table'));
  }

  @Post('tables/:sectionId/delete')
  async deleteTable(@Param('planId', pageId) planId: string, @Param('sectionId', pageId) sectionId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    locate(tree, { sectionId });
    await this.removing(response, planId, 'table', sectionId, () => this.sections.remove(sectionId, versionNumber(body)), 'table-deleted');
  }

  // Recommendations

  @Get('tables/:sectionId/recommendations/new')
  async newRecommendation(@Param('planId', pageId) planId: string, @Param('sectionId', pageId) sectionId: string, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    const { section } = locate(tree, { sectionId });
    const next = Math.max(0, ...section.recommendations.map((r) => r.number)) + 1;
    this.recommendationForm(response, tree, { section }, recommendationValues({ number: String(next) }), noErrors());
  }

  @Post('tables/:sectionId/recommendations/new')
  async addRecommendation(@Param('planId', pageId) planId: string, @Param('sectionId', pageId) sectionId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    const located = locate(tree, { sectionId });
    const values = readRecommendation(body);
    const input = { sectionId, ...recommendationInput(values) };
    const { value, errors } = validateForm(CreateRecommendationDto, input, RECOMMENDATION_WORDING);
    withDateProblems(errors, [['targetDate-day', values.targetDate], ['dueDateOverride-day', values.dueDateOverride]]);
    if (hasErrors(errors)) return this.recommendationForm(response, tree, located, values, errors, HttpStatus.BAD_REQUEST);
    try {
      await this.recommendations.create(value);
      this.done(response, planId, 'recommendation-added', `table-${sectionId}`);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.recommendationForm(response, tree, located, values, refusal(error, input, RECOMMENDATION_WORDING), HttpStatus.BAD_REQUEST);
      throw error;
    }
  }

  @Get('recommendations/:recommendationId/edit')
  async editRecommendation(@Param('planId', pageId) planId: string, @Param('recommendationId', pageId) recommendationId: string, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    const located = locate(tree, { recommendationId });
    this.recommendationForm(response, tree, located, valuesOfRecommendation(located.recommendation!), noErrors());
  }

  @Post('recommendations/:recommendationId/edit')
  async changeRecommendation(@Param('planId', pageId) planId: string, @Param('recommendationId', pageId) recommendationId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    const located = locate(tree, { recommendationId });
    const values = readRecommendation(body);
    const input = { ...recommendationInput(values), version: versionOf(body.version) };
    const { value, errors } = validateForm(UpdateRecommendationDto, input, RECOMMENDATION_WORDING);
    withDateProblems(errors, [['targetDate-day', values.targetDate], ['dueDateOverride-day', values.dueDateOverride]]);
    const asOpened = { ...located, recommendation: { ...located.recommendation!, version: Number(input.version) } };
    if (hasErrors(errors)) return this.recommendationForm(response, tree, asOpened, values, errors, HttpStatus.BAD_REQUEST);
    try {
      await this.recommendations.update(recommendationId, value);
      this.done(response, planId, 'recommendation-changed', `table-${located.section.id}`);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.recommendationForm(response, tree, asOpened, values, refusal(error, input, RECOMMENDATION_WORDING), HttpStatus.BAD_REQUEST);
      if (!isStaleVersion(error)) throw error;
      const now = await this.plans.tree(planId);
      const current = locate(now, { recommendationId });
      const saved = valuesOfRecommendation(current.recommendation!);
      return this.recommendationForm(response, now, current, values, noErrors(), HttpStatus.CONFLICT, this.conflict('recommendation', `/admin/plans/${planId}/recommendations/${recommendationId}/edit`, [
        { label: 'Number', now: saved.number, yours: values.number },
        { label: 'Recommendation', now: saved.text, yours: values.text },
        { label: 'Ofsted paragraph', now: saved.sourceReference, yours: values.sourceReference },
        { label: 'Timescale', now: bandName(saved.band), yours: bandName(values.band) },
        { label: 'The date it is due by', now: dateText(saved.targetDate), yours: dateText(values.targetDate) },
        { label: 'Its own due date', now: dateText(saved.dueDateOverride), yours: dateText(values.dueDateOverride) },
      ]));
    }
  }

  @Get('recommendations/:recommendationId/delete')
  async confirmDeleteRecommendation(@Param('planId', pageId) planId: string, @Param('recommendationId', pageId) recommendationId: string, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    this.pages.render(response, 'admin/plans/delete-row', this.deleteModel(tree, locate(tree, { recommendationId }), 'recommendation'));
  }

  @Post('recommendations/:recommendationId/delete')
  async deleteRecommendation(@Param('planId', pageId) planId: string, @Param('recommendationId', pageId) recommendationId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    const { section } = locate(tree, { recommendationId });
    await this.removing(response, planId, 'recommendation', recommendationId, () => this.recommendations.remove(recommendationId, versionNumber(body)), 'recommendation-deleted', `table-${section.id}`);
  }

  // Activities

  @Get('recommendations/:recommendationId/activities/new')
  async newActivity(@Param('planId', pageId) planId: string, @Param('recommendationId', pageId) recommendationId: string, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    const located = locate(tree, { recommendationId });
    await this.activityForm(response, tree, located, activityValues({ position: String(located.recommendation!.activities.length + 1) }), noErrors());
  }

  @Post('recommendations/:recommendationId/activities/new')
  async addActivity(@Param('planId', pageId) planId: string, @Param('recommendationId', pageId) recommendationId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    const located = locate(tree, { recommendationId });
    const values = readActivity(body);
    const input = { recommendationId, ...activityInput(values) };
    const { value, errors } = validateForm(CreateActivityDto, input, ACTIVITY_WORDING);
    foldListErrors(errors);
    withDateProblems(errors, [['dueDate-day', values.dueDate]]);
    if (hasErrors(errors)) return this.activityForm(response, tree, located, values, errors, HttpStatus.BAD_REQUEST);
    try {
      await this.activities.create(value);
      this.done(response, planId, 'activity-added', `table-${located.section.id}`);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.activityForm(response, tree, located, values, refusal(error, input, ACTIVITY_WORDING), HttpStatus.BAD_REQUEST);
      throw error;
    }
  }

  @Get('activities/:activityId/edit')
  async editActivity(@Param('planId', pageId) planId: string, @Param('activityId', pageId) activityId: string, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    const located = locate(tree, { activityId });
    await this.activityForm(response, tree, located, valuesOfActivity(located.activity!), noErrors());
  }

  @Post('activities/:activityId/edit')
  async changeActivity(@Param('planId', pageId) planId: string, @Param('activityId', pageId) activityId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    const located = locate(tree, { activityId });
    const values = readActivity(body);
    const input = { ...activityInput(values), version: versionOf(body.version) };
    const { value, errors } = validateForm(UpdateActivityDto, input, ACTIVITY_WORDING);
    foldListErrors(errors);
    withDateProblems(errors, [['dueDate-day', values.dueDate]]);
    const asOpened = { ...located, activity: { ...located.activity!, version: Number(input.version) } };
    if (hasErrors(errors)) return this.activityForm(response, tree, asOpened, values, errors, HttpStatus.BAD_REQUEST);
    try {
      await this.activities.update(activityId, value);
      this.done(response, planId, 'activity-changed', `table-${located.section.id}`);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.activityForm(response, tree, asOpened, values, refusal(error, input, ACTIVITY_WORDING), HttpStatus.BAD_REQUEST);
      if (!isStaleVersion(error)) throw error;
      const now = await this.plans.tree(planId);
      const current = locate(now, { activityId });
      const saved = valuesOfActivity(current.activity!);
      const [agencies, people] = await Promise.all([this.allAgencies(), this.allPeople()]);
      const agencyNames = (ids: string[]) => ids.map((id) => agencies.find((a) => a.id === id)?.name ?? '').sort().join('\n');
      const personName = (id: string) => people.find((p) => p.id === id)?.name ?? '';
      return this.activityForm(response, now, current, values, noErrors(), HttpStatus.CONFLICT, this.conflict('activity', `/admin/plans/${planId}/activities/${activityId}/edit`, [
        { label: 'Activity', now: saved.text, yours: values.text },
        { label: 'Outcome measures', now: saved.outcomeMeasures, yours: linesOf(values.outcomeMeasures).join('\n') },
        { label: 'Cost', now: saved.costText, yours: values.costText },
        { label: 'Lead agencies', now: agencyNames(saved.leadAgencyIds), yours: agencyNames(values.leadAgencyIds) },
        { label: 'Lead agencies as printed', now: saved.leadAgencyText, yours: values.leadAgencyText },
        { label: 'Owner', now: personName(saved.ownerId), yours: personName(values.ownerId) },
        { label: 'Its own due date', now: dateText(saved.dueDate), yours: dateText(values.dueDate) },
        { label: 'Status', now: statusName(saved.status), yours: statusName(values.status) },
        { label: 'Position', now: saved.position, yours: values.position },
      ]));
    }
  }

  @Get('activities/:activityId/delete')
  async confirmDeleteActivity(@Param('planId', pageId) planId: string, @Param('activityId', pageId) activityId: string, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    this.pages.render(response, 'admin/plans/delete-row', this.deleteModel(tree, locate(tree, { activityId }), 'activity'));
  }

  @Post('activities/:activityId/delete')
  async deleteActivity(@Param('planId', pageId) planId: string, @Param('activityId', pageId) activityId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(planId);
    const { section } = locate(tree, { activityId });
    await this.removing(response, planId, 'activity', activityId, () => this.activities.remove(activityId, versionNumber(body)), 'activity-deleted', `table-${section.id}`);
  }

  // Shared

  private done(response: Response, planId: string, key: (typeof DONE_KEYS)[number], anchor: string): void {
    this.pages.redirect(response, `/admin/plans/${planId}?done=${key}#${anchor}`);
  }

  private conflict(what: string, startAgain: string, fields: Difference[]) {
    return { what: `Someone saved a change to this ${what} after you opened the form.`, startAgain, differences: differences(fields) };
  }

  /** Deletes a row; a stale version shows the confirmation again with the row as it is now, so nothing is deleted unseen. */
  private async removing(response: Response, planId: string, kind: 'table' | 'recommendation' | 'activity', id: string, remove: () => Promise<void>, done: (typeof DONE_KEYS)[number], anchor = 'tables'): Promise<void> {
    try {
      await remove();
    } catch (error) {
      if (!isStaleVersion(error)) throw error;
      const tree = await this.plans.tree(planId);
      const located = locate(tree, kind === 'table' ? { sectionId: id } : kind === 'recommendation' ? { recommendationId: id } : { activityId: id });
      const model = this.deleteModel(tree, located, kind, oneError('delete', `Someone changed this ${kind} after you opened this page. Check it is still the one to delete.`));
      return this.pages.render(response, 'admin/plans/delete-row', model, HttpStatus.CONFLICT);
    }
    this.done(response, planId, done, anchor);
  }

  private deleteModel(tree: PlanTreeView, located: Located, kind: 'table' | 'recommendation' | 'activity', errors: FormErrors = noErrors()) {
    const tableNumber = tree.sections.indexOf(located.section) + 1;
    const row = kind === 'table' ? located.section : kind === 'recommendation' ? located.recommendation! : located.activity!;
    return {
      plan: tree,
      kind,
      context: context(tree, located),
      tableNumber,
      section: located.section,
      recommendation: located.recommendation ?? null,
      activity: located.activity ?? null,
      action: `/admin/plans/${tree.id}/${kind === 'table' ? 'tables' : kind === 'recommendation' ? 'recommendations' : 'activities'}/${row.id}/delete`,
      version: row.version,
      errors,
    };
  }

  private tableForm(response: Response, tree: PlanTreeView, section: Section | null, values: ReturnType<typeof tableValues>, errors: FormErrors, status: number = HttpStatus.OK, conflict: object | null = null): void {
    const siblings = tree.sections.map((s, index) => ({ id: s.id, label: `Table ${index + 1}: ${s.title}` }));
    this.pages.render(
      response,
      'admin/plans/table-form',
      { plan: tree, section, values, positions: positionChoices(siblings, section?.id ?? null, Number(values.position) || null), errors, conflict },
      status,
    );
  }

  private recommendationForm(response: Response, tree: PlanTreeView, located: Located, values: RecommendationForm, errors: FormErrors, status: number = HttpStatus.OK, conflict: object | null = null): void {
    this.pages.render(
      response,
      'admin/plans/recommendation-form',
      {
        plan: tree,
        context: context(tree, located),
        section: located.section,
        tableNumber: tree.sections.indexOf(located.section) + 1,
        recommendation: located.recommendation ?? null,
        values,
        bands: choices(BAND_NAMES, values.band),
        errors,
        conflict,
      },
      status,
    );
  }

  private async activityForm(response: Response, tree: PlanTreeView, located: Located, values: ActivityForm, errors: FormErrors, status: number = HttpStatus.OK, conflict: object | null = null): Promise<void> {
    const [agencies, people] = await Promise.all([this.allAgencies(), this.allPeople()]);
    const recommendation = located.recommendation!;
    const siblings = recommendation.activities.map((a, index) => ({ id: a.id, label: `activity ${index + 1}: ${a.text.length > 60 ? `${a.text.slice(0, 60)}…` : a.text}` }));
    this.pages.render(
      response,
      'admin/plans/activity-form',
      {
        plan: tree,
        context: context(tree, located),
        section: located.section,
        recommendation,
        activity: located.activity ?? null,
        values,
        recommendationDue: recommendation.dueDate,
        agencies: agencies.map((agency) => ({ value: agency.id, text: agency.name, checked: values.leadAgencyIds.includes(agency.id) })),
        owners: [
          { value: '', text: 'No owner', selected: !values.ownerId },
          ...people
            .filter((person) => person.active || person.id === values.ownerId)
            .map((person) => ({ value: person.id, text: `${person.name} (${person.email})${person.active ? '' : ' – deactivated'}`, selected: person.id === values.ownerId })),
        ],
        statuses: choices(ACTIVITY_STATUS_NAMES, values.status),
        positions: positionChoices(siblings, located.activity?.id ?? null, Number(values.position) || null),
        errors,
        conflict,
      },
      status,
    );
  }

  private allAgencies() {
    return everyPage((page, pageSize) => this.agencies.list(Object.assign(new LeadAgencyListQuery(), { page, pageSize })));
  }

  private allPeople() {
    return everyPage((page, pageSize) => this.users.list(Object.assign(new UserListQuery(), { page, pageSize })));
  }
}

/** "Table 1: Safeguarding, recommendation 3": where a row sits, for captions. */
function context(tree: PlanTreeView, located: Located): string {
  const table = `Table ${tree.sections.indexOf(located.section) + 1}: ${located.section.title}`;
  if (!located.recommendation) return table;
  const recommendation = `${table}, recommendation ${located.recommendation.number}`;
  if (!located.activity) return recommendation;
  return `${recommendation}, activity ${located.recommendation.activities.indexOf(located.activity) + 1}`;
}

/** A number as typed, for the DTO: a whole number, or the text itself so the DTO refuses it in its place. */
function whole(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function versionNumber(body: Record<string, unknown>): number {
  const version = versionOf(body.version);
  return typeof version === 'number' ? version : -1;
}

function refusal(error: FieldValidationException, input: Record<string, unknown>, wording: Record<string, FieldWording>): FormErrors {
  const problems = collapseIndexed(collapseIndexed(problemsOf(error), 'leadAgencyIds'), 'outcomeMeasures');
  return formErrors(Object.fromEntries(Object.entries(problems).map(([path, problem]) => [path, serviceWords(problem)])), input, labelsOnly(wording));
}

/** The DTO's errors for one item of a list (`outcomeMeasures[2]`) on the box the list was typed in. */
function foldListErrors(errors: FormErrors): void {
  for (const field of ['outcomeMeasures', 'leadAgencyIds']) {
    const items = errors.summary.filter((item) => item.href.startsWith(`#${field}[`));
    if (!items.length) continue;
    for (const item of items) delete errors.byField[item.href.slice(1)];
    errors.summary = errors.summary.filter((item) => !items.includes(item));
    const line = /\[(\d+)\]/.exec(items[0].href)![1];
    const problem = items[0].text.slice(items[0].href.length);
    const words = field === 'outcomeMeasures' ? `Outcome measure on line ${Number(line) + 1} ${problem}` : 'Select lead agencies from the list';
    errors.byField[field] = words;
    errors.summary.push({ text: words, href: `#${field}` });
  }
}

function tableValues(body: Record<string, unknown>) {
  return { title: text(body.title).trim(), sourceReference: text(body.sourceReference).trim(), position: text(body.position) };
}

interface RecommendationForm {
  number: string;
  text: string;
  sourceReference: string;
  band: string;
  targetDate: DateField;
  dueDateOverride: DateField;
}

function emptyDate(): DateField {
  return { value: null, parts: { day: '', month: '', year: '' }, problem: null };
}

function recommendationValues(values: Partial<RecommendationForm>): RecommendationForm {
  return { number: '', text: '', sourceReference: '', band: '', targetDate: emptyDate(), dueDateOverride: emptyDate(), ...values };
}

function readRecommendation(body: Record<string, unknown>): RecommendationForm {
  return {
    number: text(body.number).trim(),
    text: text(body.text).trim(),
    sourceReference: text(body.sourceReference).trim(),
    band: text(body.band),
    targetDate: dateFromParts(body, 'targetDate', 'The date it is due by'),
    dueDateOverride: dateFromParts(body, 'dueDateOverride', 'Its own due date'),
  };
}

function valuesOfRecommendation(recommendation: Recommendation): RecommendationForm {
  const date = (value: string | null): DateField => ({ value, parts: datePartsOf(value), problem: null });
  return {
    number: String(recommendation.number),
    text: recommendation.text,
    sourceReference: recommendation.sourceReference ?? '',
    band: recommendation.band,
    targetDate: date(recommendation.targetDate),
    dueDateOverride: recommendation.dueDateOverridden ? date(recommendation.dueDate) : emptyDate(),
  };
}

function recommendationInput(values: RecommendationForm) {
  return {
    number: whole(values.number) ?? '',
    text: values.text,
    sourceReference: optionalText(values.sourceReference),
    band: values.band,
    // Only a recommendation due by a date carries one; for the others the date box is not asked.
    targetDate: values.band === 'by_date' ? dateInputValue(values.targetDate) : null,
    dueDateOverride: dateInputValue(values.dueDateOverride),
  };
}

interface ActivityForm {
  text: string;
  outcomeMeasures: string;
  costText: string;
  leadAgencyIds: string[];
  leadAgencyText: string;
  ownerId: string;
  dueDate: DateField;
  status: string;
  position: string;
}

function activityValues(values: Partial<ActivityForm>): ActivityForm {
  return { text: '', outcomeMeasures: '', costText: '', leadAgencyIds: [], leadAgencyText: '', ownerId: '', dueDate: emptyDate(), status: 'not_started', position: '', ...values };
}

function readActivity(body: Record<string, unknown>): ActivityForm {
  return {
    text: text(body.text).trim(),
    outcomeMeasures: text(body.outcomeMeasures),
    costText: text(body.costText).trim(),
    leadAgencyIds: listOf(body.leadAgencyIds),
    leadAgencyText: text(body.leadAgencyText).trim(),
    ownerId: text(body.ownerId),
    dueDate: dateFromParts(body, 'dueDate', 'Its own due date', { monthAllowed: true }),
    status: text(body.status),
    position: text(body.position),
  };
}

function valuesOfActivity(activity: Activity): ActivityForm {
  return {
    text: activity.text,
    outcomeMeasures: activity.outcomeMeasures.join('\n'),
    costText: activity.cost.text ?? '',
    leadAgencyIds: activity.leadAgencies.map((agency) => agency.id),
    leadAgencyText: activity.leadAgencyText ?? '',
    ownerId: activity.ownerId ?? '',
    dueDate: activity.dueDateOverridden ? { value: activity.dueDate, parts: datePartsOf(activity.dueDate, activity.dueDatePrecision), problem: null } : emptyDate(),
    status: activity.status,
    position: String(activity.position),
  };
}

function activityInput(values: ActivityForm) {
  return {
    text: values.text,
    outcomeMeasures: linesOf(values.outcomeMeasures),
    costText: values.costText,
    leadAgencyIds: values.leadAgencyIds,
    leadAgencyText: optionalText(values.leadAgencyText),
    ownerId: values.ownerId || null,
    dueDate: dateInputValue(values.dueDate),
    status: values.status,
    position: whole(values.position),
  };
}

function dateText(date: DateField): string {
  const { day, month, year } = date.parts;
  return [day, month, year].filter(Boolean).join(' ');
}

function bandName(band: string): string {
  return (BAND_NAMES as Record<string, string>)[band] ?? '';
}

function statusName(status: string): string {
  return (ACTIVITY_STATUS_NAMES as Record<string, string>)[status] ?? '';
}
