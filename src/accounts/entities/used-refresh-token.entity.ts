import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Session } from './session.entity';

/**
 * Every refresh token a session has already swapped. Any of them presented
 * again means someone kept a copy, however many refreshes ago, so the session
 * it belongs to is ended.
 */
@Entity('used_refresh_tokens')
@Index('used_refresh_tokens_session_idx', ['sessionId'])
export class UsedRefreshToken {
  /** SHA-256 of the token, as sessions keep it. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'used_refresh_tokens_pkey' })
  tokenHash!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<Session>;

  @CreateDateColumn({ type: 'timestamptz' })
  usedAt!: Date;
}
