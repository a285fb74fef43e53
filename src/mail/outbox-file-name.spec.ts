import { outboxFileName, subjectSlug } from './outbox-file-name';

describe('outboxFileName', () => {
  it('starts with the UTC time, without colons, then the sequence and the subject', () => {
    expect(outboxFileName(new Date('2026-03-02T09:15:04.123Z'), 7, 'Overdue actions')).toBe(
      '2026-03-02T09-15-04.123Z-007-overdue-actions.eml',
    );
  });

  it('sorts by time of sending', () => {
    const names = [
      outboxFileName(new Date('2026-03-02T09:15:04.123Z'), 1, 'b'),
      outboxFileName(new Date('2026-03-02T09:15:04.123Z'), 0, 'z'),
      outboxFileName(new Date('2025-12-31T23:59:59.999Z'), 0, 'a'),
      outboxFileName(new Date('2026-03-02T10:00:00.000Z'), 0, 'a'),
    ];
    expect([...names].sort()).toEqual([names[2], names[1], names[0], names[3]]);
  });
});

describe('subjectSlug', () => {
  it.each([
    ['Overdue actions for SCC – CSL Directorate', 'overdue-actions-for-scc-csl-directorate'],
    ['Réunion: café à 10h', 'reunion-cafe-a-10h'],
    ['../../etc/passwd', 'etc-passwd'],
    ['C:\\Windows\\con', 'c-windows-con'],
    ['  --Plan  published!--  ', 'plan-published'],
    ['', 'no-subject'],
    ['£££', 'no-subject'],
    ['🙂 emoji only', 'emoji-only'],
  ])('%j becomes %j', (subject, slug) => {
    expect(subjectSlug(subject)).toBe(slug);
  });

  it('is at most 60 characters and never ends with a hyphen', () => {
    const slug = subjectSlug(`${'a'.repeat(59)} b and a much longer tail`);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith('-')).toBe(false);
  });
});
