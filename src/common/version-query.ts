import { Transform } from 'class-transformer';
import { IsInt } from 'class-validator';
import { toInt } from './pagination';

/** Deleting needs the version you saw, like an update: no deleting over someone's edit. */
export class VersionQuery {
  @Transform(toInt)
  @IsInt({ message: 'must be the whole-number version you loaded (?version=N)' })
  version!: number;
}
