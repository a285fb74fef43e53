import type { auditEventView } from '../../../audit/audit-views';
import { CalendarDate, formatLongDate, isCalendarDate, TimescaleBand } from '../../../deadlines';
import type { ActivityStatus } from '../../../plans/plan-vocabulary';
import type { ActivityView } from '../../../plans/views';
import type { ActivityRow } from '../../../progress/activity-rows.service';
import type { RagAssessment } from '../../../progress/rag';
import { RAG_LABELS, STATUS_LABELS, statusText } from '../../../progress/standing';
import { bandText, dueDateText, ragTag, sentence, statusTag } from '../../standing-words';
import { activityPath } from '../notifications.view-model';

export type HistoryEvent = ReturnType<typeof auditEventView>;

/** What the person may do here: decided by AccessPolicy, shown as buttons (the services still refuse anyone else). */
export interface ActivityPermissions {
  update: boolean;
  /** Chairs this plan (or is an admin): verify and override. */
  chair: boolean;
}

export interface ActivityPageInput {
  planId: string;
  activity: ActivityView;
  /** The read model's row as of today: where it sits, its owner, standing and latest update. */
  row: ActivityRow;
  recommendation: { number: number; text: string; band: TimescaleBand; dueDate: string | null };
  assessment: RagAssessment;
  asOf: CalendarDate;
  history: HistoryEvent[];
  may: ActivityPermissions;
}

/** The activity's own address and the addresses of what can be done to it. */
export function activityLinks(planId: string, activityId: string) {
  const base = activityPath(planId, activityId);
  return { self: base, update: `${base}/update`, updated: `${base}/updated`, verify: `${base}/verify`, override: `${base}/override`, clearOverride: `${base}/override/clear`, plan: `/plans/${planId}` };
}

/** Short enough for a page title or a breadcrumb: the start of the activity's text. */
export function shortText(value: string, length = 60): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`;
}

/**
 * The activity page: the recommendation it answers, outcome measures, cost,
 * lead agencies, owner, due date, status, RAG with reasons, verification, the
 * chair's override, and the history of updates and changes (newest first).
 */
export function activityPageViewModel(input: ActivityPageInput) {
  const { activity, row, assessment } = input;
  const links = activityLinks(input.planId, activity.id);
  const override = assessment.override;
  return {
    links,
    title: shortText(activity.text),
    text: activity.text,
    planTitle: row.planTitle,
    version: activity.version,
    asOf: input.asOf,
    recommendation: {
      heading: `${row.sectionTitle} recommendation ${input.recommendation.number}`,
      text: input.recommendation.text,
      band: bandText(input.recommendation.band),
      due: input.recommendation.dueDate ? formatLongDate(input.recommendation.dueDate as CalendarDate) : null,
    },
    outcomeMeasures: activity.outcomeMeasures,
    cost: activity.cost.text || null,
    leadAgencies: activity.leadAgencies.map((agency) => agency.name),
    leadAgencyText: activity.leadAgencies.length ? null : activity.leadAgencyText,
    owner: row.ownerName ? { name: row.ownerName, email: row.ownerEmail } : null,
    due: dueDateText(activity.dueDate, activity.dueDatePrecision),
    dueDate: activity.dueDate,
    status: statusTag(activity.status, activity.percentComplete, activity.verification !== null),
    rag: ragTag(assessment.rating),
    computed: override?.active && assessment.computed !== assessment.rating ? ragTag(assessment.computed) : null,
    reasons: assessment.reasons.map(sentence),
    override: override
      ? {
          active: override.active,
          rating: RAG_LABELS[override.rating],
          until: formatLongDate(override.expiresOn),
          reason: override.reason,
          setBy: override.setBy,
        }
      : null,
    verification: activity.verification ? { on: activity.verification.verifiedAt, note: activity.verification.note } : null,
    latestUpdate: row.latestUpdate ? { at: row.latestUpdate.at, note: row.latestUpdate.note } : null,
    actions: {
      update: input.may.update,
      verify: input.may.chair && activity.status === 'complete' && !activity.verification,
      override: input.may.chair,
      clearOverride: input.may.chair && override !== null && override.active,
    },
    history: historyEntries(input.history).reverse(),
  };
}

export interface HistoryEntry {
  id: number;
  at: Date;
  who: string;
  title: string;
  details: string[];
  links: Array<{ href: string; text: string }>;
}

/** "Sam Safeguarding <head.csl@demo.test>" is shown as the name; the system as itself. */
function whoOf(label: string): string {
  if (label === 'system') return 'The system';
  return label.replace(/\s*<[^>]*>\s*$/, '') || label;
}

const STANDING_FIELDS = new Set(['status', 'percentComplete', 'lastReportedAt']);
// Bookkeeping that means nothing to a reader of the history.
const QUIET_FIELDS = new Set(['version', 'updatedAt', 'lastReportedAt', 'dueDateOverridden', 'ownerId', 'leadAgencyText']);

/**
 * The record of an activity in words, oldest first. A progress report writes
 * two events (the report, and the activity's new standing just before it):
 * the standing's status and percentage are told once, with the report.
 */
export function historyEntries(events: HistoryEvent[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  events.forEach((event, index) => {
    const next = events[index + 1];
    const withReport = next && next.entityType === 'progress_update' && next.action === 'create' && next.actor.id === event.actor.id;
    const entry = describe(event, withReport ? STANDING_FIELDS : new Set());
    if (entry) entries.push({ id: event.id, at: new Date(event.occurredAt), who: whoOf(event.actor.label), links: [], ...entry });
  });
  return entries;
}

type Described = Pick<HistoryEntry, 'title' | 'details'> & Partial<Pick<HistoryEntry, 'links'>>;

function describe(event: HistoryEvent, toldElsewhere: Set<string>): Described | null {
  const before = (event.before ?? {}) as Record<string, unknown>;
  const after = (event.after ?? {}) as Record<string, unknown>;
  if (event.entityType === 'progress_update' && event.action === 'create') {
    const links = Array.isArray(after.evidenceLinks) ? after.evidenceLinks.filter((link): link is string => typeof link === 'string') : [];
    return {
      title: 'Progress reported',
      details: [
        `Status: ${statusText(after.status as ActivityStatus, numberOrNull(after.percentComplete), false)}`,
        ...(typeof after.note === 'string' && after.note ? [`Note: ${after.note}`] : []),
      ],
      // Only web links are links; anything else on the record is shown as text.
      links: links.filter((link) => /^https?:\/\//i.test(link)).map((link) => ({ href: link, text: link })),
    };
  }
  if (event.entityType === 'rag_override') {
    const override = (event.action === 'delete' ? before : after) as { rating?: keyof typeof RAG_LABELS; reason?: string; expiresOn?: string };
    const what = `${override.rating ? RAG_LABELS[override.rating] : 'A rating'}${override.expiresOn && isCalendarDate(override.expiresOn) ? ` until ${formatLongDate(override.expiresOn)}` : ''}`;
    return event.action === 'delete'
      ? { title: 'Rating override withdrawn', details: [`It showed ${what}`] }
      : { title: 'Rating overridden', details: [`Shown as ${what}`, `Reason: ${override.reason ?? ''}`] };
  }
  if (event.entityType !== 'activity') return null;
  if (event.action === 'create') return { title: 'Added to the plan', details: [] };
  if (event.action === 'delete') return { title: 'Removed from the plan', details: [] };
  const details: string[] = [];
  let title = 'Changed';
  for (const field of Object.keys(after)) {
    if (QUIET_FIELDS.has(field) || toldElsewhere.has(field)) continue;
    const change = changeText(field, before[field], after[field]);
    if (field === 'verification') title = after.verification ? 'Verified' : 'Verification withdrawn';
    if (change) details.push(change);
  }
  return details.length ? { title, details } : null;
}

function changeText(field: string, before: unknown, after: unknown): string | null {
  switch (field) {
    case 'status':
      return `Status changed from ${STATUS_LABELS[before as ActivityStatus] ?? 'none'} to ${STATUS_LABELS[after as ActivityStatus] ?? 'none'}`;
    case 'percentComplete':
      return `Percent complete changed from ${percent(before)} to ${percent(after)}`;
    case 'verification': {
      const note = (after as { note?: string } | null)?.note;
      return after ? `Evidence checked: ${note ?? ''}` : 'The work was reopened, so it is no longer verified';
    }
    case 'dueDate':
      return `Due date changed from ${dateText(before)} to ${dateText(after)}`;
    case 'dueDatePrecision':
      return null;
    case 'text':
      return 'The wording of the activity changed';
    case 'owner': {
      const name = (after as { name?: string } | null)?.name;
      return name ? `Owner changed to ${name}` : 'Owner removed';
    }
    case 'leadAgencies': {
      const names = Array.isArray(after) ? after.map((agency) => (agency as { name?: string }).name).filter(Boolean) : [];
      return names.length ? `Lead agencies changed to ${names.join(', ')}` : 'Lead agencies removed';
    }
    case 'outcomeMeasures':
      return 'Outcome measures changed';
    case 'cost': {
      const cost = (after as { text?: string } | null)?.text;
      return cost ? `Cost changed to ${cost}` : 'Cost removed';
    }
    case 'startDate':
      return `Start date changed from ${dateText(before)} to ${dateText(after)}`;
    case 'position':
    case 'recommendationId':
      return 'Moved within the plan';
    default:
      return null;
  }
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

function percent(value: unknown): string {
  return typeof value === 'number' ? `${value}%` : 'none';
}

function dateText(value: unknown): string {
  return typeof value === 'string' && isCalendarDate(value) ? formatLongDate(value) : 'none';
}

/** What the form was opened on, carried in hidden fields, to tell a person what changed meanwhile. */
export interface LoadedStanding {
  status: string;
  percentComplete: string;
  dueDate: string;
  verified: string;
}

export function loadedStandingOf(activity: ActivityView): LoadedStanding {
  return {
    status: activity.status,
    percentComplete: activity.percentComplete === null ? '' : String(activity.percentComplete),
    dueDate: activity.dueDate ?? '',
    verified: activity.verification ? 'yes' : 'no',
  };
}

/**
 * The conflict page's table: each thing that differs between the activity
 * when the person opened the form and now, in words.
 */
export function whatChanged(loaded: LoadedStanding, current: ActivityView): Array<{ field: string; then: string; now: string }> {
  const now = loadedStandingOf(current);
  const rows: Array<{ field: string; then: string; now: string }> = [];
  const status = (value: string) => STATUS_LABELS[value as ActivityStatus] ?? 'Not known';
  if (loaded.status !== now.status) rows.push({ field: 'Status', then: status(loaded.status), now: status(now.status) });
  if (loaded.percentComplete !== now.percentComplete) {
    const percentText = (value: string) => (value === '' ? 'Not given' : /^\d{1,3}$/.test(value) ? `${value}%` : 'Not known');
    rows.push({ field: 'Percent complete', then: percentText(loaded.percentComplete), now: percentText(now.percentComplete) });
  }
  const due = (value: string) => (value === '' ? dueDateText(null) : isCalendarDate(value) ? dueDateText(value) : 'Not known');
  if (loaded.dueDate !== now.dueDate) rows.push({ field: 'Due date', then: due(loaded.dueDate), now: due(now.dueDate) });
  if (loaded.verified !== now.verified) rows.push({ field: 'Verified', then: loaded.verified === 'yes' ? 'Yes' : 'No', now: now.verified === 'yes' ? 'Yes' : 'No' });
  return rows;
}

export function loadedStandingFrom(body: Record<string, unknown>): LoadedStanding {
  const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  return { status: field('loadedStatus'), percentComplete: field('loadedPercentComplete'), dueDate: field('loadedDueDate'), verified: field('loadedVerified') };
}
