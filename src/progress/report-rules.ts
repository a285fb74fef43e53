import type { ActivityStatus } from '../plans/plan-vocabulary';

/** A note is owed whenever the board will ask "why": blocked, deferred, cancelled, or claimed complete. */
export const STATUSES_NEEDING_A_NOTE: readonly ActivityStatus[] = ['blocked', 'deferred', 'cancelled', 'complete'];

export interface ProgressReport {
  status?: ActivityStatus;
  percentComplete?: number;
  note?: string | null;
  evidenceLinks?: string[];
}

/**
 * What a progress report must say, field by field (empty when it is fine): a
 * note with a status the board will ask about, a complete activity at 100%,
 * and something to report at all: a status, a percentage, a note or evidence.
 */
export function reportProblems(report: ProgressReport, currentStatus: ActivityStatus): Record<string, string> {
  const errors: Record<string, string> = {};
  const status = report.status ?? currentStatus;
  if (report.status !== undefined && STATUSES_NEEDING_A_NOTE.includes(report.status) && !report.note?.trim()) {
    errors.note = `is required when the status is ${report.status.replace('_', ' ')}`;
  }
  if (status === 'complete' && report.percentComplete !== undefined && report.percentComplete < 100) {
    errors.status = `is complete, so percentComplete must be 100 (or left out), not ${report.percentComplete}`;
    errors.percentComplete = 'must be 100 when the status is complete';
  }
  if (report.status === undefined && report.percentComplete === undefined && !report.note?.trim() && !report.evidenceLinks?.length) {
    errors.status = 'is required unless the update gives a note, a percent complete or evidence links';
  }
  return errors;
}
