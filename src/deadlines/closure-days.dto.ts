import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../common/date-validators';

export class CreateClosureDayDto {
  @ApiProperty({ format: 'date', description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  date!: string;

  /** Why the council is closed, e.g. "Christmas closure". */
  @ApiProperty({ maxLength: 200, description: 'Why the council is closed', example: 'Christmas closure' })
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  description!: string;
}
