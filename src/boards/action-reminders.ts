import { Injectable, Module } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** An open action agreed at a board's meeting, with who owns it: what the reminders need. */
export interface OpenAction {
  actionId: string;
  text: string;
  dueOn: string;
  status: 'open' | 'in_progress' | 'closed';
  boardId: string;
  meetingId: string;
  boardName: string;
  meetingDate: string;
  number: number;
  ownerIds: string[];
}

/**
 * What the reminders read of the action log (the boards module owns it):
 * the open actions due by a date, and actions as they stand now. The
 * reminders write their own ledger from it, as they do for the chaser.
 */
@Injectable()
export class ActionReminderSource {
  constructor(private readonly dataSource: DataSource) {}

  /** Open actions due on or before the date (overdue ones included), with their active owners. */
  openDueBy(date: string, manager: EntityManager = this.dataSource.manager): Promise<OpenAction[]> {
    return this.read(manager, `a.status <> 'closed' AND a.due_on <= $1`, [date]);
  }

  /** The given actions as they stand now, closed or not. */
  byIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<OpenAction[]> {
    return ids.length ? this.read(manager, 'a.id = ANY($1::uuid[])', [ids]) : Promise.resolve([]);
  }

  private async read(manager: EntityManager, where: string, params: unknown[]): Promise<OpenAction[]> {
    const rows: Array<{ id: string; text: string; due_on: string; status: OpenAction['status']; board_id: string; meeting_id: string; board_name: string; meeting_date: string; position: number; owner_ids: string[] }> = await manager.query(
      `SELECT a.id, a.text, a.due_on::text AS due_on, a.status, m.board_id, m.id AS meeting_id, b.name AS board_name, m.meeting_date::text AS meeting_date, a.position,
              (SELECT COALESCE(array_agg(o.user_id ORDER BY o.position), '{}') FROM meeting_action_owners o JOIN users u ON u.id = o.user_id AND u.active WHERE o.action_id = a.id) AS owner_ids
         FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id JOIN boards b ON b.id = m.board_id
        WHERE ${where} ORDER BY b.name, m.meeting_date, a.position`,
      params,
    );
    return rows.map((row) => ({
      actionId: row.id,
      text: row.text,
      dueOn: row.due_on,
      status: row.status,
      boardId: row.board_id,
      meetingId: row.meeting_id,
      boardName: row.board_name,
      meetingDate: row.meeting_date,
      number: row.position,
      ownerIds: row.owner_ids,
    }));
  }
}

/** The action log as the reminders read it: imported by the reminders (API and worker) without the rest of the boards. */
@Module({ providers: [ActionReminderSource], exports: [ActionReminderSource] })
export class ActionRemindersModule {}
