import { readFileSync } from 'fs';
import Handlebars from 'handlebars';
import * as path from 'path';
import { CalendarDate, formatLongDate, formatMonthYear } from '../deadlines';
import { formatMonthLong } from '../indicators/domain/periods';
import type { Month } from '../indicators/domain/periods';
import { MILESTONE_KIND_PREFIX, isEscalation } from './schedule';

export interface DigestItem {
  activityId: string;
  activityText: string;
  planId: string;
  planTitle: string;
  sectionTitle: string;
  recommendationNumber: number;
  dueDate: string;
  dueDatePrecision: 'day' | 'month';
  kind: string;
  /** A recurring commitment's milestone ("Quarter to June 2016") the reminder is for, else null. */
  milestone: string | null;
  workingDaysOverdue: number;
}

/** An indicator's monthly return the chaser asks for (the owner's, or their agency's). */
export interface ReturnItem {
  indicatorId: string;
  indicatorTitle: string;
  planId: string;
  planTitle: string;
  /** The month whose value is missing, 'YYYY-MM'. */
  month: string;
  dueDate: string;
  workingDaysOverdue: number;
}

/** An action agreed at a board's meeting that the person owns, due soon, today or overdue. */
export interface ActionItem {
  actionId: string;
  text: string;
  board: string;
  /** The meeting the action was agreed at: its page is where the owner closes it. */
  boardId: string;
  meetingId: string;
  meetingDate: string;
  number: number;
  dueDate: string;
  workingDaysOverdue: number;
}

export interface DigestEmail {
  subject: string;
  text: string;
  html: string;
}

// Compiled once: src/reminders/../../templates in development, dist/src/reminders/../../templates after a build.
const TEMPLATES = path.resolve(__dirname, '../../templates/reminders');
// Handlebars' own helpers called directly, and no data frames (the digests name no @data): a digest job renders
// fifty emails at a time, and each frame was copied per item of every {{#each}}.
const LEAN: CompileOptions = { strict: true, knownHelpersOnly: true, data: false };
const html = Handlebars.compile(readFileSync(path.join(TEMPLATES, 'digest.html.hbs'), 'utf8'), LEAN);
// Plain text has no markup to protect, and &amp; would be noise there.
const text = Handlebars.compile(readFileSync(path.join(TEMPLATES, 'digest.text.hbs'), 'utf8'), { ...LEAN, noEscape: true });

// A milestone's reminder sits with the due dates of the same kind ("milestone_due_today" under "Due today").
const baseKind = (kind: string) => kind.replace(MILESTONE_KIND_PREFIX, '');
const GROUPS: Array<{ heading: string; test: (item: DigestItem) => boolean }> = [
  { heading: 'Overdue', test: (item) => baseKind(item.kind) === 'overdue' || isEscalation(item.kind) },
  { heading: 'Due today', test: (item) => baseKind(item.kind) === 'due_today' },
  { heading: 'Due soon', test: (item) => baseKind(item.kind).startsWith('due_in_') },
];

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * One digest per person per day, grouped by plan, then "Overdue", "Due today"
 * and "Due soon", each item naming the plan, the recommendation, the activity,
 * the due date and how late it is, with a link to it; then the performance
 * indicators whose monthly returns the person owes (the monthly chaser).
 */
export function renderDigest(input: {
  recipientName: string;
  digestDate: CalendarDate;
  items: DigestItem[];
  /** Indicator returns overdue: the monthly chaser rides in the same digest. */
  returns?: ReturnItem[];
  /** Actions agreed at board meetings that the person owns. */
  actions?: ActionItem[];
  publicUrl: string;
  isChair: boolean;
}): DigestEmail {
  const returns = input.returns ?? [];
  const actions = input.actions ?? [];
  const planIds = [...new Set([...input.items.map((item) => item.planId), ...returns.map((item) => item.planId)])];
  const overdue = input.items.filter(GROUPS[0].test).length;
  const dueSoon = input.items.length - overdue;
  const summary =
    `As of ${formatLongDate(input.digestDate)}: ` +
    [
      overdue ? `${plural(overdue, 'activity is', 'activities are')} overdue` : '',
      dueSoon ? `${plural(dueSoon, 'activity is', 'activities are')} due soon or today` : '',
      returns.length ? `${plural(returns.length, 'indicator return is', 'indicator returns are')} overdue` : '',
      actions.length ? `${plural(actions.length, 'board action is', 'board actions are')} due or overdue` : '',
    ]
      .filter(Boolean)
      .join('; ') +
    '.';
  const context = {
    subject: '',
    recipientName: input.recipientName,
    summary,
    isChair: input.isChair,
    makesReturns: returns.length > 0,
    ownsActions: actions.length > 0,
    actions: [...actions]
      .sort((a, b) => b.workingDaysOverdue - a.workingDaysOverdue || a.dueDate.localeCompare(b.dueDate))
      .map((item) => ({
        where: `${item.board}, meeting of ${formatLongDate(item.meetingDate as CalendarDate)}, action ${item.number}`,
        text: item.text,
        link: `${input.publicUrl}/boards/${item.boardId}/meetings/${item.meetingId}`,
        dueDate: formatLongDate(item.dueDate as CalendarDate),
        overdueText: item.workingDaysOverdue > 0 ? `${plural(item.workingDaysOverdue, 'working day', 'working days')} overdue` : '',
      })),
    profileLink: `${input.publicUrl}/me`,
    plans: planIds.map((planId) => {
      const inPlan = input.items.filter((item) => item.planId === planId);
      const returnsInPlan = returns.filter((item) => item.planId === planId);
      return {
        title: inPlan[0]?.planTitle ?? returnsInPlan[0].planTitle,
        returns: [...returnsInPlan]
          .sort((a, b) => b.workingDaysOverdue - a.workingDaysOverdue || a.indicatorTitle.localeCompare(b.indicatorTitle, 'en-GB'))
          .map((item) => ({
            indicator: item.indicatorTitle,
            month: formatMonthLong(item.month as Month),
            dueDate: formatLongDate(item.dueDate as CalendarDate),
            overdueText: `${plural(item.workingDaysOverdue, 'working day', 'working days')} overdue`,
            link: `${input.publicUrl}/plans/${item.planId}/indicators/${item.indicatorId}`,
          })),
        groups: GROUPS.map((group) => ({
          heading: group.heading,
          items: inPlan
            .filter(group.test)
            .sort((a, b) => b.workingDaysOverdue - a.workingDaysOverdue || a.dueDate.localeCompare(b.dueDate))
            .map((item) => ({
              recommendation: `${item.sectionTitle} recommendation ${item.recommendationNumber}`,
              activity: item.activityText,
              milestone: item.milestone,
              dueDate: item.dueDatePrecision === 'month' ? formatMonthYear(item.dueDate as CalendarDate) : formatLongDate(item.dueDate as CalendarDate),
              overdueText: item.workingDaysOverdue > 0 ? `${plural(item.workingDaysOverdue, 'working day', 'working days')} overdue` : '',
              escalation: isEscalation(item.kind),
              link: `${input.publicUrl}/plans/${item.planId}/activities/${item.activityId}`,
            })),
        })).filter((group) => group.items.length > 0),
      };
    }),
  };
  const subject = `Improvement plan reminders for ${formatLongDate(input.digestDate)}: ${[
    overdue ? `${overdue} overdue` : '',
    dueSoon ? `${dueSoon} due soon` : '',
    returns.length ? `${plural(returns.length, 'indicator return', 'indicator returns')} overdue` : '',
    actions.length ? plural(actions.length, 'board action', 'board actions') : '',
  ]
    .filter(Boolean)
    .join(', ')}`;
  context.subject = subject;
  return { subject, text: text(context), html: html(context) };
}
