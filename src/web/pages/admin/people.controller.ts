import { BadRequestException, Body, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthService } from '../../../accounts/auth.service';
import { CurrentActor } from '../../../accounts/current-actor.decorator';
import { CreateUserDto, UpdateUserDto, UserListQuery } from '../../../accounts/dto/user.dto';
import { PLAN_ROLES, PlanRole } from '../../../accounts/entities/plan-member.entity';
import { ROLES, Role, Roles } from '../../../accounts/roles';
import { UsersService, UserView } from '../../../accounts/users.service';
import type { Actor } from '../../../common/request-context';
import { FieldValidationException } from '../../../common/validation';
import { LeadAgencyListQuery } from '../../../plans/dto/lead-agency.dto';
import { PlanListQuery } from '../../../plans/dto/plan.dto';
import { LeadAgenciesService } from '../../../plans/lead-agencies.service';
import { PlansService } from '../../../plans/plans.service';
import { FieldWording, formErrors, FormErrors, hasErrors, noErrors, oneError, text, validateForm } from '../../forms';
import { roleName } from '../../navigation';
import { pageId, PageController, pageNumber } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import { differences, everyPage, isStaleVersion, listOf, optionalText, paginationOf, problemsOf, ROLE_HINTS, versionOf } from './admin-forms';
import { PersonForm, personFormValues, personInput, personProblems, seatFieldId } from './people.view-model';

const WORDING: Record<string, FieldWording> = {
  name: { label: 'Full name', empty: 'Enter the person’s full name' },
  email: { label: 'Email address', empty: 'Enter the person’s email address', invalid: 'Enter an email address in the correct format, like name@council.gov.uk' },
  jobTitle: { label: 'Job title' },
  roles: { label: 'Roles', empty: 'Select at least one role', invalid: 'Select at least one role' },
  leadAgencyIds: { label: 'Lead agencies', invalid: 'Select lead agencies from the list' },
  contactForLeadAgencyIds: { label: 'Contact for', id: 'leadAgencyIds', invalid: 'Select lead agencies from the list' },
  'contactPreferences.digest': { label: 'Reminder emails', id: 'digest', invalid: 'Select how often they get reminder emails' },
};

const DONE: Record<string, string> = {
  created: 'The person has been added.',
  'created-link': 'The person has been added, and emailed a link to set their password (it works for one hour).',
  changed: 'The person’s details have been changed.',
  deactivated: 'The person has been deactivated. They were signed out everywhere and can no longer sign in.',
  reactivated: 'The person has been reactivated. They can sign in again.',
  'link-sent': 'A link to set a password has been emailed to them. It works for one hour.',
};

const PAGE_SIZE = 50;

/**
 * People through the API's UsersService: their roles, lead agencies (and
 * which they are a contact for), seats on plans (chair or viewer per plan)
 * and reminder emails; deactivated rather than deleted, so the record still
 * names them.
 */
@PageController('admin/people')
@Roles('admin')
export class AdminPeopleController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly agencies: LeadAgenciesService,
    private readonly plans: PlansService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(@Query('role') role: unknown, @Query('page') page: unknown, @Res() response: Response): Promise<void> {
    const chosen = typeof role === 'string' && (ROLES as readonly string[]).includes(role) ? (role as Role) : undefined;
    const number = pageNumber(page);
    const result = await this.users.list(Object.assign(new UserListQuery(), { page: number, pageSize: PAGE_SIZE, role: chosen }));
    const href = (n: number) => `/admin/people?${new URLSearchParams({ ...(chosen ? { role: chosen } : {}), page: String(n) }).toString()}`;
    this.pages.render(response, 'admin/people/index', {
      role: chosen ?? '',
      roleChoices: [{ value: '', text: 'Everyone', selected: !chosen }, ...ROLES.map((r) => ({ value: r, text: roleName(r), selected: r === chosen }))],
      total: result.total,
      page: number,
      items: result.items.map((person) => ({ id: person.id, name: person.name, email: person.email, roles: person.roles.map(roleName), active: person.active })),
      pagination: paginationOf(number, PAGE_SIZE, result.total, href),
    });
  }

  @Get('new')
  async newForm(@Res() response: Response): Promise<void> {
    await this.form(response, null, personFormValues(null), noErrors());
  }

  @Post('new')
  async create(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const plans = await this.allPlans();
    const values = readForm(body, plans);
    const { input, seats } = personInput(values);
    const { value, errors } = validateForm(CreateUserDto, input, WORDING);
    if (hasErrors(errors)) return this.form(response, null, values, errors, HttpStatus.BAD_REQUEST);
    try {
      const created = await this.users.create(value);
      const sendLink = values.sendLink === true;
      if (sendLink) await this.auth.requestPasswordReset(created.email);
      this.pages.redirect(response, `/admin/people/${created.id}?done=${sendLink ? 'created-link' : 'created'}`);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.form(response, null, values, formErrors(personProblems(problemsOf(error), seats, plans), input, wordingFor(seats)), HttpStatus.BAD_REQUEST);
      throw error;
    }
  }

  @Get(':userId')
  async show(@CurrentActor() actor: Actor, @Param('userId', pageId) id: string, @Query('done') done: unknown, @Res() response: Response): Promise<void> {
    const [person, plans] = await Promise.all([this.users.get(id), this.allPlans()]);
    const titles = new Map(plans.map((plan) => [plan.id, plan.title]));
    this.pages.render(response, 'admin/people/show', {
      person: {
        ...person,
        roles: person.roles.map(roleName),
        seats: person.planRoles.map((seat) => ({ planId: seat.planId, title: titles.get(seat.planId) ?? '', role: seat.role === 'chair' ? 'Chair' : 'Viewer' })),
        digest: person.contactPreferences?.digest === 'weekly' ? 'Weekly' : 'Daily',
      },
      isYou: person.id === actor.id,
      done: typeof done === 'string' ? (DONE[done] ?? null) : null,
    });
  }

  @Get(':userId/edit')
  async editForm(@Param('userId', pageId) id: string, @Res() response: Response): Promise<void> {
    const person = await this.users.get(id);
    await this.form(response, person, personFormValues(person), noErrors());
  }

  @Post(':userId/edit')
  async update(@Param('userId', pageId) id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const [person, plans] = await Promise.all([this.users.get(id), this.allPlans()]);
    const values = readForm(body, plans);
    const { input, seats } = personInput(values);
    const update = { ...input, version: versionOf(body.version) };
    const { value, errors } = validateForm(UpdateUserDto, update, WORDING);
    const asOpened = { ...person, version: Number(update.version) };
    if (hasErrors(errors)) return this.form(response, asOpened, values, errors, HttpStatus.BAD_REQUEST);
    try {
      await this.users.update(id, value);
      this.pages.redirect(response, `/admin/people/${id}?done=changed`);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.form(response, asOpened, values, formErrors(personProblems(problemsOf(error), seats, plans), update, wordingFor(seats)), HttpStatus.BAD_REQUEST);
      if (isStaleVersion(error)) {
        const current = await this.users.get(id);
        const [agencies] = await Promise.all([this.allAgencies()]);
        const now = personFormValues(current);
        const words = describe(agencies, plans);
        const conflict = {
          what: 'Someone saved a change to this person after you opened the form.',
          startAgain: `/admin/people/${id}/edit`,
          differences: differences([
            { label: 'Full name', now: now.name, yours: values.name },
            { label: 'Email address', now: now.email, yours: values.email },
            { label: 'Job title', now: now.jobTitle, yours: values.jobTitle },
            { label: 'Roles', now: now.roles.map((r) => roleName(r as Role)).join(', '), yours: values.roles.map((r) => roleName(r as Role)).join(', ') },
            { label: 'Lead agencies', now: words.agencies(now), yours: words.agencies(values) },
            { label: 'Seats on plans', now: words.seats(now), yours: words.seats(values) },
            { label: 'Reminder emails', now: now.digest, yours: values.digest },
          ]),
        };
        return this.form(response, current, values, noErrors(), HttpStatus.CONFLICT, conflict);
      }
      throw error;
    }
  }

  @Get(':userId/deactivate')
  async confirmDeactivate(@CurrentActor() actor: Actor, @Param('userId', pageId) id: string, @Res() response: Response): Promise<void> {
    await this.confirmActive(response, actor, id, false);
  }

  @Post(':userId/deactivate')
  async deactivate(@CurrentActor() actor: Actor, @Param('userId', pageId) id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    await this.setActive(response, actor, id, false, body);
  }

  @Get(':userId/reactivate')
  async confirmReactivate(@CurrentActor() actor: Actor, @Param('userId', pageId) id: string, @Res() response: Response): Promise<void> {
    await this.confirmActive(response, actor, id, true);
  }

  @Post(':userId/reactivate')
  async reactivate(@CurrentActor() actor: Actor, @Param('userId', pageId) id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    await this.setActive(response, actor, id, true, body);
  }

  /** Emails the person a link to set a password, as "Forgotten your password?" does (a few an hour at most). */
  @Post(':userId/password-link')
  async passwordLink(@Param('userId', pageId) id: string, @Res() response: Response): Promise<void> {
    const person = await this.users.get(id);
    if (!person.active) throw new BadRequestException('A deactivated person cannot be sent a link');
    await this.auth.requestPasswordReset(person.email);
    this.pages.redirect(response, `/admin/people/${id}?done=link-sent`);
  }

  private async confirmActive(response: Response, actor: Actor, id: string, active: boolean, errors: FormErrors = noErrors(), status: number = HttpStatus.OK, person?: UserView): Promise<void> {
    const shown = person ?? (await this.users.get(id));
    this.pages.render(response, 'admin/people/active', { person: shown, active, isYou: shown.id === actor.id, errors }, status);
  }

  private async setActive(response: Response, actor: Actor, id: string, active: boolean, body: Record<string, unknown>): Promise<void> {
    const person = await this.users.get(id);
    // Deactivating yourself would lock you out at once, mid-task: another administrator does it.
    if (!active && person.id === actor.id) return this.confirmActive(response, actor, id, active, oneError('confirm', 'You cannot deactivate yourself. Ask another administrator.'), HttpStatus.BAD_REQUEST, person);
    const version = versionOf(body.version);
    try {
      await this.users.update(id, Object.assign(new UpdateUserDto(), { active, version: typeof version === 'number' ? version : -1 }));
    } catch (error) {
      if (isStaleVersion(error)) {
        const current = await this.users.get(id);
        return this.confirmActive(response, actor, id, active, oneError('confirm', `Someone changed ${current.name}’s details after you opened this page. Check them, then confirm again.`), HttpStatus.CONFLICT, current);
      }
      throw error;
    }
    this.pages.redirect(response, `/admin/people/${id}?done=${active ? 'reactivated' : 'deactivated'}`);
  }

  private async form(response: Response, person: UserView | null, values: PersonForm, errors: FormErrors, status: number = HttpStatus.OK, conflict: object | null = null): Promise<void> {
    const [agencies, plans] = await Promise.all([this.allAgencies(), this.allPlans()]);
    this.pages.render(
      response,
      person ? 'admin/people/edit' : 'admin/people/new',
      {
        person,
        values,
        roles: ROLES.map((role) => ({ value: role, text: roleName(role), hint: { text: ROLE_HINTS[role] }, checked: values.roles.includes(role) })),
        agencies: agencies.map((agency) => ({
          id: agency.id,
          name: agency.name,
          member: values.leadAgencyIds.includes(agency.id),
          contact: values.contactForLeadAgencyIds.includes(agency.id),
        })),
        plans: plans.map((plan) => ({ id: plan.id, title: plan.title, fieldId: seatFieldId(plan.id), seat: values.seats[plan.id] ?? '' })),
        errors,
        conflict,
      },
      status,
    );
  }

  private allAgencies() {
    return everyPage((page, pageSize) => this.agencies.list(Object.assign(new LeadAgencyListQuery(), { page, pageSize })));
  }

  private allPlans() {
    return everyPage((page, pageSize) => this.plans.list(Object.assign(new PlanListQuery(), { page, pageSize })));
  }
}

/** The form as sent: text fields, ticked boxes, and a seat per plan the page listed. */
function readForm(body: Record<string, unknown>, plans: Array<{ id: string }>): PersonForm {
  const seats: Record<string, PlanRole | ''> = {};
  for (const plan of plans) {
    const seat = text(body[seatFieldId(plan.id)]);
    seats[plan.id] = (PLAN_ROLES as readonly string[]).includes(seat) ? (seat as PlanRole) : '';
  }
  return {
    name: text(body.name).trim(),
    email: text(body.email).trim(),
    jobTitle: optionalText(body.jobTitle) ?? '',
    roles: listOf(body.roles),
    leadAgencyIds: listOf(body.leadAgencyIds),
    contactForLeadAgencyIds: listOf(body.contactForLeadAgencyIds),
    seats,
    digest: text(body.digest),
    sendLink: text(body.sendLink) === 'yes',
  };
}

/** For the service's own refusals: a taken email address is said as such, not as a format problem; each seat's problem on its plan. */
function wordingFor(seats: string[]): Record<string, FieldWording> {
  return { ...WORDING, email: { label: 'Email address' }, ...Object.fromEntries(seats.map((planId) => [seatFieldId(planId), { label: 'The seat on' }])) };
}

/** Agencies and seats in words, for the conflict page. */
function describe(agencies: Array<{ id: string; name: string }>, plans: Array<{ id: string; title: string }>) {
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  const planTitle = new Map(plans.map((p) => [p.id, p.title]));
  return {
    agencies: (values: PersonForm) =>
      values.leadAgencyIds
        .map((id) => `${agencyName.get(id) ?? ''}${values.contactForLeadAgencyIds.includes(id) ? ' (contact)' : ''}`)
        .sort()
        .join('\n'),
    seats: (values: PersonForm) =>
      Object.entries(values.seats)
        .filter(([, seat]) => seat)
        .map(([planId, seat]) => `${seat === 'chair' ? 'Chair' : 'Viewer'}: ${planTitle.get(planId) ?? ''}`)
        .sort()
        .join('\n'),
  };
}
