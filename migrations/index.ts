import { CreatePlans1763820000000 } from './1763820000000-CreatePlans';
import { AccountsProgressAudit1763830000000 } from './1763830000000-AccountsProgressAudit';
import { Reminders1763840000000 } from './1763840000000-Reminders';
import { ActivityTimescales1763850000000 } from './1763850000000-ActivityTimescales';
import { ReachAndStanding1796124641918 } from './1796124641918-ReachAndStanding';
import { ApplicationRole1796124811366 } from './1796124811366-ApplicationRole';
import { AgencySpellingsByOwner1796134426134 } from './1796134426134-AgencySpellingsByOwner';
import { PlanLeadOfficer1796129867707 } from './1796129867707-PlanLeadOfficer';
import { PlanPeriodAndKey1796124822369 } from './1796124822369-PlanPeriodAndKey';
import { SessionsTokensAgencySpellings1796131627738 } from './1796131627738-SessionsTokensAgencySpellings';
import { SingleSignOnAndCalendarFeeds1796134967171 } from './1796134967171-SingleSignOnAndCalendarFeeds';
import { ImportDrafts1796135211391 } from './1796135211391-ImportDrafts';
import { Indicators1796136320414 } from './1796136320414-Indicators';
import { Boards1796136425901 } from './1796136425901-Boards';
import { ReminderLedgerDigestIndex1796150260757 } from './1796150260757-ReminderLedgerDigestIndex';
import { PlanChanges1796155284741 } from './1796155284741-PlanChanges';

/** Every migration in order; the app, the CLI and tests run exactly this list. */
export const MIGRATIONS = [
  CreatePlans1763820000000,
  AccountsProgressAudit1763830000000,
  Reminders1763840000000,
  ActivityTimescales1763850000000,
  ReachAndStanding1796124641918,
  ApplicationRole1796124811366,
  PlanPeriodAndKey1796124822369,
  PlanLeadOfficer1796129867707,
  SessionsTokensAgencySpellings1796131627738,
  AgencySpellingsByOwner1796134426134,
  SingleSignOnAndCalendarFeeds1796134967171,
  ImportDrafts1796135211391,
  Indicators1796136320414,
  Boards1796136425901,
  ReminderLedgerDigestIndex1796150260757,
  PlanChanges1796155284741,
];
