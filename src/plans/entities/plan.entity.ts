import { Check, Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, Relation } from 'typeorm';
import type { BandOffsets } from '../../deadlines';
import type { ReminderPolicy } from '../../reminders/reminder-policy';
import type { PlanKind, PlanStatus } from '../plan-vocabulary';
import { Section } from './section.entity';

@Entity('plans')
@Check('plans_kind_check', `kind IN ('ofsted_inspection', 'focused_visit', 'monitoring_visit', 'serious_case_review', 'multi_agency_audit', 'business_plan', 'other')`)
@Check('plans_status_check', `status IN ('draft', 'approved', 'closed')`)
export class Plan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: PlanKind;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: PlanStatus;

  /** The report the plan answers, e.g. "Inspection of safeguarding and looked after children services". */
  @Column({ type: 'text', nullable: true })
  sourceReportTitle!: string | null;

  @Column({ type: 'date', nullable: true })
  inspectionStartDate!: string | null;

  @Column({ type: 'date', nullable: true })
  inspectionEndDate!: string | null;

  /** Ofsted's publication date: every band deadline counts from it. */
  @Column({ type: 'date', nullable: true })
  publishedOn!: string | null;

  @Column({ type: 'jsonb' })
  columnLabels!: string[];

  @Column({ type: 'jsonb' })
  bandOffsets!: BandOffsets;

  /** Who hears about deadlines when; null means the defaults. */
  @Column({ type: 'jsonb', nullable: true })
  reminderPolicy!: Partial<ReminderPolicy> | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany(() => Section, (section) => section.plan)
  sections?: Relation<Section[]>;
}
