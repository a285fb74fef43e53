import { IsString, MaxLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../common/date-validators';
import { IsNotBlank } from '../common/not-blank';

export class CreateClosureDayDto {
  @ApiProperty({ format: 'date', description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  date!: string;

  /** Why the council is closed, e.g. "Christmas closure". */
  @ApiProperty({ maxLength: 200, description: 'Why the council is closed', example: 'Christmas closure' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  description!: string;
}
