/**
 * A failed send, safe to log and to show: the SMTP password from SMTP_URL is
 * removed from every text it carries, in every form it crosses the wire in.
 * The original error is deliberately not kept as `cause`, since loggers print
 * cause chains.
 */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  /** Nodemailer's code, such as ECONNECTION, EAUTH or EENVELOPE. */
  readonly code: string | undefined;
  /** The SMTP reply code, when the server answered. */
  readonly responseCode: number | undefined;
  /** True when the server refused this message for good (5xx), so retrying it is pointless. */
  readonly permanent: boolean | undefined;
  readonly command: string | undefined;
  readonly response: string | undefined;

  constructor(
    message: string,
    details: { code?: string; responseCode?: number; permanent?: boolean; command?: string; response?: string } = {},
  ) {
    super(message);
    this.code = details.code;
    this.responseCode = details.responseCode;
    this.permanent = details.permanent;
    this.command = details.command;
    this.response = details.response;
  }
}

/** The password of an SMTP URL as written, as decoded, and as AUTH LOGIN and AUTH PLAIN send it. */
export function secretsOfSmtpUrl(smtpUrl: string): string[] {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    // Unparseable: the whole URL is the only thing we can be sure to hide.
    return [smtpUrl];
  }
  if (!url.password) return [];
  const user = safeDecode(url.username);
  const forms = new Set([url.password, safeDecode(url.password)]);
  for (const password of [...forms]) {
    forms.add(Buffer.from(password).toString('base64'));
    forms.add(Buffer.from(`\u0000${user}\u0000${password}`).toString('base64'));
    forms.add(encodeURIComponent(password));
  }
  forms.add(smtpUrl);
  // Longest first, so a password inside the URL is not redacted into a fragment that hides the rest.
  return [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) result = result.split(secret).join('[redacted]');
  return result;
}

export function toMailDeliveryError(error: unknown, secrets: readonly string[]): MailDeliveryError {
  const source = (error ?? {}) as {
    message?: unknown;
    code?: unknown;
    responseCode?: unknown;
    permanent?: unknown;
    command?: unknown;
    response?: unknown;
  };
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? redact(value, secrets) : undefined);
  return new MailDeliveryError(text(source.message) ?? redact(String(error), secrets), {
    code: typeof source.code === 'string' ? source.code : undefined,
    responseCode: typeof source.responseCode === 'number' ? source.responseCode : undefined,
    permanent: typeof source.permanent === 'boolean' ? source.permanent : undefined,
    command: text(source.command),
    response: text(source.response),
  });
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
