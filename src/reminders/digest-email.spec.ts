import { DigestItem, renderDigest } from './digest-email';

const item = (overrides: Partial<DigestItem>): DigestItem => ({
  activityId: 'a1',
  activityText: 'Review existing Supervision Policy.',
  planId: 'p1',
  planTitle: 'Quality Improvement Plan 2012',
  sectionTitle: 'Safeguarding',
  recommendationNumber: 1,
  dueDate: '2012-09-13',
  dueDatePrecision: 'day',
  kind: 'overdue',
  milestone: null,
  workingDaysOverdue: 4,
  ...overrides,
});

describe('renderDigest', () => {
  const email = renderDigest({
    recipientName: 'Sam Safeguarding',
    digestDate: '2012-09-19',
    publicUrl: 'https://plans.example.gov.uk',
    isChair: false,
    items: [
      item({}),
      item({ activityId: 'a2', activityText: 'Check <script>alert("x")</script> & "quotes"', kind: 'due_in_5', workingDaysOverdue: 0, dueDate: '2012-09-26', recommendationNumber: 3 }),
      item({ activityId: 'a3', planId: 'p2', planTitle: 'Serious case review: Child K', kind: 'due_today', workingDaysOverdue: 0, dueDate: '2012-10-31', dueDatePrecision: 'month' }),
    ],
  });

  it('names each item: plan, recommendation, activity, due date and how late, with a link', () => {
    expect(email.text).toContain('Quality Improvement Plan 2012');
    expect(email.text).toContain('- Safeguarding recommendation 1: Review existing Supervision Policy.');
    expect(email.text).toContain('Due 13 September 2012 - 4 working days overdue');
    expect(email.text).toContain('https://plans.example.gov.uk/plans/p1/activities/a1');
    expect(email.text).toContain('Due October 2012');
    expect(email.subject).toBe('Improvement plan reminders for 19 September 2012: 1 overdue, 2 due soon');
  });

  it('groups by plan, then overdue, due today and due soon', () => {
    const order = ['Quality Improvement Plan 2012', 'Overdue', 'Due soon', 'Serious case review: Child K', 'Due today'].map((heading) =>
      email.text.indexOf(`\n${heading}\n`),
    );
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('escapes activity text in HTML and keeps it literal in plain text', () => {
    expect(email.html).toContain('Check &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(email.html).not.toContain('<script>');
    expect(email.text).toContain('Check <script>alert("x")</script> & "quotes"');
  });
});

describe('a milestone in the digest', () => {
  it('names the milestone and its date under the group of its kind', () => {
    const email = renderDigest({
      recipientName: 'Sam',
      digestDate: '2016-06-23',
      items: [item({ kind: 'milestone_due_in_5', milestone: 'Quarter to June 2016', dueDate: '2016-06-30', workingDaysOverdue: 0 })],
      publicUrl: 'https://plans.example.gov.uk',
      isChair: false,
    });
    expect(email.text).toContain('Due soon');
    expect(email.text).toContain('Milestone Quarter to June 2016, due 30 June 2016');
    expect(email.html).toContain('Milestone Quarter to June 2016, due 30 June 2016');
  });
});
