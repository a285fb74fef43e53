const MAX_SLUG_LENGTH = 60;

/**
 * `2026-03-02T09-15-04.123Z-000-overdue-actions-for-scc-csl.eml`: names sort
 * by the time of sending (UTC, fixed width; colons are not allowed on Windows
 * shares), and the subject says at a glance which message is which.
 */
export function outboxFileName(sentAt: Date, sequence: number, subject: string): string {
  const stamp = sentAt.toISOString().replace(/:/g, '-');
  return `${stamp}-${String(sequence).padStart(3, '0')}-${subjectSlug(subject)}.eml`;
}

/** Lower-case ASCII letters, digits and single hyphens: safe on every file system and in a shell. */
export function subjectSlug(subject: string): string {
  const slug = subject
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
  return slug || 'no-subject';
}
