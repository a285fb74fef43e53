import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { User } from './user.entity';

export const API_TOKEN_SCOPES = ['read_write', 'read_only'] as const;
/** read_only: GET and HEAD requests only, for scripts that export or report. */
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/**
 * A personal token for scripts: shown once, stored as a hash, revocable, ended
 * by a password change, optionally expiring and optionally read-only.
 */
@Entity('api_tokens')
@Check('api_tokens_scope_check', `scope IN ('read_write', 'read_only')`)
@Index('api_tokens_user_idx', ['userId'])
export class ApiToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'text' })
  name!: string;

  @Index('api_tokens_token_hash_key', { unique: true })
  @Column({ type: 'text', select: false })
  tokenHash!: string;

  /** The first characters, so a person can tell their tokens apart. */
  @Column({ type: 'text' })
  tokenPrefix!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  /** The first instant it no longer works: the midnight (Europe/London) after its last day. */
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'varchar', length: 16, default: 'read_write' })
  scope!: ApiTokenScope;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
