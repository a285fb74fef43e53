import { CalendarDate, formatLongDate, isCalendarDate } from '../../../deadlines';
import { addMonths, formatMonthLong, monthOfDate } from '../../../indicators/domain';
import type { PlanKind, PlanStatus } from '../../../plans/plan-vocabulary';
import type { PlanTreeView } from '../../../plans/plan-tree.reader';
import type { ActivityRow } from '../../../progress/activity-rows.service';
import type { RagAssessment, RagRating } from '../../../progress/rag';
import type { ReviewsService } from '../../../reviews/reviews.service';
import { paginationFor, withQuery } from '../../pagination';
import { bandText, dueDateText, plural, ragTag, sentence, statusTag } from '../../standing-words';
import { activityPath } from '../notifications.view-model';

export type PlanStanding = Awaited<ReturnType<ReviewsService['planStanding']>>;
type Tally = PlanStanding['summary']['sections'][number]['bands'][number];

const KIND_LABELS: Record<PlanKind, string> = {
  ofsted_inspection: 'Ofsted inspection',
  focused_visit: 'Focused visit',
  monitoring_visit: 'Monitoring visit',
  serious_case_review: 'Serious case review',
  multi_agency_audit: 'Multi-agency audit',
  business_plan: 'Business plan',
  other: 'Other plan',
};

const PLAN_STATUS_TAGS: Record<PlanStatus, { text: string; classes: string }> = {
  draft: { text: 'Draft', classes: 'govuk-tag--grey' },
  approved: { text: 'Approved', classes: 'govuk-tag--teal' },
  closed: { text: 'Closed', classes: 'govuk-tag--grey' },
};

export function kindLabel(kind: PlanKind): string {
  return KIND_LABELS[kind] ?? kind;
}

export function planStatusTag(status: PlanStatus) {
  return PLAN_STATUS_TAGS[status] ?? { text: status, classes: 'govuk-tag--grey' };
}

export function planPath(planId: string): string {
  return `/plans/${planId}`;
}

/** The reports a person may download here, decided by AccessPolicy: whole-plan readers get the papers, chairs the exception report. */
export interface PlanDownloads {
  papers: boolean;
  exceptionReport: boolean;
}

const FORMATS = [
  { format: 'html', text: 'HTML' },
  { format: 'pdf', text: 'PDF' },
  { format: 'docx', text: 'Word' },
] as const;

/** One roll-up row: the counts a board reads, with the rating they add up to. */
function tallyRow(label: string, tally: Pick<Tally, 'activities' | 'rag' | 'byRag' | 'percentComplete' | 'percentVerified'>, level: 'plan' | 'section' | 'band') {
  return {
    label,
    level,
    activities: tally.activities,
    rag: ragTag(tally.rag),
    red: tally.byRag.red,
    amber: tally.byRag.amber,
    green: tally.byRag.green,
    blue: tally.byRag.blue,
    notRated: tally.byRag.notRated,
    percentComplete: `${tally.percentComplete}%`,
    percentVerified: `${tally.percentVerified}%`,
  };
}

/**
 * The plan page: its tables (sections), recommendations and activities with
 * RAG and status as of a date, the roll-ups per table and timescale from the
 * plan summary, and links to the committee papers. A service head sees the
 * plan only as far as their own activities (the tree and summary come
 * narrowed by their reach), and no papers.
 */
export function planPageViewModel(input: { tree: PlanTreeView; standing: PlanStanding; asOf: CalendarDate; wholePlan: boolean; downloads: PlanDownloads }) {
  const { tree, standing, asOf } = input;
  const rows = new Map<string, ActivityRow>(standing.rows.map((row) => [row.id, row]));
  const sectionTallies = new Map(standing.summary.sections.map((section) => [section.sectionId, section]));
  const recommendationRag = new Map(standing.summary.recommendations.map((r) => [r.recommendationId, r]));
  const path = planPath(tree.id);
  // The performance report is monthly: the month before the date shown, whose returns are in by then.
  const reportMonth = addMonths(monthOfDate(asOf), -1);
  const download = (kind: string, extra: Record<string, string>) => FORMATS.map(({ format, text }) => ({ text, href: withQuery(`${path}/${kind}`, { format, ...extra }) }));

  return {
    id: tree.id,
    indicatorsHref: `${path}/indicators`,
    title: tree.title,
    kind: kindLabel(tree.kind),
    status: planStatusTag(tree.status),
    publishedOn: tree.source.publishedOn && isCalendarDate(tree.source.publishedOn) ? formatLongDate(tree.source.publishedOn) : null,
    reportTitle: tree.source.reportTitle,
    asOf,
    wholePlan: input.wholePlan,
    counts: {
      sections: tree.sections.length,
      recommendations: tree.sections.reduce((sum, section) => sum + section.recommendations.length, 0),
      activities: standing.summary.activities,
    },
    overall: tallyRow('Whole plan', standing.summary, 'plan'),
    rollUps: [
      ...standing.summary.sections.flatMap((section) => [tallyRow(section.title, section, 'section'), ...section.bands.map((band) => tallyRow(band.label, band, 'band'))]),
    ],
    bands: standing.summary.bands.map((band) => tallyRow(band.label, band, 'band')),
    downloads: {
      papers: input.downloads.papers
        ? [
            { title: 'Appendix for a committee paper', description: 'The plan as the paper prints it: introduction, one table per section, summary.', links: download('appendix', {}) },
            { title: `Progress report as of ${formatLongDate(asOf)}`, description: 'The plan’s table with due date, status, RAG and the latest progress.', links: download('progress-report', { asOf }) },
            {
              title: `Performance report for ${formatMonthLong(reportMonth)}`,
              description: 'Each priority’s RAG and reasons, its indicators against target and comparators with a chart each, and its overdue and at-risk actions.',
              links: download('performance-report', { asOf: reportMonth }),
            },
          ]
        : [],
      exceptionReport: input.downloads.exceptionReport
        ? {
            title: `Exception report as of ${formatLongDate(asOf)}`,
            description: 'Overdue and at-risk work by lead agency, for the chair.',
            links: FORMATS.map(({ format, text }) => ({ text, href: withQuery('/review/exception-report', { format, asOf, planId: tree.id }) })),
          }
        : null,
    },
    sections: tree.sections.map((section) => {
      const tally = sectionTallies.get(section.id);
      return {
        id: section.id,
        title: section.title,
        rag: ragTag(tally?.rag ?? null),
        countsText: tally ? ragCounts(tally.byRag) : 'No activities',
        recommendations: section.recommendations.map((recommendation) => {
          const rolled = recommendationRag.get(recommendation.id);
          const activities = recommendation.activities.map((activity) => {
            const row = rows.get(activity.id);
            const assessment = standing.assessments.get(activity.id) as RagAssessment | undefined;
            const status = row ? statusTag(row.status, row.percentComplete, row.verified) : statusTag(activity.status, activity.percentComplete, activity.verification !== null);
            return {
              id: activity.id,
              href: activityPath(tree.id, activity.id),
              text: activity.text,
              due: dueDateText(row?.dueDate ?? activity.dueDate, row?.dueDatePrecision ?? activity.dueDatePrecision),
              leadAgencies: activity.leadAgencies.map((agency) => agency.name).join(', '),
              status,
              rag: ragTag(assessment?.rating ?? null),
              reason: assessment?.reasons[0] ? sentence(assessment.reasons[0]) : null,
            };
          });
          return {
            id: recommendation.id,
            heading: `Recommendation ${recommendation.number}`,
            text: recommendation.text,
            band: bandText(recommendation.band),
            due: recommendation.dueDate ? dueDateText(recommendation.dueDate) : null,
            rag: ragTag(rolled?.rag ?? null),
            countsText: rolled ? ragCounts(rolled.byRag) : '',
            activities,
            // govukTaskList's options: each activity a linked item, its due date, status, lead and reason as the hint, its RAG as the status tag.
            taskList: {
              idPrefix: `activities-${recommendation.id}`,
              classes: 'app-task-list',
              items: activities.map((activity) => ({
                title: { text: activity.text, classes: 'app-isolate app-wrap' },
                href: activity.href,
                hint: { text: [`${activity.status.text}, due ${activity.due}`, activity.leadAgencies ? `Lead: ${activity.leadAgencies}` : null, activity.reason ? `${activity.rag.text} because: ${activity.reason.charAt(0).toLowerCase()}${activity.reason.slice(1)}` : null].filter(Boolean).join('. ') },
                status: { tag: { text: activity.rag.text, classes: activity.rag.classes } },
              })),
            },
          };
        }),
      };
    }),
  };
}

/** "2 red, 1 amber, 3 green" (only the ratings present), for a heading's roll-up in words. */
export function ragCounts(byRag: Record<RagRating | 'notRated', number>): string {
  const parts = (['red', 'amber', 'green', 'blue'] as const).filter((rating) => byRag[rating] > 0).map((rating) => `${byRag[rating]} ${rating}`);
  if (byRag.notRated > 0) parts.push(`${byRag.notRated} not rated`);
  return parts.length ? parts.join(', ') : 'No activities';
}

export interface PlanListItem {
  id: string;
  title: string;
  kind: PlanKind;
  status: PlanStatus;
  source: { publishedOn: string | null };
  counts: { sections: number; recommendations: number; activities: number };
}

/** "Your plans": the plans a person may open, each counted as far as they see it. */
export function yourPlansViewModel(result: { items: PlanListItem[]; page: number; pageSize: number; total: number }) {
  return {
    total: result.total,
    page: result.page,
    items: result.items.map((plan) => ({
      href: planPath(plan.id),
      title: plan.title,
      kind: kindLabel(plan.kind),
      status: planStatusTag(plan.status),
      publishedOn: plan.source.publishedOn,
      activities: plural(plan.counts.activities, 'activity', 'activities'),
    })),
    pagination: paginationFor(result.page, result.total, result.pageSize, (n) => withQuery('/your-plans', { page: n > 1 ? n : undefined })),
  };
}
