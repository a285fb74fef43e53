import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Session } from '../../../accounts/entities/session.entity';
import { User } from '../../../accounts/entities/user.entity';

/**
 * What an administrator uploaded or pasted, kept between the import's
 * preview and its confirmation, for the session that sent it: the browser
 * sends back only this row's id, never the content, so what is confirmed is
 * exactly what was previewed. Once imported, the content is dropped and the
 * row remembers the plan, so confirming twice imports once.
 */
@Entity('import_drafts')
@Index('import_drafts_session_idx', ['sessionId'])
export class ImportDraft {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** The signed-in session that uploaded it; no other session (not even the same person's) can see it. */
  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<Session>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** A file's bytes as uploaded, or pasted text as UTF-8. */
  @Column({ type: 'bytea' })
  content!: Buffer;

  @Column({ type: 'boolean' })
  isFile!: boolean;

  @Column({ type: 'text', nullable: true })
  fileName!: string | null;

  @Column({ type: 'text', nullable: true })
  contentType!: string | null;

  /** SHA-256 of the content, as the import's audit record names it. */
  @Column({ type: 'text' })
  sha256!: string;

  /** The import's options (ImportOptionsDto without the text), including the person's mapping of agencies. */
  @Column({ type: 'jsonb' })
  options!: Record<string, unknown>;

  /** previewed, committing (one confirmation at a time), committed. */
  @Column({ type: 'text', default: 'previewed' })
  state!: 'previewed' | 'committing' | 'committed';

  @Column({ type: 'uuid', nullable: true })
  planId!: string | null;

  /** What the import did (its summary), for the confirmation page. */
  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;
}
