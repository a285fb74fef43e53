/**
 * When people hear about an activity's deadline. Each plan may change these;
 * the defaults are the issue's: owners at 10, 5 and 1 working days before and
 * on the day, then every 5 working days while overdue; the board chair at 5
 * and 20 working days overdue.
 */
export interface ReminderPolicy {
  beforeDueWorkingDays: number[];
  onDueDate: boolean;
  overdueEveryWorkingDays: number;
  escalateAtWorkingDaysOverdue: number[];
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = Object.freeze({
  beforeDueWorkingDays: [10, 5, 1],
  onDueDate: true,
  overdueEveryWorkingDays: 5,
  escalateAtWorkingDaysOverdue: [5, 20],
}) as ReminderPolicy;

export function withDefaultPolicy(policy: Partial<ReminderPolicy> | null | undefined): ReminderPolicy {
  const given = Object.fromEntries(Object.entries(policy ?? {}).filter(([, value]) => value !== undefined && value !== null));
  return { ...DEFAULT_REMINDER_POLICY, ...given };
}
