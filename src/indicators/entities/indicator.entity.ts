import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import { User } from '../../accounts/entities/user.entity';
import { Activity } from '../../plans/entities/activity.entity';
import { LeadAgency } from '../../plans/entities/lead-agency.entity';
import { Plan } from '../../plans/entities/plan.entity';
import { Section } from '../../plans/entities/section.entity';
import type { Cumulation, Frequency, IndicatorUnit, Polarity, Tolerance } from '../domain';

/**
 * A performance indicator of a plan, as the board report prints it
 * ("Percentage of re-referrals within 12 months | PERCENTAGE"): what it
 * counts, which way is better, how often it is returned, who makes the
 * return. Its values, targets and comparators are kept with their history in
 * tables of their own.
 */
@Entity('indicators')
@Index('indicators_plan_title_key', ['planId', 'titleKey'], { unique: true })
@Index('indicators_plan_position_idx', ['planId', 'position'])
@Index('indicators_owner_idx', ['ownerId'])
@Check('indicators_unit_check', `unit IN ('percentage', 'number', 'rate_per_10000', 'days', 'ratio')`)
@Check('indicators_polarity_check', `polarity IS NULL OR polarity IN ('higher_is_better', 'lower_is_better', 'context_only')`)
@Check('indicators_frequency_check', `frequency IN ('monthly', 'quarterly', 'annual')`)
@Check('indicators_cumulation_check', `cumulation IN ('month', 'year_to_date', 'rolling_12_months')`)
export class Indicator {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  /** Its place in the plan's list of indicators (the order an import found them in). */
  @Column({ type: 'integer' })
  position!: number;

  /** As the council writes it. */
  @Column({ type: 'text' })
  title!: string;

  /** The title as imports match it (case, spacing and punctuation aside): one indicator per title in a plan. */
  @Column({ type: 'text' })
  titleKey!: string;

  @Column({ type: 'text', nullable: true })
  definition!: string | null;

  @Column({ type: 'varchar', length: 16 })
  unit!: IndicatorUnit;

  /** Null until someone says which way is better; shown but never rated until then. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  polarity!: Polarity | null;

  @Column({ type: 'varchar', length: 16, default: 'monthly' })
  frequency!: Frequency;

  @Column({ type: 'varchar', length: 24, default: 'month' })
  cumulation!: Cumulation;

  @Column({ type: 'uuid', nullable: true })
  ownerId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<User> | null;

  /** The indicator's own tolerance; null: the plan's default. */
  @Column({ type: 'jsonb', nullable: true })
  tolerance!: Tolerance | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** The agencies that lead an indicator, in order: their service heads make its returns. */
@Entity('indicator_lead_agencies')
@Index('indicator_lead_agencies_agency_idx', ['leadAgencyId'])
export class IndicatorLeadAgency {
  @PrimaryColumn({ type: 'uuid' })
  indicatorId!: string;

  @PrimaryColumn({ type: 'uuid' })
  leadAgencyId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator?: Relation<Indicator>;

  /** An agency that still leads indicators cannot be deleted, as for activities. */
  @ManyToOne(() => LeadAgency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_agency_id' })
  leadAgency?: Relation<LeadAgency>;
}

/** The priorities (the plan's sections) an indicator evidences, and its place in each priority's table. */
@Entity('indicator_sections')
@Index('indicator_sections_section_idx', ['sectionId', 'position'])
export class IndicatorSection {
  @PrimaryColumn({ type: 'uuid' })
  indicatorId!: string;

  @PrimaryColumn({ type: 'uuid' })
  sectionId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator?: Relation<Indicator>;

  @ManyToOne(() => Section, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_id' })
  section?: Relation<Section>;
}

/**
 * The outcome measures an indicator quantifies: an activity's measure, by its
 * words, since an activity's measures are rewritten as a list when it is edited.
 */
@Entity('indicator_outcome_measures')
@Index('indicator_outcome_measures_activity_idx', ['activityId'])
export class IndicatorOutcomeMeasure {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  indicatorId!: string;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator?: Relation<Indicator>;

  @Column({ type: 'uuid' })
  activityId!: string;

  @ManyToOne(() => Activity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id' })
  activity?: Relation<Activity>;

  @Column({ type: 'text' })
  measure!: string;
}

/** A plan's defaults for its indicators: the tolerance, and when a month's return is due. */
@Entity('plan_indicator_settings')
@Check('plan_indicator_settings_days_check', `return_working_days BETWEEN 0 AND 60`)
export class PlanIndicatorSettings {
  @PrimaryColumn({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  /** Null: within 5% of target green, 5-15% amber, beyond red. */
  @Column({ type: 'jsonb', nullable: true })
  tolerance!: Tolerance | null;

  /** A month's value is due this many working days after the month ends. */
  @Column({ type: 'integer', default: 10 })
  returnWorkingDays!: number;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
