import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt } from 'class-validator';
import { toInt } from './pagination';

/** Deleting needs the version you saw, like an update: no deleting over someone's edit. */
export class VersionQuery {
  @ApiProperty({ type: 'integer', description: 'The version you loaded; a stale one is refused with 409' })
  @Transform(toInt)
  @IsInt({ message: 'must be the whole-number version you loaded (?version=N)' })
  version!: number;
}
