import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, Relation } from 'typeorm';
import { User } from '../../accounts/entities/user.entity';
import type { BandOffsets } from '../../deadlines';
import type { ReminderPolicy } from '../../reminders/reminder-policy';
import type { PlanAbbreviation, PlanKind, PlanStatus } from '../plan-vocabulary';
import { Section } from './section.entity';

@Entity('plans')
@Check('plans_kind_check', `kind IN ('ofsted_inspection', 'focused_visit', 'monitoring_visit', 'serious_case_review', 'multi_agency_audit', 'business_plan', 'other')`)
@Check('plans_status_check', `status IN ('draft', 'approved', 'closed')`)
@Check('plans_period_check', `starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on`)
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

  /**
   * The period the plan runs over ("Business Plan 2015-18": 1 April 2015 to
   * 31 March 2018). Recurring commitments ("Quarterly") have their milestones
   * within it, and a re-import uses it rather than working it out again.
   */
  @Column({ type: 'date', nullable: true })
  startsOn!: string | null;

  @Column({ type: 'date', nullable: true })
  endsOn!: string | null;

  @Column({ type: 'jsonb' })
  columnLabels!: string[];

  /** The plan's own key to its abbreviations, as it prints it ("L&D: Learning and Development Group"). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  abbreviations!: PlanAbbreviation[];

  @Column({ type: 'jsonb' })
  bandOffsets!: BandOffsets;

  /** Who is reminded about work nobody else hears of; the person who created the plan unless changed. */
  @Column({ type: 'uuid', nullable: true })
  leadOfficerId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'lead_officer_id' })
  leadOfficer?: Relation<User> | null;

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
