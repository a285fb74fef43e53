import { CalendarDate, compareCalendarDates, formatShortDate, WorkingDayCalendar } from '../../../deadlines';
import { ACTIVITY_STATUSES, ActivityStatus } from '../../../plans/plan-vocabulary';
import type { ActivityRow } from '../../../progress/activity-rows.service';
import { RAG_RATINGS, RagAssessment, RagRating } from '../../../progress/rag';
import { isDueSoon, isOpen, isOverdue, isUnreported, RAG_LABELS, STATUS_LABELS, workingDaysLate } from '../../../progress/standing';
import { paginationFor, withQuery } from '../../pagination';
import { dueDateText, plural, ragTag, sentence, statusTag } from '../../standing-words';
import { activityPath } from '../notifications.view-model';

export const YOUR_ACTIVITIES_PATH = '/your-activities';
export const YOUR_ACTIVITIES_PAGE_SIZE = 50;

/** Which list an activity is in, first that applies: the order a service head works through them. */
export type WorkList = 'overdue' | 'dueSoon' | 'unreported' | 'rest';

export const WORK_LISTS: ReadonlyArray<{ key: WorkList; heading: string }> = [
  { key: 'overdue', heading: 'Overdue' },
  { key: 'dueSoon', heading: 'Due in the next 10 working days' },
  { key: 'unreported', heading: 'Not updated for 30 days' },
  { key: 'rest', heading: 'Your other activities' },
];

/** The filters as asked for in the address; anything not among the choices is taken as "any". */
export interface WorkFilter {
  planId?: string;
  status?: string;
  rag?: string;
}

export interface RatedRow {
  row: ActivityRow;
  assessment: RagAssessment;
}

export function workListOf(row: ActivityRow, asOf: CalendarDate, calendar: WorkingDayCalendar): WorkList {
  if (isOverdue(row, asOf)) return 'overdue';
  if (isDueSoon(calendar, row, asOf)) return 'dueSoon';
  if (isUnreported({ status: row.status, lastReportedOn: row.latestUpdate?.reportedOn ?? null, startDate: row.startDate ?? row.publishedOn }, asOf)) return 'unreported';
  return 'rest';
}

interface Classified extends RatedRow {
  list: WorkList;
  late: number | null;
}

const byDueDate = (a: Classified, b: Classified) => {
  if (a.row.dueDate === b.row.dueDate) return 0;
  if (!a.row.dueDate) return 1;
  if (!b.row.dueDate) return -1;
  return compareCalendarDates(a.row.dueDate as CalendarDate, b.row.dueDate as CalendarDate);
};

/** Within each list: the most late first; then the nearest date; the longest silence first; open work before finished. */
const ORDER: Record<WorkList, (a: Classified, b: Classified) => number> = {
  overdue: (a, b) => (b.late ?? 0) - (a.late ?? 0) || byDueDate(a, b),
  dueSoon: byDueDate,
  unreported: (a, b) => (a.row.latestUpdate?.reportedOn ?? '').localeCompare(b.row.latestUpdate?.reportedOn ?? '') || byDueDate(a, b),
  rest: (a, b) => Number(!isOpen(a.row.status)) - Number(!isOpen(b.row.status)) || byDueDate(a, b),
};

/**
 * "Your activities": every activity within the person's reach, overdue
 * first, then due in the next 10 working days, then not updated for 30
 * days, then the rest, each with its RAG and reasons, due date, plan and
 * recommendation; narrowed by plan, status and RAG; a page at a time.
 */
export function yourActivitiesViewModel(rated: RatedRow[], asOf: CalendarDate, calendar: WorkingDayCalendar, filter: WorkFilter, page: number) {
  const plans = [...new Map(rated.map(({ row }) => [row.planId, row.planTitle])).entries()].map(([id, title]) => ({ id, title }));
  const planId = plans.some((plan) => plan.id === filter.planId) ? filter.planId : undefined;
  const status = (ACTIVITY_STATUSES as readonly string[]).includes(filter.status ?? '') ? (filter.status as ActivityStatus) : undefined;
  const rag = [...RAG_RATINGS, 'none'].includes(filter.rag ?? '') ? (filter.rag as RagRating | 'none') : undefined;

  const kept = rated
    .filter(({ row }) => !planId || row.planId === planId)
    .filter(({ row }) => !status || row.status === status)
    .filter(({ assessment }) => !rag || (rag === 'none' ? assessment.rating === null : assessment.rating === rag))
    .map((item): Classified => ({ ...item, list: workListOf(item.row, asOf, calendar), late: workingDaysLate(calendar, item.row.dueDate, asOf) }));
  const ordered = WORK_LISTS.flatMap(({ key }) => kept.filter((item) => item.list === key).sort(ORDER[key]));
  const counts = Object.fromEntries(WORK_LISTS.map(({ key }) => [key, kept.filter((item) => item.list === key).length])) as Record<WorkList, number>;

  const pages = Math.max(1, Math.ceil(ordered.length / YOUR_ACTIVITIES_PAGE_SIZE));
  const current = Math.min(page, pages);
  const onPage = ordered.slice((current - 1) * YOUR_ACTIVITIES_PAGE_SIZE, current * YOUR_ACTIVITIES_PAGE_SIZE);
  const query = { planId, status, rag };
  return {
    asOf,
    total: rated.length,
    shown: ordered.length,
    filtered: Boolean(planId || status || rag),
    summary: WORK_LISTS.map(({ key, heading }) => ({ key, heading, count: counts[key] })),
    filters: {
      plans: [{ value: '', text: 'All plans' }, ...plans.map((plan) => ({ value: plan.id, text: plan.title, selected: plan.id === planId }))],
      statuses: [{ value: '', text: 'Any status' }, ...ACTIVITY_STATUSES.map((value) => ({ value, text: STATUS_LABELS[value], selected: value === status }))],
      rags: [
        { value: '', text: 'Any rating' },
        ...RAG_RATINGS.map((value) => ({ value, text: RAG_LABELS[value], selected: value === rag })),
        { value: 'none', text: 'Not rated', selected: rag === 'none' },
      ],
    },
    page: current,
    lists: WORK_LISTS.map(({ key, heading }) => ({
      key,
      heading,
      count: counts[key],
      items: onPage.filter((item) => item.list === key).map(workItem),
    })).filter((list) => list.items.length > 0),
    pagination: paginationFor(current, ordered.length, YOUR_ACTIVITIES_PAGE_SIZE, (n) => withQuery(YOUR_ACTIVITIES_PATH, { ...query, page: n > 1 ? n : undefined })),
  };
}

function workItem({ row, assessment, late }: Classified) {
  return {
    id: row.id,
    href: activityPath(row.planId, row.id),
    text: row.text,
    planTitle: row.planTitle,
    recommendation: `${row.sectionTitle} recommendation ${row.recommendationNumber}`,
    dueDate: row.dueDate,
    due: dueDateText(row.dueDate, row.dueDatePrecision),
    late: late ? `${plural(late, 'working day')} overdue` : null,
    lastUpdate: row.latestUpdate ? `Last updated ${formatShortDate(row.latestUpdate.reportedOn)}` : 'Never updated',
    status: statusTag(row.status, row.percentComplete, row.verified),
    rag: ragTag(assessment.rating),
    reasons: assessment.reasons.map(sentence),
  };
}
