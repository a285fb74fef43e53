import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A day the council is closed (e.g. 24 December), not a working day for deadlines. */
@Entity('closure_days')
export class ClosureDay {
  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'text' })
  description!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
