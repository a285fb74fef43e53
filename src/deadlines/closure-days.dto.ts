import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../common/date-validators';

export class CreateClosureDayDto {
  @IsCalendarDate()
  date!: string;

  /** Why the council is closed, e.g. "Christmas closure". */
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  description!: string;
}
