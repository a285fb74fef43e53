import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsWorkingDayCountable } from '../common/date-validators';
import { IsOmittable } from '../common/omittable';
import { toInt } from '../common/pagination';
import { ACTIVITY_STATUSES, ActivityStatus } from '../plans/plan-vocabulary';
import { ACTIVITY_STATUS } from '../plans/dto/plan.responses';
import { RAG_RATINGS, RagRating } from './rag';
import { IsNotBlank } from '../common/not-blank';
import { RAG_RATING } from './progress.responses';

export class CreateProgressUpdateDto {
  /** The new status; left out, the status stays as it is (a note, a percentage or evidence on its own). */
  @ApiPropertyOptional({ ...ACTIVITY_STATUS, description: 'The new status; left out, the status stays as it is (a note, a percentage or evidence on its own)' })
  @IsOmittable()
  @IsIn(ACTIVITY_STATUSES, { message: `must be one of: ${ACTIVITY_STATUSES.join(', ')}` })
  status?: ActivityStatus;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100, description: 'Must be 100 (or left out) when the activity is complete' })
  @IsOmittable()
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(100)
  percentComplete?: number;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000, description: 'Required when the status is blocked, deferred, cancelled or complete' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string | null;

  /** Links to the evidence: documents, audit reports, minutes. */
  @ApiPropertyOptional({ type: [String], format: 'uri', maxItems: 20, description: 'Links (http or https) to the evidence: documents, audit reports, minutes' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true, message: 'must be web links (http or https)' })
  evidenceLinks?: string[];

  /** The activity version you loaded, when you want a stale view refused (409). */
  @ApiPropertyOptional({ type: 'integer', description: 'The activity version you loaded, when you want a stale view refused (409)' })
  @IsOmittable()
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version?: number;
}

export class VerifyActivityDto {
  /** What evidence the chair checked. */
  @ApiProperty({ maxLength: 5000, description: 'What evidence the chair checked' })
  @IsString()
  @IsNotBlank({ message: 'must not be blank: say what evidence was checked' })
  @MaxLength(5000)
  note!: string;

  @ApiPropertyOptional({ type: 'integer', description: 'The activity version you loaded, when you want a stale view refused (409)' })
  @IsOmittable()
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version?: number;
}

export class RagOverrideDto {
  @ApiProperty(RAG_RATING)
  @IsIn(RAG_RATINGS, { message: `must be one of: ${RAG_RATINGS.join(', ')}` })
  rating!: RagRating;

  @ApiProperty({ maxLength: 2000, description: 'Why the chair overrides the rules' })
  @IsString()
  @IsNotBlank({ message: 'must not be blank: give the reason for the override' })
  @MaxLength(2000)
  reason!: string;

  /** The last day the override stands; after it the computed rating shows again. */
  @ApiProperty({ format: 'date', description: 'The last day the override stands; after it the computed rating shows again' })
  @IsCalendarDate()
  expiresOn!: string;

  /** The activity's version you loaded: a second chair cannot silently replace the first's override. */
  @ApiProperty({ type: 'integer', description: "The activity's version you loaded; a stale one is refused with 409" })
  @IsInt({ message: 'must be the whole-number version of the activity you loaded' })
  version!: number;
}

export class AsOfQuery {
  /** The date to judge as of (Europe/London); today when left out. */
  @ApiPropertyOptional({ format: 'date', description: 'The date to judge as of (Europe/London); today when left out' })
  @IsOptional()
  @IsWorkingDayCountable()
  asOf?: string;
}

export class HistoryQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 200, description: 'The newest this many events' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 200;
}
