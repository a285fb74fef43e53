import { Body, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentActor } from '../../../accounts/current-actor.decorator';
import { UserListQuery } from '../../../accounts/dto/user.dto';
import { Roles } from '../../../accounts/roles';
import { UsersService } from '../../../accounts/users.service';
import type { Actor } from '../../../common/request-context';
import { FieldValidationException } from '../../../common/validation';
import { CalendarDate, formatMonthYear, formatShortDate } from '../../../deadlines';
import { ClosureDaysService } from '../../../deadlines/closure-days.service';
import { CreatePlanDto, PlanListQuery, UpdatePlanDto } from '../../../plans/dto/plan.dto';
import type { PlanTreeView } from '../../../plans/plan-tree.reader';
import { PlansService } from '../../../plans/plans.service';
import { FieldWording, formErrors, FormErrors, hasErrors, noErrors, oneError, text, validateForm } from '../../forms';
import { pageId, PageController, pageNumber } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import {
  ACTIVITY_STATUS_NAMES,
  BAND_NAMES,
  choices,
  dateFromParts,
  DateField,
  dateInputValue,
  datePartsOf,
  differences,
  everyPage,
  isStaleVersion,
  labelsOnly,
  linesOf,
  optionalText,
  paginationOf,
  PLAN_KIND_NAMES,
  PLAN_STATUS_NAMES,
  problemsOf,
  replaceError,
  versionOf,
  withDateProblems,
} from './admin-forms';
import { abbreviationLines, abbreviationProblem, abbreviationsFromLines, calendarWith, publicationDateMoves } from './plans.view-model';

const DATE_FIELDS = ['inspectionStartDate', 'inspectionEndDate', 'publishedOn', 'startsOn', 'endsOn'] as const;
type DateFieldName = (typeof DATE_FIELDS)[number];

const DATE_LABELS: Record<DateFieldName, string> = {
  inspectionStartDate: 'The first day of the inspection',
  inspectionEndDate: 'The last day of the inspection',
  publishedOn: 'The publication date',
  startsOn: 'The start of the plan’s period',
  endsOn: 'The end of the plan’s period',
};

const WORDING: Record<string, FieldWording> = {
  title: { label: 'Title', empty: 'Enter the plan’s title' },
  kind: { label: 'Kind of plan', id: 'kind', invalid: 'Select what kind of plan it is' },
  status: { label: 'Status', id: 'status', invalid: 'Select the plan’s status' },
  'source.reportTitle': { label: 'Report title', id: 'reportTitle' },
  'source.inspectionStartDate': { label: DATE_LABELS.inspectionStartDate, id: 'inspectionStartDate-day', invalid: `${DATE_LABELS.inspectionStartDate} must be a real date` },
  'source.inspectionEndDate': { label: DATE_LABELS.inspectionEndDate, id: 'inspectionEndDate-day', invalid: `${DATE_LABELS.inspectionEndDate} must be a real date` },
  'source.publishedOn': { label: DATE_LABELS.publishedOn, id: 'publishedOn-day', invalid: `${DATE_LABELS.publishedOn} must be a real date` },
  leadOfficerId: { label: 'Lead officer', invalid: 'Select the lead officer from the list' },
  startsOn: { label: DATE_LABELS.startsOn, id: 'startsOn-day', invalid: `${DATE_LABELS.startsOn} must be a real date` },
  endsOn: { label: DATE_LABELS.endsOn, id: 'endsOn-day', invalid: `${DATE_LABELS.endsOn} must be a real date` },
  abbreviations: { label: 'Key to abbreviations' },
};

/** The service's reasons that name other fields by their API paths, said in the page's words. */
const SERVICE_WORDS: Record<string, string> = {
  'must not be before source.inspectionStartDate': 'must not be before the first day of the inspection',
  'must not be before startsOn': 'must not be before its start',
};

const DONE: Record<string, string> = {
  created: 'The plan has been created. Add its tables, recommendations and activities below, or import them.',
  details: 'The plan’s details have been changed.',
  'details-dates': 'The plan’s details have been changed, and its due dates have moved with the publication date.',
  deleted: 'The plan has been deleted.',
  'table-added': 'The table has been added.',
  'table-changed': 'The table has been changed.',
  'table-deleted': 'The table has been deleted, with its recommendations and activities.',
  'recommendation-added': 'The recommendation has been added.',
  'recommendation-changed': 'The recommendation has been changed. Due dates beneath it follow its timescale.',
  'recommendation-deleted': 'The recommendation has been deleted, with its activities.',
  'activity-added': 'The activity has been added.',
  'activity-changed': 'The activity has been changed.',
  'activity-deleted': 'The activity has been deleted.',
};

const PAGE_SIZE = 25;

export interface PlanDetailsForm {
  title: string;
  kind: string;
  status: string;
  reportTitle: string;
  dates: Record<DateFieldName, DateField>;
  leadOfficerId: string;
  abbreviations: string;
}

/**
 * Plans through the API's PlansService: the list, creating one (one form: a
 * council admin has the report in front of them), its details (a new
 * publication date moves due dates, so a check page says which before it is
 * saved), and deleting it. The tree beneath is AdminPlanTreeController's.
 */
@PageController('admin/plans')
@Roles('admin')
export class AdminPlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly users: UsersService,
    private readonly closureDays: ClosureDaysService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(@Query('page') page: unknown, @Query('done') done: unknown, @Res() response: Response): Promise<void> {
    const number = pageNumber(page);
    const result = await this.plans.list(Object.assign(new PlanListQuery(), { page: number, pageSize: PAGE_SIZE }));
    this.pages.render(response, 'admin/plans/index', {
      page: number,
      total: result.total,
      items: result.items.map((plan) => ({ ...plan, kind: PLAN_KIND_NAMES[plan.kind], statusName: PLAN_STATUS_NAMES[plan.status] })),
      pagination: paginationOf(number, PAGE_SIZE, result.total, (n) => `/admin/plans?page=${n}`),
      done: done === 'deleted' ? DONE.deleted : null,
    });
  }

  @Get('new')
  async newForm(@CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    await this.form(response, null, { ...blankForm(), leadOfficerId: actor.id }, noErrors());
  }

  @Post('new')
  async create(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const values = readForm(body);
    const input = planInput(values);
    const { value, errors } = validateForm(CreatePlanDto, input, WORDING);
    if (hasErrors(withPageProblems(errors, values))) return this.form(response, null, values, errors, HttpStatus.BAD_REQUEST);
    try {
      const created = await this.plans.create(value);
      this.pages.redirect(response, `/admin/plans/${created.id}?done=created`);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.form(response, null, values, serviceErrors(error, input), HttpStatus.BAD_REQUEST);
      throw error;
    }
  }

  @Get(':planId')
  async show(@Param('planId', pageId) id: string, @Query('done') done: unknown, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(id);
    const leadOfficer = tree.leadOfficerId ? await this.users.get(tree.leadOfficerId).catch(() => null) : null;
    this.pages.render(response, 'admin/plans/show', {
      plan: {
        ...tree,
        kindName: PLAN_KIND_NAMES[tree.kind],
        statusName: PLAN_STATUS_NAMES[tree.status],
        leadOfficer: leadOfficer ? { id: leadOfficer.id, name: leadOfficer.name, active: leadOfficer.active } : null,
      },
      sections: tree.sections.map((section, index) => ({
        ...section,
        number: index + 1,
        recommendations: section.recommendations.map((recommendation) => ({
          ...recommendation,
          bandName: BAND_NAMES[recommendation.band],
          activities: recommendation.activities.map((activity) => ({
            ...activity,
            statusName: ACTIVITY_STATUS_NAMES[activity.status],
            agencies: activity.leadAgencies.map((agency) => agency.name).join('; ') || activity.leadAgencyText || '',
            // "By September 2012" is the end of the month, and said as the month.
            due: activity.dueDate ? (activity.dueDatePrecision === 'month' ? formatMonthYear(activity.dueDate as CalendarDate) : formatShortDate(activity.dueDate as CalendarDate)) : null,
          })),
        })),
      })),
      done: typeof done === 'string' ? (DONE[done] ?? null) : null,
    });
  }

  @Get(':planId/details')
  async detailsForm(@Param('planId', pageId) id: string, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(id);
    await this.form(response, tree, valuesOf(tree), noErrors());
  }

  /** Saves the details; a new publication date is first shown with the due dates it moves, and saved when confirmed. */
  @Post(':planId/details')
  async changeDetails(@Param('planId', pageId) id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const tree = await this.plans.tree(id);
    const values = readForm(body);
    const input = { ...planInput(values), version: versionOf(body.version) };
    const { value, errors } = validateForm(UpdatePlanDto, input, WORDING);
    const asOpened = { ...tree, version: Number(input.version) };
    if (hasErrors(withPageProblems(errors, values))) return this.form(response, asOpened, values, errors, HttpStatus.BAD_REQUEST);
    if (text(body.confirm) === 'edit') return this.form(response, asOpened, values, errors);
    const publishedOn = input.source.publishedOn;
    if (publishedOn !== tree.source.publishedOn && text(body.confirm) !== 'yes') {
      const moves = publicationDateMoves(tree, publishedOn, calendarWith(await this.closureDays.list()));
      return this.pages.render(response, 'admin/plans/details-check', {
        plan: asOpened,
        from: tree.source.publishedOn,
        to: publishedOn,
        moves,
        hidden: hiddenFields(body),
      });
    }
    try {
      await this.plans.update(id, value);
      this.pages.redirect(response, `/admin/plans/${id}?done=${publishedOn !== tree.source.publishedOn ? 'details-dates' : 'details'}`);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.form(response, asOpened, values, serviceErrors(error, input), HttpStatus.BAD_REQUEST);
      if (isStaleVersion(error)) {
        const current = await this.plans.tree(id);
        const now = valuesOf(current);
        const people = await this.people();
        const personName = (personId: string) => people.find((person) => person.id === personId)?.name ?? '';
        const conflict = {
          what: 'Someone saved a change to this plan’s details after you opened the form.',
          startAgain: `/admin/plans/${id}/details`,
          differences: differences([
            { label: 'Title', now: now.title, yours: values.title },
            { label: 'Kind of plan', now: kindName(now.kind), yours: kindName(values.kind) },
            { label: 'Status', now: statusName(now.status), yours: statusName(values.status) },
            { label: 'Report title', now: now.reportTitle, yours: values.reportTitle },
            ...DATE_FIELDS.map((field) => ({ label: DATE_LABELS[field].replace(/^The /, '').replace(/^./, (c) => c.toUpperCase()), now: partsText(now.dates[field]), yours: partsText(values.dates[field]) })),
            { label: 'Lead officer', now: personName(now.leadOfficerId), yours: personName(values.leadOfficerId) },
            { label: 'Key to abbreviations', now: now.abbreviations, yours: linesOf(values.abbreviations).join('\n') },
          ]),
        };
        return this.form(response, current, values, noErrors(), HttpStatus.CONFLICT, conflict);
      }
      throw error;
    }
  }

  @Get(':planId/delete')
  async confirmDelete(@Param('planId', pageId) id: string, @Res() response: Response): Promise<void> {
    this.pages.render(response, 'admin/plans/delete', { plan: await this.plans.tree(id), errors: noErrors() });
  }

  @Post(':planId/delete')
  async remove(@Param('planId', pageId) id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const version = versionOf(body.version);
    try {
      await this.plans.remove(id, typeof version === 'number' ? version : -1);
    } catch (error) {
      if (isStaleVersion(error)) {
        const plan = await this.plans.tree(id);
        return this.pages.render(response, 'admin/plans/delete', { plan, errors: oneError('delete', 'Someone changed this plan after you opened this page. Check it is still the one to delete.') }, HttpStatus.CONFLICT);
      }
      throw error;
    }
    this.pages.redirect(response, '/admin/plans?done=deleted');
  }

  private async form(response: Response, plan: PlanTreeView | null, values: PlanDetailsForm, errors: FormErrors, status: number = HttpStatus.OK, conflict: object | null = null): Promise<void> {
    const people = await this.people();
    this.pages.render(
      response,
      plan ? 'admin/plans/details' : 'admin/plans/new',
      {
        plan,
        values,
        kinds: choices(PLAN_KIND_NAMES, values.kind),
        statuses: choices(PLAN_STATUS_NAMES, values.status),
        officers: [
          { value: '', text: 'Nobody', selected: !values.leadOfficerId },
          ...people
            .filter((person) => person.active || person.id === values.leadOfficerId)
            .map((person) => ({ value: person.id, text: `${person.name} (${person.email})${person.active ? '' : ' – deactivated'}`, selected: person.id === values.leadOfficerId })),
        ],
        errors,
        conflict,
      },
      status,
    );
  }

  private people() {
    return everyPage((page, pageSize) => this.users.list(Object.assign(new UserListQuery(), { page, pageSize })));
  }
}

function blankForm(): PlanDetailsForm {
  const empty = { value: null, parts: { day: '', month: '', year: '' }, problem: null };
  return { title: '', kind: 'ofsted_inspection', status: 'draft', reportTitle: '', dates: Object.fromEntries(DATE_FIELDS.map((field) => [field, empty])) as PlanDetailsForm['dates'], leadOfficerId: '', abbreviations: '' };
}

function readForm(body: Record<string, unknown>): PlanDetailsForm {
  return {
    title: text(body.title).trim(),
    kind: text(body.kind),
    status: text(body.status) || 'draft',
    reportTitle: text(body.reportTitle).trim(),
    dates: Object.fromEntries(DATE_FIELDS.map((field) => [field, dateFromParts(body, field, DATE_LABELS[field])])) as PlanDetailsForm['dates'],
    leadOfficerId: text(body.leadOfficerId),
    abbreviations: text(body.abbreviations),
  };
}

function valuesOf(tree: PlanTreeView): PlanDetailsForm {
  const date = (value: string | null): DateField => ({ value, parts: datePartsOf(value), problem: null });
  return {
    title: tree.title,
    kind: tree.kind,
    status: tree.status,
    reportTitle: tree.source.reportTitle ?? '',
    dates: {
      inspectionStartDate: date(tree.source.inspectionStartDate),
      inspectionEndDate: date(tree.source.inspectionEndDate),
      publishedOn: date(tree.source.publishedOn),
      startsOn: date(tree.startsOn),
      endsOn: date(tree.endsOn),
    },
    leadOfficerId: tree.leadOfficerId ?? '',
    abbreviations: abbreviationLines(tree.abbreviations),
  };
}

/** The form as the API's DTO takes it: every field given, an empty one cleared. */
function planInput(values: PlanDetailsForm) {
  const { entries } = abbreviationsFromLines(linesOf(values.abbreviations));
  return {
    title: values.title,
    kind: values.kind,
    status: values.status,
    source: {
      reportTitle: optionalText(values.reportTitle),
      inspectionStartDate: dateInputValue(values.dates.inspectionStartDate),
      inspectionEndDate: dateInputValue(values.dates.inspectionEndDate),
      publishedOn: dateInputValue(values.dates.publishedOn),
    },
    leadOfficerId: values.leadOfficerId || null,
    startsOn: dateInputValue(values.dates.startsOn),
    endsOn: dateInputValue(values.dates.endsOn),
    abbreviations: entries,
  };
}

/** The page's own problems (date parts, key lines) in place of the DTO's words for the same fields. */
function withPageProblems(errors: FormErrors, values: PlanDetailsForm): FormErrors {
  withDateProblems(errors, DATE_FIELDS.map((field) => [`${field}-day`, values.dates[field]] as [string, DateField]));
  // The DTO names each entry of the key (abbreviations[2].meaning); the page has one box, so one error, naming the line.
  const entries = errors.summary.filter((item) => item.href.startsWith('#abbreviations['));
  for (const item of entries) delete errors.byField[item.href.slice(1)];
  errors.summary = errors.summary.filter((item) => !entries.includes(item));
  const keyProblem = abbreviationsFromLines(linesOf(values.abbreviations)).problem ?? (entries[0] ? abbreviationProblem(entries[0].href.slice(1), entries[0].text.slice(entries[0].href.length)) : null);
  if (keyProblem) replaceError(errors, 'abbreviations', `Key to abbreviations: ${keyProblem}`);
  return errors;
}

function serviceErrors(error: FieldValidationException, input: Record<string, unknown>): FormErrors {
  const problems = Object.fromEntries(Object.entries(problemsOf(error)).map(([path, problem]) => [path, SERVICE_WORDS[problem] ?? problem]));
  return formErrors(problems, input, labelsOnly(WORDING));
}

/** The fields the details form sends, carried through the check page unchanged. */
function hiddenFields(body: Record<string, unknown>): Array<{ name: string; value: string }> {
  const names = ['version', 'title', 'kind', 'status', 'reportTitle', 'leadOfficerId', 'abbreviations', ...DATE_FIELDS.flatMap((field) => ['day', 'month', 'year'].map((part) => `${field}-${part}`))];
  return names.map((name) => ({ name, value: text(body[name]) }));
}

function partsText(date: DateField): string {
  const { day, month, year } = date.parts;
  return [day, month, year].filter(Boolean).join(' ');
}

function kindName(kind: string): string {
  return (PLAN_KIND_NAMES as Record<string, string>)[kind] ?? kind;
}

function statusName(status: string): string {
  return (PLAN_STATUS_NAMES as Record<string, string>)[status] ?? status;
}

