import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldValidationException } from '../common/validation';
import { Month } from './domain';
import { MONTH_PATTERN } from './dto/indicator.dto';

/** A month in the path ('YYYY-MM'); anything else is a 400 naming the parameter. */
@Injectable()
export class MonthParamPipe implements PipeTransform<string, Month> {
  transform(value: string, metadata: ArgumentMetadata): Month {
    if (!MONTH_PATTERN.test(value)) throw new FieldValidationException({ [metadata.data ?? 'month']: 'must be a month written YYYY-MM' });
    return value as Month;
  }
}

export const monthParam = new MonthParamPipe();
