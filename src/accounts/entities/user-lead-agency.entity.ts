import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { LeadAgency } from '../../plans/entities/lead-agency.entity';
import { User } from './user.entity';

/** The agencies a person belongs to; a contact hears about that agency's activities that have no named owner. */
@Entity('user_lead_agencies')
@Index('user_lead_agencies_agency_idx', ['leadAgencyId'])
export class UserLeadAgency {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'uuid' })
  leadAgencyId!: string;

  @Column({ type: 'boolean', default: false })
  isContact!: boolean;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @ManyToOne(() => LeadAgency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_agency_id' })
  leadAgency?: Relation<LeadAgency>;
}
