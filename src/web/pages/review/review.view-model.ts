import { formatLongDate, TimescaleBand } from '../../../deadlines';
import type { ActivityStatus } from '../../../plans/plan-vocabulary';
import type { RagRating } from '../../../progress/rag';
import { REVIEW_GROUPINGS, ReviewGrouping } from '../../../reviews/reviews.dto';
import { paginationFor, withQuery } from '../../pagination';
import { dueDateText, plural, ragTag, sentence, statusTag } from '../../standing-words';
import { activityPath } from '../notifications.view-model';

export const REVIEW_PATH = '/review';
export const REVIEW_PAGE_SIZE = 50;

export const REVIEW_LISTS = ['overdue', 'at-risk'] as const;
export type ReviewList = (typeof REVIEW_LISTS)[number];

/** What ReviewsService.overdue and atRisk answer, as far as the page reads it: one page of items; total and counts cover every page. */
export interface ReviewAnswer {
  asOf: string;
  groupBy: ReviewGrouping;
  page: number;
  pageSize: number;
  total: number;
  groups: Array<{ key: string; label: string; count: number; activityIds: string[] }>;
  items: Array<{
    activityId: string;
    activity: string;
    planId: string;
    planTitle: string;
    sectionTitle: string;
    recommendationNumber: number;
    band: TimescaleBand;
    dueDate: string | null;
    workingDaysOverdue: number | null;
    status: ActivityStatus;
    percentComplete: number | null;
    owner: { name: string } | null;
    leadAgencies: Array<{ id: string; name: string }>;
    rag: { rating: RagRating | null; reasons: string[] };
  }>;
}

export const GROUPING_CHOICES: ReadonlyArray<{ value: ReviewGrouping; text: string }> = [
  { value: 'leadAgency', text: 'Lead agency' },
  { value: 'section', text: 'Table' },
  { value: 'band', text: 'Timescale' },
  { value: 'owner', text: 'Owner' },
];

const LIST_WORDS: Record<ReviewList, { heading: string; one: string; many: string }> = {
  overdue: { heading: 'Overdue', one: 'activity overdue', many: 'activities overdue' },
  'at-risk': { heading: 'At risk', one: 'activity at risk', many: 'activities at risk' },
};

export interface ReviewChoice {
  list: ReviewList;
  groupBy: ReviewGrouping;
  planId?: string;
  asOf: string;
  /** Whether the date was asked for (kept in links) or today by default. */
  asOfAsked: boolean;
  page: number;
}

/**
 * The chair's review: overdue or at-risk work as of a date, grouped by lead
 * agency, table, timescale or owner, with the count in each group and, for
 * overdue work, how many working days late; each row links to its activity.
 * An activity led by several agencies is listed under each. A page at a time,
 * as the service answers it: its groups name that page's items, their counts
 * cover every page.
 */
export function reviewViewModel(answer: ReviewAnswer, choice: ReviewChoice, plans: Array<{ id: string; title: string }>) {
  const page = answer.page;
  const byId = new Map(answer.items.map((item) => [item.activityId, item]));
  const words = LIST_WORDS[choice.list];
  const query = { list: choice.list === 'overdue' ? undefined : choice.list, groupBy: choice.groupBy === 'leadAgency' ? undefined : choice.groupBy, planId: choice.planId, asOf: choice.asOfAsked ? choice.asOf : undefined };
  const grouping = GROUPING_CHOICES.find((g) => g.value === choice.groupBy)!;
  return {
    list: choice.list,
    heading: words.heading,
    asOf: choice.asOf,
    asOfText: formatLongDate(choice.asOf as `${number}-${number}-${number}`),
    groupBy: choice.groupBy,
    groupingText: grouping.text.toLowerCase(),
    total: answer.total,
    totalText: plural(answer.total, words.one, words.many),
    lists: REVIEW_LISTS.map((value) => ({ value, text: LIST_WORDS[value].heading, checked: value === choice.list })),
    groupings: GROUPING_CHOICES.map((g) => ({ ...g, checked: g.value === choice.groupBy })),
    plans: plans.length > 1 ? [{ value: '', text: 'All plans' }, ...plans.map((plan) => ({ value: plan.id, text: plan.title, selected: plan.id === choice.planId }))] : [],
    showLate: choice.list === 'overdue',
    showOwner: choice.groupBy !== 'owner',
    groups: answer.groups.map((group, index) => ({
      anchor: `group-${index + 1}`,
      label: group.label,
      count: group.count,
      countText: plural(group.count, words.one, words.many),
      items: group.activityIds.map((id) => byId.get(id)).filter((item): item is ReviewAnswer['items'][number] => !!item).map(reviewRow),
    })),
    page,
    pagination: paginationFor(page, answer.total, answer.pageSize, (n) => withQuery(REVIEW_PATH, { ...query, page: n > 1 ? n : undefined })),
    exceptionReport: ['html', 'pdf', 'docx'].map((format) => ({
      text: { html: 'HTML', pdf: 'PDF', docx: 'Word' }[format]!,
      href: withQuery(`${REVIEW_PATH}/exception-report`, { format, asOf: choice.asOf, planId: choice.planId }),
    })),
  };
}

function reviewRow(item: ReviewAnswer['items'][number]) {
  return {
    href: activityPath(item.planId, item.activityId),
    text: item.activity,
    where: `${item.planTitle}: ${item.sectionTitle} recommendation ${item.recommendationNumber}`,
    due: dueDateText(item.dueDate),
    late: item.workingDaysOverdue === null ? 'Not known' : plural(item.workingDaysOverdue, 'working day'),
    lateNumber: item.workingDaysOverdue,
    status: statusTag(item.status, item.percentComplete, false),
    rag: ragTag(item.rag.rating),
    reasons: item.rag.reasons.map(sentence),
    owner: item.owner?.name ?? 'No named owner',
    leadAgencies: item.leadAgencies.map((agency) => agency.name).join(', ') || 'No lead agency',
  };
}

/** The list and grouping from the address; anything else is a problem for the error summary. */
export function reviewChoiceProblems(query: { list: string; groupBy: string }): Record<string, string> {
  const problems: Record<string, string> = {};
  if (query.list && !(REVIEW_LISTS as readonly string[]).includes(query.list)) problems.list = 'Choose overdue or at risk';
  if (query.groupBy && !(REVIEW_GROUPINGS as readonly string[]).includes(query.groupBy)) problems.groupBy = 'Choose how to group the list: by lead agency, table, timescale or owner';
  return problems;
}
