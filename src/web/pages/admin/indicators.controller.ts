import { Body, Get, HttpStatus, NotFoundException, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UserListQuery } from '../../../accounts/dto/user.dto';
import { Roles } from '../../../accounts/roles';
import { UsersService } from '../../../accounts/users.service';
import { FieldValidationException } from '../../../common/validation';
import { CUMULATION_LABELS, FREQUENCIES, INDICATOR_UNITS, POLARITY_LABELS, UNIT_LABELS } from '../../../indicators/domain';
import { CreateIndicatorDto, UpdateIndicatorDto } from '../../../indicators/dto/indicator.dto';
import type { IndicatorView } from '../../../indicators/indicator-views';
import { IndicatorsService } from '../../../indicators/indicators.service';
import { LeadAgencyListQuery } from '../../../plans/dto/lead-agency.dto';
import { LeadAgenciesService } from '../../../plans/lead-agencies.service';
import { PlansService } from '../../../plans/plans.service';
import { dtoProblems, FormErrors, noErrors } from '../../forms';
import { pageId, PageController } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import { indicatorPath } from '../indicators/indicators.view-model';
import { differences, everyPage, isStaleVersion, problemsOf } from './admin-forms';
import { IndicatorEntries, indicatorEntriesFrom, indicatorEntriesOf, indicatorErrors, indicatorInput, targetLinesOf } from './indicator-form';

const FREQUENCY_LABELS: Record<(typeof FREQUENCIES)[number], string> = { monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' };
const capital = (words: string) => words.replace(/^./, (c) => c.toUpperCase());

/**
 * Setting up a plan's performance indicators (admins, as the API's POST and
 * PATCH /api/indicators): definition, unit, which way is better, owner, lead
 * agencies, priorities, tolerance and targets, through IndicatorsService.
 * Comparators and monthly values come from imports and the value pages.
 */
@PageController('admin/plans/:planId/indicators')
@Roles('admin')
export class AdminIndicatorsController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly plans: PlansService,
    private readonly agencies: LeadAgenciesService,
    private readonly users: UsersService,
    private readonly pages: PageRenderer,
  ) {}

  @Get('new')
  async newForm(@Param('planId', pageId) planId: string, @Res() response: Response): Promise<void> {
    await this.form(response, planId, null, indicatorEntriesOf(null), noErrors());
  }

  @Post('new')
  async create(@Param('planId', pageId) planId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    await this.plans.tree(planId);
    const entries = indicatorEntriesFrom(body);
    const lines = targetLinesOf(entries.targets);
    const input = indicatorInput(entries, lines.targets, { planId });
    const { value, problems } = dtoProblems(CreateIndicatorDto, input);
    if (Object.keys(problems).length || lines.problems.length) return this.form(response, planId, null, entries, indicatorErrors(problems, input, lines.problems), HttpStatus.BAD_REQUEST);
    try {
      const created = await this.indicators.create(value);
      this.pages.redirect(response, `${indicatorPath(planId, created.id)}?done=created`);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.form(response, planId, null, entries, indicatorErrors(problemsOf(error), input), HttpStatus.BAD_REQUEST);
      throw error;
    }
  }

  @Get(':indicatorId/edit')
  async editForm(@Param('planId', pageId) planId: string, @Param('indicatorId', pageId) indicatorId: string, @Res() response: Response): Promise<void> {
    const indicator = await this.indicatorOf(planId, indicatorId);
    await this.form(response, planId, indicator, indicatorEntriesOf(indicator), noErrors());
  }

  @Post(':indicatorId/edit')
  async update(@Param('planId', pageId) planId: string, @Param('indicatorId', pageId) indicatorId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const indicator = await this.indicatorOf(planId, indicatorId);
    const entries = indicatorEntriesFrom(body);
    const lines = targetLinesOf(entries.targets);
    const input = indicatorInput(entries, lines.targets, { version: body.version });
    const { value, problems } = dtoProblems(UpdateIndicatorDto, input);
    const sent = { ...indicator, version: typeof input.version === 'number' ? input.version : indicator.version };
    if (Object.keys(problems).length || lines.problems.length) return this.form(response, planId, sent, entries, indicatorErrors(problems, input, lines.problems), HttpStatus.BAD_REQUEST);
    try {
      await this.indicators.update(indicatorId, value);
      this.pages.redirect(response, `${indicatorPath(planId, indicatorId)}?done=changed`);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.form(response, planId, sent, entries, indicatorErrors(problemsOf(error), input), HttpStatus.BAD_REQUEST);
      if (isStaleVersion(error)) {
        // Someone changed it meanwhile: nothing saved; the form keeps what this person entered, on the current version, beside what is saved now.
        const current = await this.indicatorOf(planId, indicatorId);
        const now = indicatorEntriesOf(current);
        const conflict = {
          what: 'Someone else changed this indicator after you opened the form.',
          differences: differences(comparedFields(now, entries, await this.names(planId))),
          startAgain: `/admin/plans/${planId}/indicators/${indicatorId}/edit`,
        };
        return this.form(response, planId, current, entries, noErrors(), HttpStatus.CONFLICT, conflict);
      }
      throw error;
    }
  }

  /** Names for the ids a form holds (owner, lead agencies, priorities), so a conflict shows people and agencies, not ids. */
  private async names(planId: string): Promise<Map<string, string>> {
    const [tree, agencies, people] = await this.choices(planId);
    return new Map([...tree.sections.map((s) => [s.id, s.title] as const), ...agencies.map((a) => [a.id, a.name] as const), ...people.map((p) => [p.id, p.name] as const)]);
  }

  private choices(planId: string) {
    return Promise.all([
      this.plans.tree(planId),
      everyPage((page, pageSize) => this.agencies.list(Object.assign(new LeadAgencyListQuery(), { page, pageSize }))),
      everyPage((page, pageSize) => this.users.list(Object.assign(new UserListQuery(), { page, pageSize }))),
    ]);
  }

  /** The indicator, under this plan's address. */
  private async indicatorOf(planId: string, indicatorId: string): Promise<IndicatorView> {
    const indicator = await this.indicators.get(indicatorId);
    if (indicator.planId !== planId) throw new NotFoundException();
    return indicator;
  }

  private async form(response: Response, planId: string, indicator: IndicatorView | null, entries: IndicatorEntries, errors: FormErrors, status: number = HttpStatus.OK, conflict: object | null = null): Promise<void> {
    const [tree, agencies, people] = await this.choices(planId);
    this.pages.render(
      response,
      'admin/indicators/form',
      {
        plan: { id: tree.id, title: tree.title },
        indicator: indicator ? { id: indicator.id, title: indicator.title, version: indicator.version, href: indicatorPath(planId, indicator.id) } : null,
        action: indicator ? `/admin/plans/${planId}/indicators/${indicator.id}/edit` : `/admin/plans/${planId}/indicators/new`,
        entries,
        units: INDICATOR_UNITS.map((unit) => ({ value: unit, text: capital(UNIT_LABELS[unit]), checked: entries.unit === unit })),
        polarities: [
          ...Object.entries(POLARITY_LABELS).map(([value, label]) => ({ value, text: capital(label), checked: entries.polarity === value })),
          { value: '', text: 'Not set yet: shown, not rated', checked: entries.polarity === '' },
        ],
        frequencies: FREQUENCIES.map((value) => ({ value, text: FREQUENCY_LABELS[value], selected: entries.frequency === value })),
        cumulations: Object.entries(CUMULATION_LABELS).map(([value, label]) => ({ value, text: value === 'month' ? 'The month alone' : capital(label), selected: entries.cumulation === value })),
        owners: [
          { value: '', text: 'No owner', selected: !entries.ownerId },
          ...people
            .filter((person) => person.active || person.id === entries.ownerId)
            .map((person) => ({ value: person.id, text: `${person.name} (${person.email})${person.active ? '' : ' – deactivated'}`, selected: person.id === entries.ownerId })),
        ],
        agencies: agencies.map((agency) => ({ value: agency.id, text: agency.name, checked: entries.leadAgencyIds.includes(agency.id) })),
        priorities: tree.sections.map((section) => ({ value: section.id, text: section.title, checked: entries.sectionIds.includes(section.id) })),
        tolerances: [
          { value: '', text: 'The plan’s default', hint: { text: 'Within 5% of the target green, 5% to 15% amber, beyond that red, unless the plan sets its own.' }, checked: entries.toleranceBasis === '' },
          { value: 'percent_of_target', text: 'Its own, as a percentage of the target', checked: entries.toleranceBasis === 'percent_of_target' },
          { value: 'units', text: 'Its own, in the indicator’s units (points for a percentage)', checked: entries.toleranceBasis === 'units' },
        ],
        errors,
        conflict,
      },
      status,
    );
  }
}

function comparedFields(now: IndicatorEntries, yours: IndicatorEntries, names: ReadonlyMap<string, string>) {
  const name = (id: string) => (id ? (names.get(id) ?? id) : '');
  const list = (ids: string[]) => ids.map(name).sort().join(', ');
  return [
    { label: 'Title', now: now.title, yours: yours.title },
    { label: 'Definition', now: now.definition, yours: yours.definition },
    { label: 'Unit', now: now.unit, yours: yours.unit },
    { label: 'Which way is better', now: now.polarity, yours: yours.polarity },
    { label: 'How often', now: now.frequency, yours: yours.frequency },
    { label: 'What a month’s figure covers', now: now.cumulation, yours: yours.cumulation },
    { label: 'Owner', now: name(now.ownerId), yours: name(yours.ownerId) },
    { label: 'Lead agencies', now: list(now.leadAgencyIds), yours: list(yours.leadAgencyIds) },
    { label: 'Priorities', now: list(now.sectionIds), yours: list(yours.sectionIds) },
    { label: 'Tolerance', now: `${now.toleranceBasis} ${now.toleranceGreen} ${now.toleranceAmber}`, yours: `${yours.toleranceBasis} ${yours.toleranceGreen} ${yours.toleranceAmber}` },
    { label: 'Targets', now: now.targets, yours: yours.targets },
  ];
}
