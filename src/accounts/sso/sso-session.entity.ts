import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn, Relation } from 'typeorm';
import { Session } from '../entities/session.entity';

/**
 * A session started through an identity provider: which one, and the ID
 * token it answered, sent back as id_token_hint when the person signs out so
 * the provider ends its own session too (RP-initiated logout).
 */
@Entity('sso_sessions')
export class SsoSession {
  @PrimaryColumn({ type: 'uuid' })
  sessionId!: string;

  @OneToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<Session>;

  @Column({ type: 'text' })
  providerId!: string;

  @Column({ type: 'text' })
  issuer!: string;

  @Column({ type: 'text', select: false })
  idToken!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
