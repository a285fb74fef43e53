import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, Relation } from 'typeorm';
import { Plan } from './plan.entity';
import { Recommendation } from './recommendation.entity';

/** A table of the plan ("Table 1: Safeguarding"), printed in position order. */
@Entity('sections')
@Index('sections_plan_position_idx', ['planId', 'position'])
export class Section {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Plan, (plan) => plan.sections, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'integer' })
  position!: number;

  /** The Ofsted paragraph the section's recommendations come from, e.g. "23". */
  @Column({ type: 'text', nullable: true })
  sourceReference!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany(() => Recommendation, (recommendation) => recommendation.section)
  recommendations?: Relation<Recommendation[]>;
}
