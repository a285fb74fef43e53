import { Body, ConflictException, Get, HttpStatus, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Response } from 'express';
import { Roles } from '../../../accounts/roles';
import { UpdateUserDto, UserListQuery } from '../../../accounts/dto/user.dto';
import { UsersService, UserView } from '../../../accounts/users.service';
import { FieldValidationException } from '../../../common/validation';
import { CreateLeadAgencyDto, LeadAgencyListQuery, UpdateLeadAgencyDto } from '../../../plans/dto/lead-agency.dto';
import { LeadAgenciesService } from '../../../plans/lead-agencies.service';
import { FieldWording, formErrors, FormErrors, hasErrors, noErrors, oneError, text, validateForm } from '../../forms';
import { pageId, PageController, pageNumber } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import { collapseIndexed, differences, everyPage, isStaleVersion, linesOf, optionalText, paginationOf, problemsOf, reasonOf, versionOf } from './admin-forms';

type Agency = Awaited<ReturnType<LeadAgenciesService['get']>>;

const WORDING: Record<string, FieldWording> = {
  name: { label: 'Name', empty: 'Enter the lead agency’s name' },
  shortName: { label: 'Short name' },
  aliases: { label: 'Other spelling' },
  parentId: { label: 'Part of', invalid: 'Select the body it is part of from the list' },
};

const DONE: Record<string, string> = {
  created: 'The lead agency has been added.',
  changed: 'The lead agency has been changed.',
  'contact-added': 'The contact has been added. They will hear of this agency’s work that has no owner.',
  'contact-removed': 'The contact has been removed. They stay a member of the agency.',
};

const PAGE_SIZE = 50;

/**
 * Lead agencies through the API's LeadAgenciesService: names, short names,
 * other spellings (which imports match), where each sits, and who hears of
 * its work. Contacts are people's memberships, so they change through
 * UsersService, one person at a time.
 */
@PageController('admin/lead-agencies')
@Roles('admin')
export class AdminLeadAgenciesController {
  constructor(
    private readonly agencies: LeadAgenciesService,
    private readonly users: UsersService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(@Query('search') search: unknown, @Query('page') page: unknown, @Query('done') done: unknown, @Res() response: Response): Promise<void> {
    const term = text(search).trim().slice(0, 200);
    const number = pageNumber(page);
    const [result, all] = await Promise.all([
      this.agencies.list(Object.assign(new LeadAgencyListQuery(), { page: number, pageSize: PAGE_SIZE, search: term || undefined })),
      this.allAgencies(),
    ]);
    const names = new Map(all.map((agency) => [agency.id, agency.name]));
    const query = (n: number) => `/admin/lead-agencies?${new URLSearchParams({ ...(term ? { search: term } : {}), page: String(n) }).toString()}`;
    this.pages.render(response, 'admin/lead-agencies/index', {
      search: term,
      total: result.total,
      page: number,
      items: result.items.map((agency) => ({ ...agency, parentName: agency.parentId ? (names.get(agency.parentId) ?? null) : null })),
      pagination: paginationOf(number, PAGE_SIZE, result.total, query),
      done: done === 'deleted' ? 'The lead agency has been deleted.' : null,
    });
  }

  @Get('new')
  async newForm(@Res() response: Response): Promise<void> {
    await this.form(response, null, { name: '', shortName: '', aliases: '', parentId: '' }, noErrors());
  }

  @Post('new')
  async create(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const values = formValues(body);
    const input = { name: values.name, shortName: optionalText(values.shortName), aliases: linesOf(values.aliases), parentId: values.parentId || null };
    const { value, errors } = validateForm(CreateLeadAgencyDto, input, WORDING);
    if (hasErrors(errors)) return this.form(response, null, values, errors, HttpStatus.BAD_REQUEST);
    try {
      const created = await this.agencies.create(value);
      this.pages.redirect(response, `/admin/lead-agencies/${created.id}?done=created`);
    } catch (error) {
      if (error instanceof FieldValidationException) return this.form(response, null, values, formErrors(collapseIndexed(problemsOf(error), 'aliases'), input, WORDING), HttpStatus.BAD_REQUEST);
      throw error;
    }
  }

  @Get(':agencyId')
  show(@Param('agencyId', pageId) id: string, @Query('done') done: unknown, @Res() response: Response): Promise<void> {
    return this.renderShow(response, id, typeof done === 'string' ? (DONE[done] ?? null) : null);
  }

  private async renderShow(response: Response, id: string, done: string | null, problem: string | null = null, status: number = HttpStatus.OK): Promise<void> {
    const [agency, all, people] = await Promise.all([this.agencies.get(id), this.allAgencies(), this.allPeople()]);
    const names = new Map(all.map((a) => [a.id, a.name]));
    const members = people.filter((person) => person.leadAgencies.some((membership) => membership.id === id));
    const contacts = members.filter((person) => person.leadAgencies.some((membership) => membership.id === id && membership.isContact));
    this.pages.render(
      response,
      'admin/lead-agencies/show',
      {
        agency,
        parent: agency.parentId ? { id: agency.parentId, name: names.get(agency.parentId) ?? '' } : null,
        divisions: all.filter((a) => a.parentId === id).map((a) => ({ id: a.id, name: a.name })),
        contacts: contacts.map((person) => ({ id: person.id, name: person.name, email: person.email, version: person.version, active: person.active })),
        members: members.filter((person) => !contacts.includes(person)).map((person) => ({ id: person.id, name: person.name, email: person.email, active: person.active })),
        candidates: people.filter((person) => person.active && !contacts.includes(person)).map((person) => ({ value: person.id, text: `${person.name} (${person.email})` })),
        done,
        errors: problem ? oneError('personId', problem) : noErrors(),
      },
      status,
    );
  }

  @Get(':agencyId/edit')
  async editForm(@Param('agencyId', pageId) id: string, @Res() response: Response): Promise<void> {
    const agency = await this.agencies.get(id);
    await this.form(response, agency, valuesOf(agency), noErrors());
  }

  @Post(':agencyId/edit')
  async update(@Param('agencyId', pageId) id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const agency = await this.agencies.get(id);
    const values = formValues(body);
    const input = { name: values.name, shortName: optionalText(values.shortName), aliases: linesOf(values.aliases), parentId: values.parentId || null, version: versionOf(body.version) };
    const { value, errors } = validateForm(UpdateLeadAgencyDto, input, WORDING);
    if (hasErrors(errors)) return this.form(response, { ...agency, version: Number(input.version) }, values, errors, HttpStatus.BAD_REQUEST);
    try {
      await this.agencies.update(id, value);
      this.pages.redirect(response, `/admin/lead-agencies/${id}?done=changed`);
    } catch (error) {
      if (error instanceof FieldValidationException) {
        return this.form(response, { ...agency, version: Number(input.version) }, values, formErrors(collapseIndexed(problemsOf(error), 'aliases'), input, WORDING), HttpStatus.BAD_REQUEST);
      }
      if (isStaleVersion(error)) {
        const current = await this.agencies.get(id);
        const all = await this.allAgencies();
        const nameOf = (parentId: string | null) => (parentId ? (all.find((a) => a.id === parentId)?.name ?? '') : '');
        const conflict = {
          what: 'Someone saved a change to this lead agency after you opened the form.',
          startAgain: `/admin/lead-agencies/${id}/edit`,
          differences: differences([
            { label: 'Name', now: current.name, yours: values.name },
            { label: 'Short name', now: current.shortName ?? '', yours: values.shortName },
            { label: 'Other spellings', now: current.aliases.join('\n'), yours: linesOf(values.aliases).join('\n') },
            { label: 'Part of', now: nameOf(current.parentId), yours: nameOf(values.parentId || null) },
          ]),
        };
        return this.form(response, current, values, noErrors(), HttpStatus.CONFLICT, conflict);
      }
      throw error;
    }
  }

  @Get(':agencyId/delete')
  async confirmDelete(@Param('agencyId', pageId) id: string, @Res() response: Response): Promise<void> {
    this.pages.render(response, 'admin/lead-agencies/delete', { agency: await this.agencies.get(id), errors: noErrors() });
  }

  @Post(':agencyId/delete')
  async remove(@Param('agencyId', pageId) id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const version = versionOf(body.version);
    const agency = await this.agencies.get(id);
    try {
      await this.agencies.remove(id, typeof version === 'number' ? version : -1);
    } catch (error) {
      if (error instanceof ConflictException) {
        // Still leading work or holding divisions, or changed since the page was opened: say which, and offer the page again as it is now.
        const stale = isStaleVersion(error);
        const reason = stale ? 'Someone changed this lead agency after you opened this page. Check it is still the one to delete.' : reasonOf(error);
        return this.pages.render(response, 'admin/lead-agencies/delete', { agency, errors: oneError('delete', reason), blocked: !stale }, HttpStatus.CONFLICT);
      }
      throw error;
    }
    this.pages.redirect(response, '/admin/lead-agencies?done=deleted');
  }

  /** Makes a person a contact of the agency: one person's change, from their record as it is now, so nothing else of theirs is touched. */
  @Post(':agencyId/contacts')
  async addContact(@Param('agencyId', pageId) id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    await this.agencies.get(id);
    const personId = text(body.personId);
    if (!personId) return this.renderShow(response, id, null, 'Select the person to add as a contact', HttpStatus.BAD_REQUEST);
    const person = isUUID(personId) ? await this.users.get(personId).catch((error: unknown) => (error instanceof NotFoundException ? null : Promise.reject(error))) : null;
    if (!person || !person.active) return this.renderShow(response, id, null, 'Select the person to add as a contact from the list', HttpStatus.BAD_REQUEST);
    const contactFor = [...new Set([...person.leadAgencies.filter((m) => m.isContact).map((m) => m.id), id])];
    const saved = await this.saveContacts(person, contactFor);
    if (saved !== true) return this.renderShow(response, id, null, saved, HttpStatus.CONFLICT);
    this.pages.redirect(response, `/admin/lead-agencies/${id}?done=contact-added`);
  }

  @Post(':agencyId/contacts/:userId/remove')
  async removeContact(@Param('agencyId', pageId) id: string, @Param('userId', pageId) userId: string, @Res() response: Response): Promise<void> {
    await this.agencies.get(id);
    const person = await this.users.get(userId);
    if (!person.leadAgencies.some((m) => m.id === id && m.isContact)) throw new NotFoundException();
    const saved = await this.saveContacts(person, person.leadAgencies.filter((m) => m.isContact && m.id !== id).map((m) => m.id));
    if (saved !== true) return this.renderShow(response, id, null, saved, HttpStatus.CONFLICT);
    this.pages.redirect(response, `/admin/lead-agencies/${id}?done=contact-removed`);
  }

  private async saveContacts(person: UserView, contactForLeadAgencyIds: string[]): Promise<true | string> {
    try {
      await this.users.update(person.id, Object.assign(new UpdateUserDto(), { contactForLeadAgencyIds, version: person.version }));
      return true;
    } catch (error) {
      if (isStaleVersion(error)) return `${person.name}’s record changed while this was being saved. Nothing was changed: try again.`;
      throw error;
    }
  }

  private async form(response: Response, agency: Agency | null, values: ReturnType<typeof formValues>, errors: FormErrors, status: number = HttpStatus.OK, conflict: object | null = null): Promise<void> {
    const all = await this.allAgencies();
    this.pages.render(
      response,
      agency ? 'admin/lead-agencies/edit' : 'admin/lead-agencies/new',
      {
        agency,
        values,
        parents: [
          { value: '', text: 'None: a body of its own', selected: !values.parentId },
          ...all.filter((a) => a.id !== agency?.id).map((a) => ({ value: a.id, text: a.name, selected: a.id === values.parentId })),
        ],
        errors,
        conflict,
      },
      status,
    );
  }

  private allAgencies(): Promise<Agency[]> {
    return everyPage((page, pageSize) => this.agencies.list(Object.assign(new LeadAgencyListQuery(), { page, pageSize })));
  }

  private allPeople(): Promise<UserView[]> {
    return everyPage((page, pageSize) => this.users.list(Object.assign(new UserListQuery(), { page, pageSize })));
  }
}

function formValues(body: Record<string, unknown>) {
  return { name: text(body.name).trim(), shortName: text(body.shortName).trim(), aliases: text(body.aliases), parentId: text(body.parentId) };
}

function valuesOf(agency: Agency) {
  return { name: agency.name, shortName: agency.shortName ?? '', aliases: agency.aliases.join('\n'), parentId: agency.parentId ?? '' };
}
