import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../roles';

export interface ContactPreferences {
  /** Reminders as one daily digest (default) or one on Monday; escalations to chairs are never held back. */
  digest: 'daily' | 'weekly';
}

@Entity('users')
@Check('users_roles_check', `roles <@ ARRAY['admin', 'board_chair', 'service_head', 'viewer']::text[]`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Stored lower-cased; sign-in matches case-insensitively. */
  @Index('users_email_key', { unique: true })
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text', nullable: true })
  jobTitle!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles!: Role[];

  /** argon2id; null for people who only sign in through the council's single sign-on. */
  @Column({ type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ type: 'jsonb' })
  contactPreferences!: ContactPreferences;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
