import { ChangePasswordDto, SignInDto } from '../accounts/dto/auth.dto';
import { UpdateMeDto } from '../accounts/dto/user.dto';
import { addError, formErrors, hasErrors, text, validateForm } from './forms';

const signInWords = {
  email: { label: 'Email address', empty: 'Enter your email address', invalid: 'Enter an email address in the correct format, like name@example.com' },
  password: { label: 'Password', empty: 'Enter your password' },
};

describe('form errors from the API’s own rules', () => {
  it.each([
    [{ email: '', password: '' }, ['Enter your email address', 'Enter your password'], ['#email', '#password']],
    [{ email: 'not-an-address', password: 'x' }, ['Enter an email address in the correct format, like name@example.com'], ['#email']],
    [{ email: 'sam@council.example', password: '' }, ['Enter your password'], ['#password']],
    [{ email: 'sam@council.example', password: 'anything at all' }, [], []],
  ])('%j gives %j linked to %j', (input, messages, links) => {
    const { errors } = validateForm(SignInDto, input, signInWords);
    expect(errors.summary.map((e) => e.text)).toEqual(messages);
    expect(errors.summary.map((e) => e.href)).toEqual(links);
    expect(hasErrors(errors)).toBe(messages.length > 0);
  });

  it('uses the rule’s words after the label when the page has none of its own', () => {
    const { errors } = validateForm(ChangePasswordDto, { currentPassword: 'old one', newPassword: 'short' }, {
      currentPassword: { label: 'Current password', empty: 'Enter your current password' },
      newPassword: { label: 'New password', empty: 'Enter a new password' },
    });
    expect(errors.byField).toEqual({ newPassword: 'New password must be at least 12 characters' });
  });

  it('lists errors in the order of the form, and links nested fields to the input the page names', () => {
    const { errors } = validateForm(UpdateMeDto, { name: '', contactPreferences: { digest: 'hourly' }, version: 1 }, {
      'contactPreferences.digest': { label: 'Digest', id: 'digest', invalid: 'Select how often you want reminder emails' },
      name: { label: 'Full name', empty: 'Enter your full name' },
    });
    expect(errors.summary).toEqual([
      { text: 'Select how often you want reminder emails', href: '#digest' },
      { text: 'Enter your full name', href: '#name' },
    ]);
  });

  it('links a problem with a field the page does not show (a hidden version sent changed) to the form’s first field, not to nowhere', () => {
    const words = { name: { label: 'Full name', empty: 'Enter your full name' }, 'contactPreferences.digest': { label: 'Digest', id: 'digest' } };
    const { errors } = validateForm(UpdateMeDto, { name: 'Sam', version: 'abc' }, words);
    expect(errors.summary).toEqual([{ text: expect.stringMatching(/^version /), href: '#name' }]);
    // An item of a list the page shows keeps its own path, for the page to fold into the list's box.
    expect(formErrors({ 'outcomeMeasures[2]': 'must be shorter' }, {}, { outcomeMeasures: { label: 'Outcome measures' } }).summary).toEqual([
      { text: 'outcomeMeasures[2] must be shorter', href: '#outcomeMeasures[2]' },
    ]);
  });

  it('refuses what the API refuses: a repeated field arrives as an array and is not text', () => {
    const { errors } = validateForm(SignInDto, { email: ['a@b.example', 'c@d.example'], password: 'x' }, signInWords);
    expect(errors.byField.email).toBe('Enter an email address in the correct format, like name@example.com');
    expect(text(['a', 'b'])).toBe('');
    expect(text('a')).toBe('a');
  });

  it('words a service’s own field errors, and adds a page’s own', () => {
    const errors = formErrors({ currentPassword: 'is not your current password' }, { currentPassword: 'guess' }, { currentPassword: { label: 'Current password' } });
    addError(errors, 'confirmPassword', 'Enter the same password twice');
    addError(errors, 'confirmPassword', 'a second problem with the same field is not shown');
    expect(errors.summary.map((e) => e.text)).toEqual(['Current password is not your current password', 'Enter the same password twice']);
  });
});
