import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { FieldValidationException } from './validation';

/** Path ids are UUIDs; anything else is a 400 naming the parameter, never a database error. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUUID(value)) throw new FieldValidationException({ [metadata.data ?? 'id']: 'must be a UUID' });
    return value;
  }
}

export const uuidParam = new UuidParamPipe();
