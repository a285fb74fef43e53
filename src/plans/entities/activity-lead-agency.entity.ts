import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Activity } from './activity.entity';
import { LeadAgency } from './lead-agency.entity';

/** An activity's lead agencies, in the order the plan names them. */
@Entity('activity_lead_agencies')
@Index('activity_lead_agencies_agency_idx', ['leadAgencyId'])
export class ActivityLeadAgency {
  @PrimaryColumn({ type: 'uuid' })
  activityId!: string;

  @PrimaryColumn({ type: 'uuid' })
  leadAgencyId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @ManyToOne(() => Activity, (activity) => activity.leadAgencyLinks, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id' })
  activity?: Relation<Activity>;

  /** An agency that still leads activities cannot be deleted. */
  @ManyToOne(() => LeadAgency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_agency_id' })
  leadAgency?: Relation<LeadAgency>;
}
