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

describe('renderDigest: the monthly chaser rides in the same digest', () => {
  const returnItem = { indicatorId: 'i1', indicatorTitle: 'Percentage of re-referrals within 12 months', planId: 'p2', planTitle: 'Children’s Services Improvement Plan', month: '2022-07', dueDate: '2022-08-12', workingDaysOverdue: 1 };

  it('lists the overdue indicator returns under their plan, after the activities, and counts them in the summary and subject', () => {
    const email = renderDigest({
      recipientName: 'Olive Owner',
      digestDate: '2022-08-15',
      publicUrl: 'https://plans.example.gov.uk',
      isChair: false,
      items: [item({ planId: 'p2', planTitle: 'Children’s Services Improvement Plan', dueDate: '2022-08-09', workingDaysOverdue: 4 })],
      returns: [returnItem],
    });
    expect(email.subject).toBe('Improvement plan reminders for 15 August 2022: 1 overdue, 1 indicator return overdue');
    expect(email.text).toContain('As of 15 August 2022: 1 activity is overdue; 1 indicator return is overdue.');
    expect(email.text).toContain(
      '\nIndicator returns overdue\n- Percentage of re-referrals within 12 months: the July 2022 figure\n  Due 12 August 2022 - 1 working day overdue\n  https://plans.example.gov.uk/plans/p2/indicators/i1\n',
    );
    expect(email.text.indexOf('Overdue\n')).toBeLessThan(email.text.indexOf('Indicator returns overdue'));
    expect(email.html).toContain('<h3 style="font-size: 16px;">Indicator returns overdue</h3>');
    expect(email.text).toContain('you lead or own these activities or performance indicators');
  });

  it('sends a digest of returns alone', () => {
    const email = renderDigest({ recipientName: 'Olive Owner', digestDate: '2022-08-15', publicUrl: 'https://x.test', isChair: false, items: [], returns: [{ ...returnItem, indicatorTitle: 'Visits <on time> & "quick"' }] });
    expect(email.subject).toBe('Improvement plan reminders for 15 August 2022: 1 indicator return overdue');
    expect(email.text).toContain('Children’s Services Improvement Plan');
    expect(email.html).toContain('Visits &lt;on time&gt; &amp; &quot;quick&quot;: the July 2022 figure');
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

describe('actions agreed at board meetings in the digest', () => {
  const action = { actionId: 'x1', text: 'Circulate the <audit> & report', board: 'Improvement Board', boardId: 'b1', meetingId: 'm1', meetingDate: '2022-05-19', number: 2, dueDate: '2022-07-21', workingDaysOverdue: 0 };

  it.each<[string, { workingDaysOverdue: number; dueDate: string }, string]>([
    ['due soon', { workingDaysOverdue: 0, dueDate: '2022-07-21' }, 'Due 21 July 2022\n'],
    ['overdue', { workingDaysOverdue: 3, dueDate: '2022-07-11' }, 'Due 11 July 2022 - 3 working days overdue\n'],
  ])('lists an action %s after the plans, naming the board, the meeting and its number', (_name, when, due) => {
    const email = renderDigest({ recipientName: 'Amir Ali', digestDate: '2022-07-14', publicUrl: 'https://x.test', isChair: false, items: [item({})], actions: [{ ...action, ...when }] });
    expect(email.text).toContain(`Board actions\n- Improvement Board, meeting of 19 May 2022, action 2: Circulate the <audit> & report\n  ${due}`);
    expect(email.text.indexOf('Board actions')).toBeGreaterThan(email.text.indexOf('Review existing Supervision Policy.'));
    expect(email.html).toContain('Circulate the &lt;audit&gt; &amp; report');
    // Linked to the meeting's page, where the owner closes it.
    expect(email.text).toContain(`  ${due}  https://x.test/boards/b1/meetings/m1\n`);
    expect(email.html).toContain('<a href="https://x.test/boards/b1/meetings/m1">Improvement Board, meeting of 19 May 2022, action 2</a>');
    expect(email.subject).toBe('Improvement plan reminders for 14 July 2022: 1 overdue, 1 board action');
    expect(email.text).toContain('1 board action is due or overdue');
  });
});
