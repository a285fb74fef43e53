import { Body, Get, HttpStatus, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthService } from '../../accounts/auth.service';
import { PasswordResetConfirmDto, PasswordResetRequestDto } from '../../accounts/dto/auth.dto';
import { Public } from '../../accounts/roles';
import { FieldValidationException } from '../../common/validation';
import { addError, FieldWording, hasErrors, noErrors, text, validateForm } from '../forms';
import { PageController } from '../page-controller';
import { PageRenderer } from '../page-renderer.service';

const EMAIL: Record<string, FieldWording> = {
  email: { label: 'Email address', empty: 'Enter your email address', invalid: 'Enter an email address in the correct format, like name@example.com' },
};

export const NEW_PASSWORD: Record<string, FieldWording> = {
  password: { label: 'New password', empty: 'Enter a new password' },
  confirmPassword: { label: 'Confirm new password', empty: 'Enter your new password again' },
};

/**
 * Forgotten password: the emailed link (AuthService.requestPasswordReset
 * writes `${PUBLIC_URL}/reset-password?token=…`) lands on the page that sets
 * the new password. The answer to "send me a link" is the same whether or not
 * the address has an account.
 */
@PageController()
export class PasswordController {
  constructor(
    private readonly auth: AuthService,
    private readonly pages: PageRenderer,
  ) {}

  @Public()
  @Get('forgotten-password')
  form(@Res() response: Response): void {
    this.auth.assertPasswordSignIn();
    this.pages.render(response, 'password/forgotten', { values: { email: '' }, errors: noErrors() });
  }

  @Public()
  @Post('forgotten-password')
  async send(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const input = { email: text(body.email).trim() };
    const { errors } = validateForm(PasswordResetRequestDto, input, EMAIL);
    if (hasErrors(errors)) return this.pages.render(response, 'password/forgotten', { values: input, errors }, HttpStatus.BAD_REQUEST);
    await this.auth.requestPasswordReset(input.email);
    this.pages.render(response, 'password/link-sent');
  }

  @Public()
  @Get('reset-password')
  async resetForm(@Query('token') token: unknown, @Res() response: Response): Promise<void> {
    const value = text(token);
    if (!value || !(await this.auth.passwordResetUsable(value))) return this.pages.render(response, 'password/link-expired', {}, HttpStatus.GONE);
    this.pages.render(response, 'password/reset', { token: value, errors: noErrors() });
  }

  @Public()
  @Post('reset-password')
  async reset(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const input = { token: text(body.token), password: text(body.password) };
    const { errors } = validateForm(PasswordResetConfirmDto, input, { ...NEW_PASSWORD, token: { label: 'Reset link' } });
    if (errors.byField.token) return this.pages.render(response, 'password/link-expired', {}, HttpStatus.GONE);
    if (!errors.byField.password && text(body.confirmPassword) !== input.password) {
      addError(errors, 'confirmPassword', text(body.confirmPassword) ? 'Enter the same password in both boxes' : 'Enter your new password again');
    }
    if (hasErrors(errors)) return this.pages.render(response, 'password/reset', { token: input.token, errors }, HttpStatus.BAD_REQUEST);
    try {
      await this.auth.confirmPasswordReset(input.token, input.password);
    } catch (error) {
      // Used or expired meanwhile (the link works once, for an hour).
      if (error instanceof FieldValidationException) return this.pages.render(response, 'password/link-expired', {}, HttpStatus.GONE);
      throw error;
    }
    this.pages.redirect(response, '/sign-in?notice=password-reset');
  }
}
