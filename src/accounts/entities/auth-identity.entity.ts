import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { User } from './user.entity';

/**
 * Who a person is to an outside identity provider (the council's OpenID
 * Connect single sign-on): issuer and subject map to one user. Password
 * sign-in needs no row here; SSO adds one per provider without touching users.
 */
@Entity('auth_identities')
@Index('auth_identities_user_idx', ['userId'])
export class AuthIdentity {
  @PrimaryColumn({ type: 'text' })
  provider!: string;

  @PrimaryColumn({ type: 'text' })
  subject!: string;

  /** One subject at one provider is one person. */
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
