import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, Relation } from 'typeorm';

/**
 * A body that leads activities: the council, its directorates and divisions,
 * NHS bodies, police, the safeguarding board. Divisions belong to a directorate,
 * directorates to the council, through parent.
 */
@Entity('lead_agencies')
@Index('lead_agencies_parent_idx', ['parentId'])
export class LeadAgency {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('lead_agencies_name_key', { unique: true })
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  shortName!: string | null;

  /** Other spellings the council's papers use ("SCC - CSL Directorate", "SCC -CSL Directorate"). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases!: string[];

  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => LeadAgency, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<LeadAgency> | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
