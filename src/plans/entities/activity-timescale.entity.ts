import { Check, Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn, Relation, UpdateDateColumn } from 'typeorm';
import type { Cadence } from '../plan-vocabulary';
import { Activity } from './activity.entity';

/**
 * An activity's "By when" as the plan prints it ("Quarterly review of action
 * plans", "September 2015 / 16 / 17"), kept verbatim for the paper, with the
 * cadence of a recurring commitment. The dates it implies are the activity's
 * due date and its milestones.
 */
@Entity('activity_timescales')
@Check('activity_timescales_cadence_check', `cadence IS NULL OR cadence IN ('weekly', 'fortnightly', 'monthly', 'bi_monthly', 'quarterly', 'termly', 'six_monthly', 'annually')`)
export class ActivityTimescale {
  @PrimaryColumn({ type: 'uuid' })
  activityId!: string;

  @OneToOne(() => Activity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id' })
  activity?: Relation<Activity>;

  @Column({ type: 'text' })
  text!: string;

  /** Null for a date or a list of dates; set for "Quarterly", "Termly" and the like. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  cadence!: Cadence | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
