import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { TestApp } from './test-app';

export function reminderQueue(t: TestApp): Queue {
  return t.app.get<Queue>(getQueueToken('reminders'));
}

/** Waits until the reminder queue has nothing waiting, running or retrying. */
export async function drainReminders(t: TestApp, timeoutMs = 20000): Promise<void> {
  const queue = reminderQueue(t);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const counts = await queue.getJobCounts();
    if (counts.waiting + counts.active + counts.delayed === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The reminder queue did not drain: ${JSON.stringify(await queue.getJobCounts())}`);
}

/** Runs the scan for a day as the admin would, and waits for the digests to go. */
export async function runDay(t: TestApp, asOf: string): Promise<{ remindersPlanned: number; digestsQueued: number }> {
  const response = await t.http.post(`/api/admin/reminders/run?asOf=${asOf}`).expect(200);
  await drainReminders(t);
  return response.body;
}
