import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One sign-in through an identity provider, from the "Sign in with …" button
 * to the provider's answer: the state, nonce and PKCE verifier it was started
 * with. Each works once (usedAt), so an answer replayed, or one for a sign-in
 * that never started here, is refused; the browser that started it carries
 * its id in a signed cookie, so an answer opened in another browser is too.
 */
@Entity('sso_sign_ins')
@Index('sso_sign_ins_created_idx', ['createdAt'])
export class SsoSignIn {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** SHA-256 of the state sent to the provider: the answer names it. */
  @Index('sso_sign_ins_state_hash_key', { unique: true })
  @Column({ type: 'text' })
  stateHash!: string;

  /** The provider's id in the configuration (OIDC_<n>_ID). */
  @Column({ type: 'text' })
  providerId!: string;

  @Column({ type: 'text', select: false })
  nonce!: string;

  @Column({ type: 'text', select: false })
  codeVerifier!: string;

  /** A path on this site to go back to afterwards. */
  @Column({ type: 'text', nullable: true })
  returnTo!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
