import { IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../common/date-validators';
import { IsNotBlank } from '../common/not-blank';

export class CreateClosureDayDto {
  @IsCalendarDate()
  date!: string;

  /** Why the council is closed, e.g. "Christmas closure". */
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  description!: string;
}
