import { ClosureDay } from '../deadlines/closure-day.entity';
import { Activity } from '../plans/entities/activity.entity';
import { ActivityLeadAgency } from '../plans/entities/activity-lead-agency.entity';
import { LeadAgency } from '../plans/entities/lead-agency.entity';
import { OutcomeMeasure } from '../plans/entities/outcome-measure.entity';
import { Plan } from '../plans/entities/plan.entity';
import { Recommendation } from '../plans/entities/recommendation.entity';
import { Section } from '../plans/entities/section.entity';

/** Every entity, listed once for the app, the migration CLI and tests. */
export const ENTITIES = [Plan, Section, Recommendation, Activity, OutcomeMeasure, ActivityLeadAgency, LeadAgency, ClosureDay];
