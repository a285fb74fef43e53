import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsWorkingDayCountable } from '../common/date-validators';
import { IsOmittable } from '../common/omittable';
import { toInt } from '../common/pagination';
import { ACTIVITY_STATUSES, ActivityStatus } from '../plans/plan-vocabulary';
import { RAG_RATINGS, RagRating } from './rag';
import { IsNotBlank } from '../common/not-blank';

export class CreateProgressUpdateDto {
  /** The new status; left out, the status stays as it is (a note, a percentage or evidence on its own). */
  @IsOmittable()
  @IsIn(ACTIVITY_STATUSES, { message: `must be one of: ${ACTIVITY_STATUSES.join(', ')}` })
  status?: ActivityStatus;

  @IsOmittable()
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(100)
  percentComplete?: number;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string | null;

  /** Links to the evidence: documents, audit reports, minutes. */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true, message: 'must be web links (http or https)' })
  evidenceLinks?: string[];

  /** The activity version you loaded, when you want a stale view refused (409). */
  @IsOmittable()
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version?: number;
}

export class VerifyActivityDto {
  /** What evidence the chair checked. */
  @IsString()
  @IsNotBlank({ message: 'must not be blank: say what evidence was checked' })
  @MaxLength(5000)
  note!: string;

  @IsOmittable()
  @IsInt({ message: 'must be the whole-number version you loaded' })
  version?: number;
}

export class RagOverrideDto {
  @IsIn(RAG_RATINGS, { message: `must be one of: ${RAG_RATINGS.join(', ')}` })
  rating!: RagRating;

  @IsString()
  @IsNotBlank({ message: 'must not be blank: give the reason for the override' })
  @MaxLength(2000)
  reason!: string;

  /** The last day the override stands; after it the computed rating shows again. */
  @IsCalendarDate()
  expiresOn!: string;

  /** The activity's version you loaded: a second chair cannot silently replace the first's override. */
  @IsInt({ message: 'must be the whole-number version of the activity you loaded' })
  version!: number;
}

export class AsOfQuery {
  /** The date to judge as of (Europe/London); today when left out. */
  @IsOptional()
  @IsWorkingDayCountable()
  asOf?: string;
}

export class HistoryQuery {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 200;
}
