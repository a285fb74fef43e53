import type { EntityManager } from 'typeorm';
import { initialsOf } from './initials';
import type { ActionLine } from './papers/action-log';
import type { RecommendationFields } from './papers/scrutiny-monitoring';
import type { ActionStatus, BoardKind, BoardSeat, MeetingStatus, MonitoringStatus, ScrutinyDecisionKind } from './entities/board.entities';

/** A person as boards show them: name, initials (as minutes write them) and agencies. */
export interface PersonView {
  id: string;
  name: string;
  initials: string;
  agencies: string[];
}

export interface BoardView {
  id: string;
  name: string;
  kind: BoardKind;
  cadenceMonths: number | null;
  chairs: PersonView[];
  members: PersonView[];
  plans: Array<{ id: string; title: string }>;
  indicators: Array<{ id: string; title: string; planId: string }>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface BoardRow {
  id: string;
  name: string;
  kind: BoardKind;
  cadence_months: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  seats: Array<{ id: string; name: string; seat: BoardSeat; agencies: string[] }>;
  plans: Array<{ id: string; title: string }>;
  indicators: Array<{ id: string; title: string; planId: string }>;
}


/** Boards with their seats, plans and indicators, in one query. */
export async function loadBoards(manager: EntityManager, ids: string[]): Promise<BoardView[]> {
  if (ids.length === 0) return [];
  const rows: BoardRow[] = await manager.query(
    `SELECT b.id, b.name, b.kind, b.cadence_months, b.version, b.created_at, b.updated_at,
            (SELECT COALESCE(json_agg(json_build_object('id', u.id, 'name', u.name, 'seat', m.seat,
                      'agencies', (SELECT COALESCE(json_agg(a.name ORDER BY a.name), '[]') FROM user_lead_agencies ul JOIN lead_agencies a ON a.id = ul.lead_agency_id WHERE ul.user_id = u.id))
                      ORDER BY m.position, u.name), '[]')
               FROM board_members m JOIN users u ON u.id = m.user_id WHERE m.board_id = b.id) AS seats,
            (SELECT COALESCE(json_agg(json_build_object('id', p.id, 'title', p.title) ORDER BY p.title, p.id), '[]')
               FROM board_plans bp JOIN plans p ON p.id = bp.plan_id WHERE bp.board_id = b.id) AS plans,
            (SELECT COALESCE(json_agg(json_build_object('id', i.id, 'title', i.title, 'planId', i.plan_id) ORDER BY i.title, i.id), '[]')
               FROM board_indicators bi JOIN indicators i ON i.id = bi.indicator_id WHERE bi.board_id = b.id) AS indicators
       FROM boards b WHERE b.id = ANY($1::uuid[]) ORDER BY b.name`,
    [ids],
  );
  return rows.map((row) => {
    const person = (seat: BoardRow['seats'][number]): PersonView => ({ id: seat.id, name: seat.name, initials: initialsOf(seat.name), agencies: seat.agencies });
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      cadenceMonths: row.cadence_months,
      chairs: row.seats.filter((seat) => seat.seat === 'chair').map(person),
      members: row.seats.filter((seat) => seat.seat === 'member').map(person),
      plans: row.plans,
      indicators: row.indicators,
      version: row.version,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  });
}

export interface PackVersionView {
  version: number;
  asOf: string;
  builtAt: string;
  issuedAt: string | null;
}

export interface MeetingView {
  id: string;
  boardId: string;
  meetingDate: string;
  status: MeetingStatus;
  agenda: string[];
  /** The draft pack (version 0) and the issued versions, oldest first. */
  packs: PackVersionView[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export async function loadMeetings(manager: EntityManager, where: { ids?: string[]; boardId?: string }, page?: { skip: number; take: number }): Promise<{ items: MeetingView[]; total: number }> {
  const params: unknown[] = [];
  const conditions: string[] = [];
  if (where.ids) conditions.push(`m.id = ANY($${params.push(where.ids)}::uuid[])`);
  if (where.boardId) conditions.push(`m.board_id = $${params.push(where.boardId)}`);
  const limit = page ? `LIMIT $${params.push(page.take)} OFFSET $${params.push(page.skip)}` : '';
  const rows: Array<{
    id: string;
    board_id: string;
    meeting_date: string;
    status: MeetingStatus;
    agenda: string[];
    version: number;
    created_at: Date;
    updated_at: Date;
    packs: PackVersionView[];
    total: string;
  }> = await manager.query(
    `SELECT m.id, m.board_id, m.meeting_date::text AS meeting_date, m.status, m.agenda, m.version, m.created_at, m.updated_at,
            (SELECT COALESCE(json_agg(json_build_object('version', p.version, 'asOf', p.as_of, 'builtAt', p.built_at, 'issuedAt', p.issued_at) ORDER BY p.version), '[]')
               FROM meeting_packs p WHERE p.meeting_id = m.id) AS packs,
            COUNT(*) OVER () AS total
       FROM meetings m WHERE ${conditions.join(' AND ') || 'TRUE'} ORDER BY m.meeting_date, m.created_at ${limit}`,
    params,
  );
  return {
    total: rows.length ? Number(rows[0].total) : 0,
    items: rows.map((row) => ({
      id: row.id,
      boardId: row.board_id,
      meetingDate: row.meeting_date,
      status: row.status,
      agenda: row.agenda,
      packs: row.packs.map((pack) => ({ ...pack, builtAt: new Date(pack.builtAt).toISOString(), issuedAt: pack.issuedAt ? new Date(pack.issuedAt).toISOString() : null })),
      version: row.version,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    })),
  };
}

export interface ActionView {
  id: string;
  meetingId: string;
  boardId: string;
  meetingDate: string;
  /** Its number in the meeting's log. */
  number: number;
  text: string;
  owners: PersonView[];
  /** Initials from an imported log that matched nobody on the board, or more than one person: for the chair to settle. */
  unresolvedOwners: string[];
  dueOn: string;
  status: ActionStatus;
  note: string | null;
  closedAt: string | null;
  closedBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export async function loadActions(
  manager: EntityManager,
  where: { ids?: string[]; boardId?: string; meetingId?: string; status?: ActionStatus; openFromMeetingsBefore?: string },
  page?: { skip: number; take: number },
): Promise<{ items: ActionView[]; total: number }> {
  const params: unknown[] = [];
  const conditions: string[] = [];
  if (where.ids) conditions.push(`a.id = ANY($${params.push(where.ids)}::uuid[])`);
  if (where.boardId) conditions.push(`m.board_id = $${params.push(where.boardId)}`);
  if (where.meetingId) conditions.push(`a.meeting_id = $${params.push(where.meetingId)}`);
  if (where.status) conditions.push(`a.status = $${params.push(where.status)}`);
  if (where.openFromMeetingsBefore) conditions.push(`a.status <> 'closed' AND m.meeting_date < $${params.push(where.openFromMeetingsBefore)}`);
  const limit = page ? `LIMIT $${params.push(page.take)} OFFSET $${params.push(page.skip)}` : '';
  const rows: Array<{
    id: string;
    meeting_id: string;
    board_id: string;
    meeting_date: string;
    position: number;
    text: string;
    owners: Array<{ id: string; name: string; agencies: string[] }>;
    unresolved_owners: string[];
    due_on: string;
    status: ActionStatus;
    note: string | null;
    closed_at: Date | null;
    closed_by: string | null;
    version: number;
    created_at: Date;
    updated_at: Date;
    total: string;
  }> = await manager.query(
    `SELECT a.id, a.meeting_id, m.board_id, m.meeting_date::text AS meeting_date, a.position, a.text, a.unresolved_owners, a.due_on::text AS due_on,
            a.status, a.note, a.closed_at, closer.name AS closed_by, a.version, a.created_at, a.updated_at,
            (SELECT COALESCE(json_agg(json_build_object('id', u.id, 'name', u.name,
                      'agencies', (SELECT COALESCE(json_agg(ag.name ORDER BY ag.name), '[]') FROM user_lead_agencies ul JOIN lead_agencies ag ON ag.id = ul.lead_agency_id WHERE ul.user_id = u.id))
                      ORDER BY o.position), '[]')
               FROM meeting_action_owners o JOIN users u ON u.id = o.user_id WHERE o.action_id = a.id) AS owners,
            COUNT(*) OVER () AS total
       FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id LEFT JOIN users closer ON closer.id = a.closed_by_id
      WHERE ${conditions.join(' AND ') || 'TRUE'}
      ORDER BY m.meeting_date, a.position ${limit}`,
    params,
  );
  return {
    total: rows.length ? Number(rows[0].total) : 0,
    items: rows.map((row) => ({
      id: row.id,
      meetingId: row.meeting_id,
      boardId: row.board_id,
      meetingDate: row.meeting_date,
      number: row.position,
      text: row.text,
      owners: row.owners.map((owner) => ({ ...owner, initials: initialsOf(owner.name) })),
      unresolvedOwners: row.unresolved_owners,
      dueOn: row.due_on,
      status: row.status,
      note: row.note,
      closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
      closedBy: row.closed_by,
      version: row.version,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    })),
  };
}

export interface ScrutinyDecisionView {
  meetingId: string;
  meetingDate: string;
  decision: ScrutinyDecisionKind;
  note: string | null;
}

export type ScrutinyRecommendationView = RecommendationFields & {
  id: string;
  boardId: string;
  decisions: ScrutinyDecisionView[];
  version: number;
  createdAt: string;
  updatedAt: string;
};

export async function loadScrutinyRecommendations(manager: EntityManager, where: { ids?: string[]; boardId?: string }): Promise<ScrutinyRecommendationView[]> {
  const params: unknown[] = [];
  const conditions: string[] = [];
  if (where.ids) conditions.push(`r.id = ANY($${params.push(where.ids)}::uuid[])`);
  if (where.boardId) conditions.push(`r.board_id = $${params.push(where.boardId)}`);
  const rows: Array<{
    id: string;
    board_id: string;
    meeting_date: string;
    title: string;
    action_proposed: string[];
    action_taken: string[];
    progress: MonitoringStatus;
    paused_reason: string | null;
    rejected: boolean;
    decisions: ScrutinyDecisionView[];
    version: number;
    created_at: Date;
    updated_at: Date;
  }> = await manager.query(
    `SELECT r.id, r.board_id, r.meeting_date::text AS meeting_date, r.title, r.action_proposed, r.action_taken, r.progress, r.paused_reason, r.rejected,
            r.version, r.created_at, r.updated_at,
            (SELECT COALESCE(json_agg(json_build_object('meetingId', d.meeting_id, 'meetingDate', dm.meeting_date, 'decision', d.decision, 'note', d.note)
                      ORDER BY dm.meeting_date, d.created_at), '[]')
               FROM scrutiny_decisions d JOIN meetings dm ON dm.id = d.meeting_id WHERE d.recommendation_id = r.id) AS decisions
       FROM scrutiny_recommendations r WHERE ${conditions.join(' AND ') || 'TRUE'}
      ORDER BY r.meeting_date, r.position`,
    params,
  );
  return rows.map((row) => ({
    id: row.id,
    boardId: row.board_id,
    meetingDate: row.meeting_date,
    title: row.title,
    actionProposed: row.action_proposed,
    actionTaken: row.action_taken,
    progress: row.progress,
    pausedReason: row.paused_reason,
    rejected: row.rejected,
    decisions: row.decisions,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  }));
}

/** An action as the papers print it. */
export const actionLine = (action: ActionView): ActionLine => ({
  number: action.number,
  meetingDate: action.meetingDate,
  text: action.text,
  owners: action.owners.map(({ name, initials }) => ({ name, initials })),
  unresolvedOwners: action.unresolvedOwners,
  dueOn: action.dueOn,
  status: action.status,
  note: action.note,
});
