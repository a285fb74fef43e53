import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { inputProblems } from './input-rules';
import { FieldValidationException } from './validation';

/**
 * The first global pipe: every body, query and path parameter meets the
 * input rules (nesting depth, no NUL, well-formed Unicode) before
 * class-transformer and class-validator walk it.
 */
@Injectable()
export class RequestInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return value;
    const problems = inputProblems(value, metadata.data ?? '', metadata.type);
    if (Object.keys(problems).length) throw new FieldValidationException(problems);
    return value;
  }
}
