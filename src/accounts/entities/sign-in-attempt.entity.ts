import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Failed sign-ins, counted per account and per address to slow password guessing across every instance. */
@Entity('sign_in_attempts')
@Index('sign_in_attempts_email_idx', ['email', 'attemptedAt'])
@Index('sign_in_attempts_ip_idx', ['ipAddress', 'attemptedAt'])
export class SignInAttempt {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  ipAddress!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  attemptedAt!: Date;
}
