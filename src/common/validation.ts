import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * Flattens class-validator's nested errors into `{ "sections[0].title": "..." }`
 * so a person (or an import preview) can see exactly which field is wrong.
 */
export function fieldErrors(errors: ValidationError[], parent = ''): Record<string, string> {
  const result: Record<string, string> = {};
  for (const error of errors) {
    const key = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    if (error.constraints && error.value === undefined && !error.constraints.whitelistValidation) {
      // A field left out breaks every rule it has; the one thing to say is that it is needed.
      result[key] = 'is required';
    } else if (error.constraints) {
      // 'whitelistValidation' fires for unknown fields; say so plainly.
      const messages = Object.entries(error.constraints).map(([name, message]) =>
        name === 'whitelistValidation' ? 'is not a field this endpoint accepts' : stripPropertyName(message, error.property),
      );
      result[key] = messages.join('; ');
    }
    if (error.children?.length) Object.assign(result, fieldErrors(error.children, key));
  }
  return result;
}

/** class-validator prefixes messages with the property name; the key already says it. */
function stripPropertyName(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

export class FieldValidationException extends BadRequestException {
  constructor(errors: Record<string, string>, message = 'Some fields are not valid') {
    super({ statusCode: 400, error: 'Bad Request', message, errors });
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The value is kept only to tell a missing field from a wrong one; it is never sent back.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new FieldValidationException(fieldErrors(errors)),
  });
}
