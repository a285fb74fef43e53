import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique, UpdateDateColumn, Relation } from 'typeorm';
import type { TimescaleBand } from '../../deadlines';
import { Activity } from './activity.entity';
import { Section } from './section.entity';

@Entity('recommendations')
@Check('recommendations_band_check', `band IN ('immediately', 'within_three_months', 'within_six_months', 'by_date')`)
@Check('recommendations_target_date_check', `band <> 'by_date' OR target_date IS NOT NULL`)
@Unique('recommendations_section_number_key', ['sectionId', 'number'])
@Index('recommendations_due_date_idx', ['dueDate'])
export class Recommendation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sectionId!: string;

  @ManyToOne(() => Section, (section) => section.recommendations, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_id' })
  section?: Relation<Section>;

  /** Numbering restarts in each table, as in the paper. */
  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'text' })
  text!: string;

  /** Ofsted paragraph, e.g. "23". */
  @Column({ type: 'text', nullable: true })
  sourceReference!: string | null;

  @Column({ type: 'varchar', length: 32 })
  band!: TimescaleBand;

  /** The date itself when the band is by_date. */
  @Column({ type: 'date', nullable: true })
  targetDate!: string | null;

  /** Set when someone overrides the derived date; cleared to go back to the band's date. */
  @Column({ type: 'date', nullable: true })
  dueDateOverride!: string | null;

  /** Effective due date, derived from the band and the plan's publication date unless overridden. */
  @Column({ type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany(() => Activity, (activity) => activity.recommendation)
  activities?: Relation<Activity[]>;
}
