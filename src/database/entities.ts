import { ApiToken } from '../accounts/entities/api-token.entity';
import { AuthIdentity } from '../accounts/entities/auth-identity.entity';
import { PasswordReset } from '../accounts/entities/password-reset.entity';
import { PlanMember } from '../accounts/entities/plan-member.entity';
import { Session } from '../accounts/entities/session.entity';
import { UsedRefreshToken } from '../accounts/entities/used-refresh-token.entity';
import { SignInAttempt } from '../accounts/entities/sign-in-attempt.entity';
import { UserLeadAgency } from '../accounts/entities/user-lead-agency.entity';
import { User } from '../accounts/entities/user.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { ProgressUpdate } from '../progress/progress-update.entity';
import { RagOverrideRecord } from '../progress/rag-override.entity';
import { Notification, ReminderDigest, ReminderLedgerEntry, ReminderScan } from '../reminders/reminder.entities';
import { ClosureDay } from '../deadlines/closure-day.entity';
import { Activity } from '../plans/entities/activity.entity';
import { ActivityStandingHistory } from '../plans/entities/activity-standing-history.entity';
import { ActivityLeadAgency } from '../plans/entities/activity-lead-agency.entity';
import { LeadAgency } from '../plans/entities/lead-agency.entity';
import { LeadAgencySpelling } from '../plans/entities/lead-agency-spelling.entity';
import { OutcomeMeasure } from '../plans/entities/outcome-measure.entity';
import { Plan } from '../plans/entities/plan.entity';
import { Recommendation } from '../plans/entities/recommendation.entity';
import { Section } from '../plans/entities/section.entity';
import { Indicator, IndicatorLeadAgency, IndicatorOutcomeMeasure, IndicatorSection, PlanIndicatorSettings } from '../indicators/entities/indicator.entity';
import {
  IndicatorComparatorRecord,
  IndicatorTargetRecord,
  IndicatorValueRecord,
  PriorityNarrativeRecord,
  PriorityRatingRecord,
} from '../indicators/entities/recorded.entities';
import { ActivityMilestone } from '../plans/entities/activity-milestone.entity';
import { Board, BoardIndicator, BoardMember, BoardPlan, Meeting, MeetingAction, MeetingActionOwner, MeetingPack, ScrutinyDecision, ScrutinyRecommendation } from '../boards/entities/board.entities';
import { ActivityTimescale } from '../plans/entities/activity-timescale.entity';
import { SsoSession } from '../accounts/sso/sso-session.entity';
import { SsoSignIn } from '../accounts/sso/sso-sign-in.entity';
import { CalendarFeed } from '../calendar/calendar-feed.entity';
import { ImportDraft } from '../web/pages/admin/import-draft.entity';

/** Every entity, listed once for the app, the migration CLI and tests. */
export const ENTITIES = [
  Plan,
  Section,
  Recommendation,
  Activity,
  ActivityStandingHistory,
  OutcomeMeasure,
  ActivityLeadAgency,
  LeadAgency,
  LeadAgencySpelling,
  ClosureDay,
  User,
  UserLeadAgency,
  PlanMember,
  Session,
  UsedRefreshToken,
  ApiToken,
  PasswordReset,
  SignInAttempt,
  AuthIdentity,
  ProgressUpdate,
  RagOverrideRecord,
  AuditEvent,
  ReminderDigest,
  ReminderLedgerEntry,
  Notification,
  ReminderScan,
  ActivityTimescale,
  ActivityMilestone,
  Indicator,
  IndicatorLeadAgency,
  IndicatorSection,
  IndicatorOutcomeMeasure,
  PlanIndicatorSettings,
  IndicatorValueRecord,
  IndicatorTargetRecord,
  IndicatorComparatorRecord,
  PriorityNarrativeRecord,
  PriorityRatingRecord,
  Board,
  BoardMember,
  BoardPlan,
  BoardIndicator,
  Meeting,
  MeetingPack,
  MeetingAction,
  MeetingActionOwner,
  ScrutinyRecommendation,
  ScrutinyDecision,
  SsoSignIn,
  SsoSession,
  CalendarFeed,
  ImportDraft,
];
