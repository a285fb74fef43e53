import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { LeadAgency } from './lead-agency.entity';

/**
 * Every way an agency is written (its name and aliases), by the key that
 * compares them (lead_agency_name_key() in the database, agencyNameKey() in
 * TypeScript: case, dash style and spacing ignored). The primary key is what
 * keeps one body to one agency, even when two people add it at once.
 * A trigger on lead_agencies writes these rows; nothing else does.
 */
@Entity('lead_agency_spellings')
@Index('lead_agency_spellings_agency_idx', ['leadAgencyId'])
export class LeadAgencySpelling {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'lead_agency_spellings_pkey' })
  key!: string;

  @Column({ type: 'uuid' })
  leadAgencyId!: string;

  @ManyToOne(() => LeadAgency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_agency_id' })
  leadAgency?: Relation<LeadAgency>;
}
