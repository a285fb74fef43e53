import { ApiProperty } from '@nestjs/swagger';
import { Assert, Describes } from '../common/openapi';
import type { ClosureDay } from './closure-day.entity';

/** A day the council is closed, which deadlines skip like a bank holiday. */
export class ClosureDayResponse {
  @ApiProperty({ type: String, format: 'date', description: 'YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ example: 'Christmas closure' })
  description!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

export type ClosureDayChecked = Assert<Describes<ClosureDayResponse, ClosureDay>>;
