import type { ActionView, BoardView, MeetingView, PackVersionView, PersonView } from '../../../boards/board-views';
import type { ActionStatus, BoardKind, MeetingStatus } from '../../../boards/entities/board.entities';
import { longDate, shortDateTime } from '../../format';
import { paginationFor, withQuery } from '../../pagination';
import type { Tag } from '../../standing-words';

export const YOUR_BOARDS_PATH = '/your-boards';

const KIND_NAMES: Record<BoardKind, string> = {
  improvement_board: 'Improvement board',
  scrutiny_panel: 'Scrutiny panel',
  partnership_executive: 'Partnership executive',
  other: 'Board',
};

// Colours apart from the RAG ones, so a meeting's or an action's status never reads as a rating.
const MEETING_STATUS_TAGS: Record<MeetingStatus, Tag> = {
  scheduled: { text: 'Scheduled', classes: 'govuk-tag--purple' },
  held: { text: 'Held', classes: 'govuk-tag--teal' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--grey' },
};

const ACTION_STATUS_TAGS: Record<ActionStatus, Tag> = {
  open: { text: 'Open', classes: 'govuk-tag--purple' },
  in_progress: { text: 'In progress', classes: 'govuk-tag--yellow' },
  closed: { text: 'Closed', classes: 'govuk-tag--grey' },
};

const FORMATS = [
  { format: 'html', text: 'HTML' },
  { format: 'pdf', text: 'PDF' },
  { format: 'docx', text: 'Word' },
] as const;

export const boardPath = (boardId: string) => `/boards/${boardId}`;
export const meetingPath = (boardId: string, meetingId: string) => `/boards/${boardId}/meetings/${meetingId}`;
export const actionClosePath = (boardId: string, meetingId: string, actionId: string) => `${meetingPath(boardId, meetingId)}/actions/${actionId}/close`;
export const actionChangePath = (boardId: string, meetingId: string, actionId: string) => `${meetingPath(boardId, meetingId)}/actions/${actionId}/edit`;

export function kindName(kind: BoardKind): string {
  return KIND_NAMES[kind] ?? kind;
}

export function meetingStatusTag(status: MeetingStatus): Tag {
  return MEETING_STATUS_TAGS[status] ?? { text: status, classes: 'govuk-tag--grey' };
}

export function actionStatusTag(status: ActionStatus): Tag {
  return ACTION_STATUS_TAGS[status] ?? { text: status, classes: 'govuk-tag--grey' };
}

/** "Meeting of 15 October 2012". */
export function meetingName(meeting: Pick<MeetingView, 'meetingDate'>): string {
  return `Meeting of ${longDate(meeting.meetingDate)}`;
}

/**
 * The board's next meeting as of a day: the first on or after it that is not
 * cancelled (a meeting held today is still "next" until tomorrow).
 */
export function nextMeeting<M extends Pick<MeetingView, 'meetingDate' | 'status'>>(meetings: readonly M[], today: string): M | null {
  return [...meetings].filter((meeting) => meeting.status !== 'cancelled' && meeting.meetingDate >= today).sort((a, b) => a.meetingDate.localeCompare(b.meetingDate))[0] ?? null;
}

/** "Anne Wright (Children’s Social Care)". */
export function personText(person: Pick<PersonView, 'name' | 'agencies'>): string {
  return person.agencies.length ? `${person.name} (${person.agencies.join(', ')})` : person.name;
}

/** "Your boards": each board the person sits at (an admin: every board) with its next meeting. */
export function yourBoardsViewModel(
  page: { items: BoardView[]; total: number; page: number; pageSize: number },
  meetingsOf: ReadonlyMap<string, readonly MeetingView[]>,
  today: string,
) {
  return {
    page: page.page,
    total: page.total,
    boards: page.items.map((board) => {
      const next = nextMeeting(meetingsOf.get(board.id) ?? [], today);
      return {
        href: boardPath(board.id),
        name: board.name,
        kind: kindName(board.kind),
        chairs: board.chairs.map((person) => person.name).join(', ') || 'No chair named',
        next: next ? { href: meetingPath(board.id, next.id), text: longDate(next.meetingDate), date: next.meetingDate, status: meetingStatusTag(next.status) } : null,
      };
    }),
    pagination: paginationFor(page.page, page.total, page.pageSize, (n) => withQuery(YOUR_BOARDS_PATH, { page: n > 1 ? n : undefined })),
  };
}

/** A board's page: who sits at it, what it oversees, its meetings (latest first) with the next one marked. */
export function boardViewModel(board: BoardView, meetings: readonly MeetingView[], today: string, hasMoreMeetings: boolean) {
  const next = nextMeeting(meetings, today);
  return {
    id: board.id,
    name: board.name,
    kind: kindName(board.kind),
    isScrutinyPanel: board.kind === 'scrutiny_panel',
    cadence: board.cadenceMonths ? (board.cadenceMonths === 1 ? 'Every month' : `Every ${board.cadenceMonths} months`) : 'Not set',
    chairs: board.chairs.map(personText),
    members: board.members.map(personText),
    plans: board.plans.map((plan) => ({ href: `/plans/${plan.id}`, title: plan.title })),
    indicators: board.indicators.map((indicator) => indicator.title),
    meetings: [...meetings]
      .sort((a, b) => b.meetingDate.localeCompare(a.meetingDate))
      .map((meeting) => ({
        href: meetingPath(board.id, meeting.id),
        text: longDate(meeting.meetingDate),
        date: meeting.meetingDate,
        status: meetingStatusTag(meeting.status),
        isNext: next?.id === meeting.id,
        pack: packSummary(meeting.packs),
      })),
    hasMoreMeetings,
  };
}

/** "Version 2 issued", "Draft built", "No pack yet". */
export function packSummary(packs: readonly PackVersionView[]): string {
  const issued = packs.filter((pack) => pack.issuedAt);
  if (issued.length) return `Version ${Math.max(...issued.map((pack) => pack.version))} issued`;
  if (packs.some((pack) => pack.version === 0)) return 'Draft built, not issued';
  return 'No pack yet';
}

/** What the person may do at the meeting, as AccessPolicy answers it (the services refuse the same). */
export interface MeetingPowers {
  /** Chairs the board (or an admin): builds and issues the pack, records actions. */
  chairs: boolean;
  /** The ids of the actions this person may close (the chair, or one of the action's owners). */
  closes: ReadonlySet<string>;
}

/**
 * Open actions agreed at the board's earlier meetings: the pack's matters
 * arising (the same rule as PacksService.mattersArising, applied to the
 * board's actions the page has read).
 */
export function mattersArising(actions: readonly ActionView[], meeting: Pick<MeetingView, 'meetingDate'>): ActionView[] {
  return actions.filter((action) => action.status !== 'closed' && action.meetingDate < meeting.meetingDate);
}

function actionRow(action: ActionView, boardId: string, powers: MeetingPowers) {
  return {
    id: action.id,
    number: action.number,
    text: action.text,
    agreedAt: longDate(action.meetingDate),
    owners: [...action.owners.map((owner) => `${owner.name} (${owner.initials})`), ...action.unresolvedOwners.map((initials) => `${initials} (not matched to a member)`)],
    due: longDate(action.dueOn),
    dueDate: action.dueOn,
    status: actionStatusTag(action.status),
    note: action.note,
    closed: action.closedAt ? `Closed by ${action.closedBy ?? 'a former user'} on ${shortDateTime(action.closedAt)}` : null,
    closeHref: action.status !== 'closed' && powers.closes.has(action.id) ? actionClosePath(boardId, action.meetingId, action.id) : null,
    // The chair changes an open action, and settles there the initials the minutes gave that matched nobody.
    changeHref: action.status !== 'closed' && powers.chairs ? actionChangePath(boardId, action.meetingId, action.id) : null,
    unsettled: action.status !== 'closed' && action.unresolvedOwners.length > 0,
  };
}

/** A meeting's page: its status and agenda, its pack (draft and issued versions), the actions agreed at it, matters arising. */
export function meetingViewModel(board: Pick<BoardView, 'id' | 'name' | 'kind'>, meeting: MeetingView, agreed: readonly ActionView[], arising: readonly ActionView[], powers: MeetingPowers) {
  const base = meetingPath(board.id, meeting.id);
  const packHref = (version: number, format: string) => withQuery(`${base}/pack`, { version, format });
  const draft = meeting.packs.find((pack) => pack.version === 0 && !pack.issuedAt) ?? null;
  const issued = meeting.packs.filter((pack) => pack.issuedAt).sort((a, b) => b.version - a.version);
  return {
    board: { name: board.name, href: boardPath(board.id) },
    id: meeting.id,
    title: meetingName(meeting),
    date: meeting.meetingDate,
    status: meetingStatusTag(meeting.status),
    agenda: meeting.agenda,
    chairs: powers.chairs,
    links: { self: base, build: `${base}/pack`, issue: `${base}/pack/issue`, newAction: `${base}/actions/new` },
    draft: draft
      ? {
          asOf: longDate(draft.asOf),
          builtAt: shortDateTime(draft.builtAt),
          files: FORMATS.map(({ format, text }) => ({ text, href: packHref(0, format) })),
        }
      : null,
    issued: issued.map((pack, index) => ({
      version: pack.version,
      latest: index === 0,
      asOf: longDate(pack.asOf),
      issuedAt: shortDateTime(pack.issuedAt),
      files: FORMATS.map(({ format, text }) => ({ text, href: packHref(pack.version, format) })),
    })),
    nextVersion: (issued[0]?.version ?? 0) + 1,
    /** The meeting's own papers beside its pack: its action log; a scrutiny panel's monitoring appendix, and its list. */
    papers: [
      { title: 'Action log', files: FORMATS.map(({ format, text }) => ({ text, href: withQuery(`${base}/action-log`, { format }) })) },
      ...(board.kind === 'scrutiny_panel'
        ? [{ title: 'Scrutiny monitoring appendix', files: FORMATS.map(({ format, text }) => ({ text, href: withQuery(`${base}/scrutiny-monitoring`, { format }) })) }]
        : []),
    ],
    monitoringHref: board.kind === 'scrutiny_panel' ? `${boardPath(board.id)}/monitoring` : null,
    actions: agreed.map((action) => actionRow(action, board.id, powers)),
    /** Open actions agreed here whose owners' initials are still to settle, for the chair's prompt. */
    unsettled: powers.chairs ? agreed.filter((action) => action.status !== 'closed' && action.unresolvedOwners.length > 0).length : 0,
    mattersArising: arising.map((action) => actionRow(action, board.id, powers)),
  };
}

/** The "close an action" page: the action, and where the form goes. */
export function closeActionViewModel(board: Pick<BoardView, 'id' | 'name'>, meeting: Pick<MeetingView, 'id' | 'meetingDate'>, action: ActionView) {
  return {
    board: { name: board.name, href: boardPath(board.id) },
    meeting: { title: meetingName(meeting), href: meetingPath(board.id, meeting.id) },
    action: actionRow(action, board.id, { chairs: false, closes: new Set([action.id]) }),
    version: action.version,
    formAction: actionClosePath(board.id, meeting.id, action.id),
  };
}

/** The owners a new action may have: everyone who sits at the board (the service refuses anyone else). */
export function ownerChoices(board: Pick<BoardView, 'chairs' | 'members'>, ticked: readonly string[]) {
  return [...board.chairs, ...board.members].map((person) => ({ value: person.id, text: `${person.name} (${person.initials})`, hint: person.agencies.length ? { text: person.agencies.join(', ') } : undefined, checked: ticked.includes(person.id) }));
}

/**
 * The owners a change to an action sends: the ticked ones, or none at all
 * (owners left as they are) when the ticks are exactly the action's owners
 * the form could offer. An owner who has left the board cannot be offered,
 * so without this a change to the text or due date dropped them unasked.
 */
export function ownersToSend(ticked: readonly string[], ownerIds: readonly string[], offered: readonly string[]): string[] | undefined {
  const offerable = new Set(offered);
  const current = ownerIds.filter((id) => offerable.has(id));
  const unchanged = new Set(ticked).size === current.length && current.every((id) => ticked.includes(id));
  return unchanged ? undefined : [...ticked];
}

/** What ActionImportsService.preview answers, as far as the page reads it. */
export interface ActionImportPreviewAnswer {
  actions: Array<{
    line: number;
    text: string;
    owners: Array<{ initials: string; name: string | null; problem: string | null }>;
    dueOn: string | null;
    warnings: string[];
    alreadyRecorded: boolean;
  }>;
  skipped: Array<{ line: number; reason: string }>;
}

/**
 * The preview of an action log pasted from the minutes: each action with its
 * line, its owners as matched from their initials (those matched to nobody,
 * or to several people, flagged and never guessed), its due date (the next
 * meeting when the minutes give none), those already recorded, and the lines
 * that could not be read.
 */
export function actionImportPreviewViewModel(preview: ActionImportPreviewAnswer) {
  const fresh = preview.actions.filter((action) => !action.alreadyRecorded);
  const flagged = fresh.reduce((sum, action) => sum + action.owners.filter((owner) => owner.problem).length, 0);
  return {
    toRecord: fresh.length,
    flagged,
    summary: [
      `${fresh.length} ${fresh.length === 1 ? 'action' : 'actions'} to record`,
      ...(flagged ? [`${flagged} ${flagged === 1 ? 'owner' : 'owners'} flagged for the chair to settle`] : []),
      ...(preview.actions.length > fresh.length ? [`${preview.actions.length - fresh.length} already in the meeting’s log, not recorded again`] : []),
      ...(preview.skipped.length ? [`${preview.skipped.length} ${preview.skipped.length === 1 ? 'line' : 'lines'} not read`] : []),
    ].join('; '),
    actions: preview.actions.map((action) => ({
      line: action.line,
      text: action.text,
      owners: action.owners.map((owner) => ({ text: owner.name ? `${owner.name} (${owner.initials})` : owner.initials, problem: owner.problem })),
      due: action.dueOn ? longDate(action.dueOn) : 'The board’s next meeting',
      alreadyRecorded: action.alreadyRecorded,
    })),
    skipped: preview.skipped.map((line) => ({ text: `Line ${line.line}: ${line.reason}` })),
  };
}

/** The banner after an import, from the counts in the address (numbers only, never text). */
export function importedBanner(created: number, flagged: number): string {
  const made = `${created} ${created === 1 ? 'action is' : 'actions are'} recorded from the minutes.`;
  return flagged ? `${made} ${flagged} ${flagged === 1 ? 'owner’s initials match' : 'owners’ initials match'} nobody or several people at the board: they are kept on the action, marked “not matched to a member”.` : made;
}
