import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { User } from '../accounts/entities/user.entity';
import { Activity } from '../plans/entities/activity.entity';
import type { RagRating } from './rag';

/** The chair's judgement over the computed rating, with a reason and an end date. */
@Entity('rag_overrides')
@Index('rag_overrides_activity_idx', ['activityId', 'createdAt'])
@Check('rag_overrides_rating_check', `rating IN ('red', 'amber', 'green', 'blue')`)
export class RagOverrideRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  activityId!: string;

  @ManyToOne(() => Activity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id' })
  activity?: Relation<Activity>;

  @Column({ type: 'varchar', length: 8 })
  rating!: RagRating;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'date' })
  expiresOn!: string;

  @Column({ type: 'uuid', nullable: true })
  setById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'set_by_id' })
  setBy?: Relation<User> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Set when the chair withdraws the override before its end date. */
  @Column({ type: 'timestamptz', nullable: true })
  clearedAt!: Date | null;
}
