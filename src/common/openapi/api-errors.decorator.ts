import { Type, applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ConflictErrorBody, ErrorBody } from './error-body';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

export interface ErrorAnswer {
  status: ErrorStatus;
  /** When this operation answers it; the default says it generally. */
  description?: string;
  /** A body with more than ErrorBody's fields (it must extend ErrorBody). */
  type?: Type<ErrorBody>;
}

const DEFAULTS: Record<ErrorStatus, { description: string; type: Type<ErrorBody> }> = {
  400: { description: 'Bad input: `errors` names each field and what is wrong with it', type: ErrorBody },
  401: { description: 'No token, or one that is not valid, has expired or has been revoked', type: ErrorBody },
  403: { description: 'Signed in, but your role may not do this (or you may read this but not change it)', type: ErrorBody },
  404: { description: 'No such record, or one outside your reach (the two are not told apart, so ids cannot be probed)', type: ErrorBody },
  409: {
    description: 'Someone changed the record since you loaded it (`current` holds it as it is now), or the change clashes with another record',
    type: ConflictErrorBody,
  },
  413: { description: 'The request body is larger than the server accepts', type: ErrorBody },
  415: { description: 'A content type the server cannot read', type: ErrorBody },
  429: { description: 'Too many failed sign-ins: wait, or reset the password', type: ErrorBody },
  503: { description: 'A service this needs is not available', type: ErrorBody },
};

/**
 * Documents the refusals an operation (or every operation of a controller) can
 * answer, always as JSON whatever the operation's success content type:
 * `@ApiErrors(400, 404, { status: 409, description: '…' })`. List only what the
 * operation really answers: a public sign-in answers 400, 401 and 429, never 403.
 */
export function ApiErrors(...answers: Array<ErrorStatus | ErrorAnswer>): MethodDecorator & ClassDecorator {
  const resolved = answers.map((answer) => {
    const given = typeof answer === 'number' ? { status: answer } : answer;
    return { ...DEFAULTS[given.status], ...given };
  });
  const types = [...new Set(resolved.map((answer) => answer.type))];
  return applyDecorators(
    ApiExtraModels(...types),
    ...resolved.map(({ status, description, type }) =>
      ApiResponse({ status, description, content: { 'application/json': { schema: { $ref: getSchemaPath(type) } } } }),
    ),
  );
}
