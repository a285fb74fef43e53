/**
 * Seeds the bench database with set-based SQL (INSERT ... SELECT
 * generate_series), never one plan at a time: a million activities in a few
 * minutes. On top of the reminder load (test/support/reminders.ts: plans of
 * 100 activities, people, agencies, owners, due dates spread around
 * 13 September 2012, 1 in 5 complete) every activity gets a lead agency (1 in
 * 10 two), 1 in 5 a progress update, and 1 in 7 a later change of standing
 * (so the history the "as of" reads holds rows).
 */
import { analyzeAsOwner } from '../src/database/embedded-postgres';
import { seedReminderLoad } from '../test/support/reminders';

export const SEED_AS_OF = '2012-09-13';

export async function seedActivities(query: (sql: string, params?: unknown[]) => Promise<unknown>, activities: number, ownerUrl: string): Promise<void> {
  const activitiesPerPlan = 100;
  const plans = Math.max(1, Math.round(activities / activitiesPerPlan));
  const people = Math.min(5000, Math.max(100, Math.round(activities / 20)));
  await seedReminderLoad(query, { plans, activitiesPerPlan, people, asOf: SEED_AS_OF });
  const agencies = Math.max(1, Math.floor(plans / 20));
  const id = (kind: string, n: string) => `md5('seed:${kind}:' || ${n})::uuid`;
  await query(
    `INSERT INTO activity_lead_agencies (activity_id, lead_agency_id, position)
     SELECT ${id('activity', 'g')}, ${id('agency', `((g * 13) % ${agencies} + 1)`)}, 1 FROM generate_series(1, $1::int) g
      WHERE g % 10 <> 0 OR (g * 13) % ${agencies} <> g % ${agencies}`,
    [plans * activitiesPerPlan],
  );
  await query(
    `INSERT INTO progress_updates (activity_id, status, percent_complete, note, created_at)
     SELECT ${id('activity', 'g')}, 'in_progress', 40, 'Work under way; next report to the board in October.', TIMESTAMPTZ '2012-08-01 10:00+01' + (g % 60) * INTERVAL '1 day'
       FROM generate_series(5, $1::int, 5) g`,
    [plans * activitiesPerPlan],
  );
  await query(`UPDATE activities SET percent_complete = 60 WHERE position % 7 = 3`);
  // Statistics are the owner's to gather; the app's own role may not ANALYZE tables it does not own.
  await analyzeAsOwner(ownerUrl);
}
