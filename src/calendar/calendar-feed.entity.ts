import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { User } from '../accounts/entities/user.entity';
import { Plan } from '../plans/entities/plan.entity';

/**
 * A private calendar feed: a person's own deadlines (planId null), or a
 * plan's for someone who reads the whole plan. Its address holds a long
 * random token, stored only as a hash like an API token; turning the feed
 * off or getting a new address revokes the old one at once.
 */
@Entity('calendar_feeds')
@Index('calendar_feeds_user_idx', ['userId'])
// One live feed per person and plan (or per person for their own): a new address replaces the old.
@Index('calendar_feeds_live_key', ['userId', 'scopeKey'], { unique: true, where: 'revoked_at IS NULL' })
export class CalendarFeed {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** Null for the person's own deadlines. */
  @Column({ type: 'uuid', nullable: true })
  planId!: string | null;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  /** "mine" or the plan's id: what the unique index counts, since NULLs never collide. */
  @Column({ type: 'text' })
  scopeKey!: string;

  @Index('calendar_feeds_token_hash_key', { unique: true })
  @Column({ type: 'text', select: false })
  tokenHash!: string;

  /** The first characters, so a person can tell an old address from the new one. */
  @Column({ type: 'text' })
  tokenPrefix!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When a calendar last fetched it: tells the person whether it is in use. */
  @Column({ type: 'timestamptz', nullable: true })
  lastReadAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
