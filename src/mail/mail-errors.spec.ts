import { MailDeliveryError, redact, secretsOfSmtpUrl, toMailDeliveryError } from './mail-errors';

describe('secretsOfSmtpUrl', () => {
  it('covers the password as written, decoded, and as AUTH LOGIN and AUTH PLAIN encode it', () => {
    const secrets = secretsOfSmtpUrl('smtp://alerts%40council:p%40ss%3Aword@mail.council.example:587');
    expect(secrets).toEqual(
      expect.arrayContaining([
        'p%40ss%3Aword',
        'p@ss:word',
        Buffer.from('p@ss:word').toString('base64'),
        Buffer.from('\u0000alerts@council\u0000p@ss:word').toString('base64'),
      ]),
    );
  });

  it('has nothing to hide when the URL has no password', () => {
    expect(secretsOfSmtpUrl('smtp://mail.council.example:25')).toEqual([]);
    expect(secretsOfSmtpUrl('smtp://relay-user@mail.council.example:25')).toEqual([]);
  });
});

describe('toMailDeliveryError', () => {
  const url = 'smtps://alerts:hunter2-long@mail.council.example';
  const secrets = secretsOfSmtpUrl(url);

  it.each([
    ['the decoded password', 'Invalid login for hunter2-long'],
    ['the whole URL', `Cannot connect to ${url}`],
    ['AUTH PLAIN credentials', `535 rejected ${Buffer.from('\u0000alerts\u0000hunter2-long').toString('base64')}`],
    ['AUTH LOGIN credentials', `535 rejected ${Buffer.from('hunter2-long').toString('base64')}`],
  ])('removes %s from the message, command and response', (_what, text) => {
    const source = Object.assign(new Error(text), { code: 'EAUTH', responseCode: 535, permanent: true, command: text, response: text });

    const error = toMailDeliveryError(source, secrets);

    expect(error).toBeInstanceOf(MailDeliveryError);
    for (const shown of [error.message, error.command, error.response, error.stack, JSON.stringify(error)]) {
      expect(shown).toContain('[redacted]');
      expect(shown).not.toContain('hunter2-long');
      for (const secret of secrets) expect(shown).not.toContain(secret);
    }
    expect(error).toMatchObject({ code: 'EAUTH', responseCode: 535, permanent: true });
    expect(error.cause).toBeUndefined();
  });

  it('keeps an error without secrets as it was', () => {
    const error = toMailDeliveryError(Object.assign(new Error('Connection refused'), { code: 'ESOCKET' }), secrets);
    expect(error.message).toBe('Connection refused');
    expect(error.code).toBe('ESOCKET');
    expect(error.responseCode).toBeUndefined();
  });
});

describe('redact', () => {
  it('replaces every occurrence', () => {
    expect(redact('a secret and a secret', ['secret'])).toBe('a [redacted] and a [redacted]');
  });
});
