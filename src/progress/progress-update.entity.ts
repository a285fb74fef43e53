import { bigintToNumber } from '../common/transformers';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { User } from '../accounts/entities/user.entity';
import { Activity } from '../plans/entities/activity.entity';
import type { ActivityStatus } from '../plans/plan-vocabulary';

/**
 * A service head's report on an activity. Append-only: the board reads the
 * story as it was told, and the activity shows the latest.
 */
@Entity('progress_updates')
@Index('progress_updates_activity_idx', ['activityId', 'createdAt'])
@Index('progress_updates_activity_seq_idx', ['activityId', 'seq'], { unique: true })
@Check('progress_updates_status_check', `status IN ('not_started', 'in_progress', 'complete', 'blocked', 'deferred', 'cancelled')`)
@Check('progress_updates_percent_check', `percent_complete IS NULL OR percent_complete BETWEEN 0 AND 100`)
export class ProgressUpdate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  activityId!: string;

  @ManyToOne(() => Activity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id' })
  activity?: Relation<Activity>;

  @Column({ type: 'uuid', nullable: true })
  authorId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<User> | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ActivityStatus;

  @Column({ type: 'integer', nullable: true })
  percentComplete!: number | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  evidenceLinks!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** The order updates were applied in: "latest" means the highest, whatever the clocks said. */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'BY DEFAULT', transformer: bigintToNumber, insert: false, update: false })
  seq!: number;
}
