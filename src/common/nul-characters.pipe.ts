import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldValidationException } from './validation';

/**
 * PostgreSQL text cannot hold the NUL character; text pasted from some PDFs
 * carries it. Refuse it up front, naming the field, rather than fail in the
 * database.
 */
@Injectable()
export class RejectNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return value;
    const errors: Record<string, string> = {};
    visit(value, metadata.type === 'param' ? (metadata.data ?? '') : '', errors);
    if (Object.keys(errors).length) throw new FieldValidationException(errors);
    return value;
  }
}

function visit(value: unknown, path: string, errors: Record<string, string>): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) errors[path || 'body'] = 'must not contain the NUL character';
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => visit(item, `${path}[${index}]`, errors));
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) visit(inner, path ? `${path}.${key}` : key, errors);
  }
}
