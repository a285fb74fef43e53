import { Body, ConflictException, Get, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthService } from '../../accounts/auth.service';
import { CurrentActor } from '../../accounts/current-actor.decorator';
import { ChangePasswordDto, CreateApiTokenDto } from '../../accounts/dto/auth.dto';
import { UpdateMeDto } from '../../accounts/dto/user.dto';
import { UsersService } from '../../accounts/users.service';
import { CalendarFeeds } from '../../calendar/calendar-feeds.service';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { Actor } from '../../common/request-context';
import { FieldValidationException } from '../../common/validation';
import { addError, FieldWording, formErrors, FormErrors, hasErrors, noErrors, oneError, text, validateForm } from '../forms';
import { pageId, PageController } from '../page-controller';
import { PageRenderer } from '../page-renderer.service';
import { accountViewModel, DIGEST_CHOICES } from './account.view-model';
import { problemsOf } from './admin/admin-forms';

const NAME: Record<string, FieldWording> = { name: { label: 'Full name', empty: 'Enter your full name' } };
const DIGEST: Record<string, FieldWording> = {
  'contactPreferences.digest': { label: 'Reminder emails', id: 'digest', invalid: 'Select how often you want reminder emails' },
};
const PASSWORD: Record<string, FieldWording> = {
  currentPassword: { label: 'Current password', empty: 'Enter your current password', invalid: 'The current password is not right' },
  newPassword: { label: 'New password', empty: 'Enter a new password' },
  confirmPassword: { label: 'Confirm new password', empty: 'Enter your new password again' },
};
const TOKEN: Record<string, FieldWording> = { name: { label: 'Token name', empty: 'Enter a name for the token' } };

/** Banners after a change, chosen by a fixed key in the address (never its text). */
const DONE: Record<string, string> = {
  name: 'Your name has been changed.',
  digest: 'Your reminder email choice has been saved.',
  password: 'Your password has been changed. You have been signed out everywhere else, and your personal API tokens have been revoked.',
  'token-revoked': 'The API token has been revoked. Scripts using it can no longer sign in.',
};

const STALE = 'Your account was changed somewhere else since you opened this page. Check the details and save again.';

/**
 * Your account: name, reminder emails, password and personal API tokens,
 * through the same UsersService and AuthService as /api/me.
 */
@PageController('account')
export class AccountController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly pages: PageRenderer,
    private readonly calendar: CalendarFeeds,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async show(@CurrentActor() actor: Actor, @Query('done') done: unknown, @Res() response: Response): Promise<void> {
    const [user, tokens, calendarFeed] = await Promise.all([this.users.get(actor.id), this.auth.listApiTokens(actor), this.calendar.view(actor, null)]);
    this.pages.render(response, 'account/index', {
      ...accountViewModel(user, tokens),
      calendarFeedOn: calendarFeed.active,
      passwordSignIn: this.config.passwordSignIn,
      done: typeof done === 'string' ? (DONE[done] ?? null) : null,
    });
  }

  @Get('name')
  async nameForm(@CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const user = await this.users.get(actor.id);
    this.pages.render(response, 'account/name', { values: { name: user.name }, version: user.version, errors: noErrors() });
  }

  @Post('name')
  async changeName(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const input = { name: text(body.name).trim(), version: Number(text(body.version)) };
    const { value, errors } = validateForm(UpdateMeDto, input, NAME);
    const again = async (errs: FormErrors, status: number, version = input.version) =>
      this.pages.render(response, 'account/name', { values: { name: input.name }, version, errors: errs }, status);
    if (hasErrors(errors)) return again(errors, HttpStatus.BAD_REQUEST);
    const saved = await this.save(actor, value, input, NAME);
    if (saved !== true) return again(saved.errors, saved.status, saved.version);
    this.pages.redirect(response, '/account?done=name');
  }

  @Get('digest')
  async digestForm(@CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const user = await this.users.get(actor.id);
    this.pages.render(response, 'account/digest', { choices: DIGEST_CHOICES, values: { digest: user.contactPreferences?.digest ?? 'daily' }, version: user.version, errors: noErrors() });
  }

  @Post('digest')
  async changeDigest(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const input = { contactPreferences: { digest: text(body.digest) }, version: Number(text(body.version)) };
    const { value, errors } = validateForm(UpdateMeDto, input, DIGEST);
    const again = (errs: FormErrors, status: number, version = input.version) =>
      this.pages.render(response, 'account/digest', { choices: DIGEST_CHOICES, values: { digest: input.contactPreferences.digest }, version, errors: errs }, status);
    if (hasErrors(errors)) return again(errors, HttpStatus.BAD_REQUEST);
    const saved = await this.save(actor, value, input, DIGEST);
    if (saved !== true) return again(saved.errors, saved.status, saved.version);
    this.pages.redirect(response, '/account?done=digest');
  }

  @Get('password')
  passwordForm(@Res() response: Response): void {
    this.auth.assertPasswordSignIn();
    this.pages.render(response, 'account/password', { errors: noErrors() });
  }

  @Post('password')
  async changePassword(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const input = { currentPassword: text(body.currentPassword), newPassword: text(body.newPassword) };
    const { errors } = validateForm(ChangePasswordDto, input, PASSWORD);
    if (!errors.byField.newPassword && text(body.confirmPassword) !== input.newPassword) {
      addError(errors, 'confirmPassword', text(body.confirmPassword) ? 'Enter the same new password in both boxes' : 'Enter your new password again');
    }
    const again = (errs: FormErrors) => this.pages.render(response, 'account/password', { errors: errs }, HttpStatus.BAD_REQUEST);
    if (hasErrors(errors)) return again(errors);
    try {
      await this.auth.changePassword(actor, input.currentPassword, input.newPassword);
    } catch (error) {
      if (error instanceof FieldValidationException) return again(formErrors(problemsOf(error), input, PASSWORD));
      throw error;
    }
    this.pages.redirect(response, '/account?done=password');
  }

  @Get('api-tokens/new')
  tokenForm(@Res() response: Response): void {
    this.pages.render(response, 'account/new-token', { values: { name: '' }, errors: noErrors() });
  }

  /** The token is on this page only, once: it is stored as a hash and cannot be shown again. */
  @Post('api-tokens/new')
  async createToken(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const input = { name: text(body.name).trim() };
    const { errors } = validateForm(CreateApiTokenDto, input, TOKEN);
    if (hasErrors(errors)) return this.pages.render(response, 'account/new-token', { values: input, errors }, HttpStatus.BAD_REQUEST);
    const created = await this.auth.createApiToken(actor, { name: input.name });
    this.pages.render(response, 'account/token-created', { token: created }, HttpStatus.CREATED);
  }

  @Post('api-tokens/:id/revoke')
  async revokeToken(@CurrentActor() actor: Actor, @Param('id', pageId) id: string, @Res() response: Response): Promise<void> {
    await this.auth.revokeApiToken(actor, id);
    this.pages.redirect(response, '/account?done=token-revoked#api-tokens');
  }

  /** Saves through UsersService.updateMe; a stale version (409) or a service's field error comes back as the form's errors. */
  private async save(actor: Actor, value: UpdateMeDto, input: Record<string, unknown>, wording: Record<string, FieldWording>): Promise<true | { errors: FormErrors; status: number; version: number }> {
    try {
      await this.users.updateMe(actor, value);
      return true;
    } catch (error) {
      if (error instanceof ConflictException) {
        const current = await this.users.get(actor.id);
        const [first] = Object.entries(wording);
        return { errors: oneError(first[1].id ?? first[0], STALE), status: HttpStatus.CONFLICT, version: current.version };
      }
      if (error instanceof FieldValidationException) return { errors: formErrors(problemsOf(error), input, wording), status: HttpStatus.BAD_REQUEST, version: Number(input.version) };
      throw error;
    }
  }
}
