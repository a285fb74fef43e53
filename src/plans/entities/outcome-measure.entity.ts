import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Activity } from './activity.entity';

@Entity('outcome_measures')
@Index('outcome_measures_activity_position_idx', ['activityId', 'position'])
export class OutcomeMeasure {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  activityId!: string;

  @ManyToOne(() => Activity, (activity) => activity.outcomeMeasures, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id' })
  activity?: Relation<Activity>;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  text!: string;
}
