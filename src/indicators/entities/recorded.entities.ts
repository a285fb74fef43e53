import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { User } from '../../accounts/entities/user.entity';
import { Plan } from '../../plans/entities/plan.entity';
import { Section } from '../../plans/entities/section.entity';
import type { RagRating } from '../../progress/rag';
import type { ComparatorKind, Comparison, RiskLabel, ValueStatus } from '../domain';
import { Indicator } from './indicator.entity';
import { numericToNumber } from './numeric';

/**
 * The figures and judgements a board report prints, kept as versions so that
 * any report can be given as the record stood at a time ("as of means as of").
 * A change never rewrites a row: the version in force is marked superseded
 * (superseded_at, the one update the database allows) and the new one added,
 * both stamped with the same time. The version in force at an instant T is
 * the one with recorded_at <= T and superseded_at null or after T. A trigger
 * refuses any other update and every delete but the cascade from the
 * indicator or priority itself, as for the audit trail.
 */

/** One month's value of an indicator, in one of its versions (a late correction is a new version). */
@Entity('indicator_values')
@Index('indicator_values_version_key', ['indicatorId', 'period', 'version'], { unique: true })
@Index('indicator_values_current_key', ['indicatorId', 'period'], { unique: true, where: 'superseded_at IS NULL' })
@Check('indicator_values_status_check', `status IS NULL OR status IN ('provisional', 'final')`)
@Check('indicator_values_not_available_check', `NOT (not_available AND value IS NOT NULL)`)
export class IndicatorValueRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  indicatorId!: string;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator?: Relation<Indicator>;

  /** The month, 'YYYY-MM'. */
  @Column({ type: 'varchar', length: 7 })
  period!: string;

  /** 1 for the first value entered for the month, then one more for each correction. */
  @Column({ type: 'integer' })
  version!: number;

  /** Null with not_available: "N/A"; null without it: the value was withdrawn (no data). */
  @Column({ type: 'numeric', nullable: true, transformer: numericToNumber })
  value!: number | null;

  @Column({ type: 'boolean', default: false })
  notAvailable!: boolean;

  @Column({ type: 'numeric', nullable: true, transformer: numericToNumber })
  numerator!: number | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericToNumber })
  denominator!: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  status!: ValueStatus | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'uuid', nullable: true })
  enteredById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'entered_by_id' })
  enteredBy?: Relation<User> | null;

  /** The import that wrote this version, when one did (its audit event has the same id). */
  @Column({ type: 'uuid', nullable: true })
  importId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;
}

/** A target for a financial year, or for one month, in one of its versions. */
@Entity('indicator_targets')
@Index('indicator_targets_indicator_idx', ['indicatorId', 'recordedAt'])
@Index('indicator_targets_current_year_key', ['indicatorId', 'financialYear'], { unique: true, where: 'superseded_at IS NULL AND financial_year IS NOT NULL' })
@Index('indicator_targets_current_month_key', ['indicatorId', 'period'], { unique: true, where: 'superseded_at IS NULL AND period IS NOT NULL' })
@Check('indicator_targets_scope_check', `(financial_year IS NULL) <> (period IS NULL)`)
@Check('indicator_targets_kind_check', `kind IN ('value', 'bound', 'tbc')`)
@Check('indicator_targets_comparison_check', `comparison IS NULL OR comparison IN ('<', '<=', '>', '>=')`)
export class IndicatorTargetRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  indicatorId!: string;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator?: Relation<Indicator>;

  /** The financial year it is for (2022 for 2022/23), or null for a month's own target. */
  @Column({ type: 'integer', nullable: true })
  financialYear!: number | null;

  @Column({ type: 'varchar', length: 7, nullable: true })
  period!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: 8 })
  kind!: 'value' | 'bound' | 'tbc';

  @Column({ type: 'varchar', length: 2, nullable: true })
  comparison!: Comparison | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericToNumber })
  value!: number | null;

  /** As written: "23%", "<17k", "TBC". */
  @Column({ type: 'text' })
  text!: string;

  /** A version saying the target was taken away. */
  @Column({ type: 'boolean', default: false })
  removed!: boolean;

  @Column({ type: 'uuid', nullable: true })
  recordedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by_id' })
  recordedBy?: Relation<User> | null;

  @Column({ type: 'uuid', nullable: true })
  importId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;
}

/** A comparator ("Statistical Neighbours", "Southampton 19/20"), in one of its versions; a null value is N/A, never zero. */
@Entity('indicator_comparators')
@Index('indicator_comparators_indicator_idx', ['indicatorId', 'recordedAt'])
@Index('indicator_comparators_current_key', ['indicatorId', 'nameKey'], { unique: true, where: 'superseded_at IS NULL' })
@Check('indicator_comparators_kind_check', `kind IN ('own_previous_year', 'statistical_neighbours', 'region', 'england', 'other')`)
export class IndicatorComparatorRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  indicatorId!: string;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator?: Relation<Indicator>;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  nameKey!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: 24 })
  kind!: ComparatorKind;

  @Column({ type: 'integer', nullable: true })
  financialYear!: number | null;

  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericToNumber })
  value!: number | null;

  /** Where it sits in the indicator's row. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'boolean', default: false })
  removed!: boolean;

  @Column({ type: 'uuid', nullable: true })
  recordedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by_id' })
  recordedBy?: Relation<User> | null;

  @Column({ type: 'uuid', nullable: true })
  importId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;
}

/** "What the data tells us" and "Actions / next steps" for a priority (a section) and month, in one of their versions. */
@Entity('priority_narratives')
@Index('priority_narratives_version_key', ['sectionId', 'period', 'version'], { unique: true })
@Index('priority_narratives_current_key', ['sectionId', 'period'], { unique: true, where: 'superseded_at IS NULL' })
export class PriorityNarrativeRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sectionId!: string;

  @ManyToOne(() => Section, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_id' })
  section?: Relation<Section>;

  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Column({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text', nullable: true })
  dataTellsUs!: string | null;

  @Column({ type: 'text', nullable: true })
  nextSteps!: string | null;

  @Column({ type: 'uuid', nullable: true })
  writtenById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'written_by_id' })
  writtenBy?: Relation<User> | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;
}

/** The chair's rating of a priority for a month ("RAG: Amber, Medium Risk"), in one of its versions; a null rating withdraws it. */
@Entity('priority_ratings')
@Index('priority_ratings_version_key', ['sectionId', 'period', 'version'], { unique: true })
@Index('priority_ratings_current_key', ['sectionId', 'period'], { unique: true, where: 'superseded_at IS NULL' })
@Check('priority_ratings_rating_check', `rating IS NULL OR rating IN ('red', 'amber', 'green', 'blue')`)
@Check('priority_ratings_risk_check', `risk_label IS NULL OR risk_label IN ('low', 'medium', 'high')`)
export class PriorityRatingRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sectionId!: string;

  @ManyToOne(() => Section, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_id' })
  section?: Relation<Section>;

  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Column({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: 8, nullable: true })
  rating!: RagRating | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  riskLabel!: RiskLabel | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  setById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'set_by_id' })
  setBy?: Relation<User> | null;

  @Column({ type: 'uuid', nullable: true })
  importId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;
}
