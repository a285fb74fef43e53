import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Plan } from '../../plans/entities/plan.entity';
import { User } from './user.entity';

export const PLAN_ROLES = ['chair', 'viewer'] as const;
/** What a person is on one plan: its chair, or a reader of the whole plan. */
export type PlanRole = (typeof PLAN_ROLES)[number];

/** The plans a person chairs or has been given to read, each with its role. */
@Entity('plan_members')
@Index('plan_members_user_idx', ['userId'])
@Check('plan_members_role_check', `role IN ('chair', 'viewer')`)
export class PlanMember {
  @PrimaryColumn({ type: 'uuid' })
  planId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: PlanRole;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
}
