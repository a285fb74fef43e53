import type { CalendarDate } from '../deadlines';
import type { CalendarEntry } from './calendar-entries';
import { foldLine, renderCalendar, unfold } from './ics-calendar';
import { checkRfc5545 } from './testing/rfc5545';

const NOW = new Date('2026-03-30T08:15:00Z');
const entry = (date: CalendarDate, overrides: Partial<CalendarEntry> = {}): CalendarEntry => ({
  uid: `activity-${date}@plans.anytown.gov.uk`,
  date,
  summary: `Deadline on ${date}`,
  description: 'Plan: Anytown improvement plan',
  url: `https://plans.anytown.gov.uk/plans/p/activities/${date}`,
  category: 'Deadline',
  ...overrides,
});
const header = { name: 'Your deadlines – Improvement Plan Manager', council: 'Anytown Borough Council', now: NOW };

describe('renderCalendar', () => {
  it('writes valid iCalendar: one all-day VEVENT per entry, as the next day ends it, stamped when the feed was made', () => {
    const text = renderCalendar([entry('2026-03-31'), entry('2026-10-27')], header);
    const { problems, events, calendar, components } = checkRfc5545(text);
    expect(problems).toEqual([]);
    expect(components).toEqual(['VTIMEZONE', 'VEVENT', 'VEVENT']);
    expect(calendar.map((property) => `${property.name}:${property.value}`)).toEqual(
      expect.arrayContaining(['VERSION:2.0', 'METHOD:PUBLISH', 'X-WR-CALNAME:Your deadlines – Improvement Plan Manager', 'X-WR-TIMEZONE:Europe/London', 'PRODID:-//Anytown Borough Council//Improvement Plan Manager//EN']),
    );
    expect(events.map((event) => [event.get('DTSTART')?.params.VALUE, event.get('DTSTART')?.raw, event.get('DTEND')?.raw])).toEqual([
      ['DATE', '20260331', '20260401'],
      ['DATE', '20261027', '20261028'],
    ]);
    expect(events.map((event) => event.get('DTSTAMP')?.raw)).toEqual(['20260330T081500Z', '20260330T081500Z']);
    expect(events.map((event) => [event.get('TRANSP')?.value, event.get('CATEGORIES')?.value, event.get('UID')?.value])).toEqual([
      ['TRANSPARENT', 'Deadline', 'activity-2026-03-31@plans.anytown.gov.uk'],
      ['TRANSPARENT', 'Deadline', 'activity-2026-10-27@plans.anytown.gov.uk'],
    ]);
  });

  // The clocks go forward on 29 March 2026 and back on 25 October 2026; a date read as London
  // midnight and written in UTC (or the server's zone) would land on the day before.
  it.each(['UTC', 'Europe/London', 'Pacific/Auckland', 'America/Los_Angeles'])('keeps each date as it is with the server in %s', (zone) => {
    const before = process.env.TZ;
    process.env.TZ = zone;
    try {
      const dates: CalendarDate[] = ['2026-03-29', '2026-03-31', '2026-10-25', '2026-10-27', '2024-02-29', '2026-12-31'];
      const { events, problems } = checkRfc5545(renderCalendar(dates.map((date) => entry(date)), header));
      expect(problems).toEqual([]);
      expect(events.map((event) => [event.get('DTSTART')?.raw, event.get('DTEND')?.raw])).toEqual([
        ['20260329', '20260330'],
        ['20260331', '20260401'],
        ['20261025', '20261026'],
        ['20261027', '20261028'],
        ['20240229', '20240301'],
        ['20261231', '20270101'],
      ]);
    } finally {
      process.env.TZ = before;
    }
  });

  it('escapes hostile text so it reads back exactly, folded at 75 octets whatever the characters', () => {
    const hostile = 'Review; then report, and \\escalate\\\nSecond line: “quotes” 🚸👩‍👩‍👧 ' + 'é'.repeat(60) + ' END:VCALENDAR';
    const text = renderCalendar([entry('2026-05-01', { summary: 'Deadline: a; b, c 🚸 ' + 'ü'.repeat(70), description: hostile })], { ...header, name: 'Plan; with, commas\nand a line', council: 'Bath, North East Somerset; and/or elsewhere' });
    const { problems, events, calendar } = checkRfc5545(text);
    expect(problems).toEqual([]);
    expect(events[0].get('DESCRIPTION')?.value).toBe(hostile);
    expect(events[0].get('SUMMARY')?.value).toBe('Deadline: a; b, c 🚸 ' + 'ü'.repeat(70));
    expect(calendar.find((property) => property.name === 'X-WR-CALNAME')?.value).toBe('Plan; with, commas and a line');
    expect(calendar.find((property) => property.name === 'PRODID')?.value).toBe('-//Bath, North East Somerset; and or elsewhere//Improvement Plan Manager//EN');
    // Exactly two BEGIN/END:VCALENDAR lines: the text inside cannot end the calendar.
    expect(text.split('\r\n').filter((line) => /^(BEGIN|END):VCALENDAR$/.test(line))).toHaveLength(2);
  });

  it('is valid with nothing in it: the time zone is the one component', () => {
    const { problems, events, components } = checkRfc5545(renderCalendar([], header));
    expect(problems).toEqual([]);
    expect(events).toEqual([]);
    expect(components).toEqual(['VTIMEZONE']);
  });
});

describe('foldLine', () => {
  it.each([
    ['short', 'SUMMARY:Short', ['SUMMARY:Short']],
    ['exactly 75 octets', 'X'.repeat(75), ['X'.repeat(75)]],
    ['76 octets', 'X'.repeat(76), ['X'.repeat(75), ' X']],
    ['two-octet letters across the boundary', 'A' + 'é'.repeat(40), ['A' + 'é'.repeat(37), ' ' + 'é'.repeat(3)]],
    ['a four-octet emoji that would straddle it', 'X'.repeat(73) + '🚸' + 'Y', ['X'.repeat(73), ' 🚸Y']],
  ])('%s', (_label, line, expected) => {
    const folded = foldLine(line);
    expect(folded.split('\r\n')).toEqual(expected);
    expect(folded.split('\r\n').every((part) => Buffer.byteLength(part) <= 75)).toBe(true);
    expect(unfold(`${folded}\r\n`)).toEqual([line]);
  });
});

describe('checkRfc5545 (the tests’ own check) finds what is wrong', () => {
  const good = renderCalendar([entry('2026-03-31')], header);
  it.each<[string, (text: string) => string, RegExp]>([
    ['bare LF line ends', (text) => text.replace(/\r\n/g, '\n'), /not CRLF/],
    ['a line longer than 75 octets', (text) => text.replace('SUMMARY:Deadline on 2026-03-31', `SUMMARY:${'x'.repeat(80)}`), /octets long/],
    ['an unescaped comma in TEXT', (text) => text.replace('SUMMARY:Deadline on 2026-03-31', 'SUMMARY:a, b'), /unescaped ","/],
    ['a DATE that is not one', (text) => text.replace('DTSTART;VALUE=DATE:20260331', 'DTSTART;VALUE=DATE:20260231'), /not a DATE/],
    ['a missing UID', (text) => text.replace(/UID:[^\r]*\r\n/, ''), /0 UID/],
    ['an unclosed event', (text) => text.replace('END:VEVENT\r\n', ''), /does not close|not closed/],
    ['DTEND before DTSTART', (text) => text.replace('DTEND;VALUE=DATE:20260401', 'DTEND;VALUE=DATE:20260330'), /DTEND is not after DTSTART/],
  ])('%s', (_label, spoil, problem) => {
    expect(checkRfc5545(good).problems).toEqual([]);
    expect(checkRfc5545(spoil(good)).problems.join('\n')).toMatch(problem);
  });
});
