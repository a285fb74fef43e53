import { createEvents, EventAttributes } from 'ics';
import { addCalendarDays, calendarDateParts } from '../deadlines';
import type { CalendarEntry } from './calendar-entries';

/**
 * The council's zone, declared once in every feed. Deadlines are all-day
 * dates (DTSTART;VALUE=DATE), which belong to no zone and so cannot shift
 * when the clocks change; the declaration tells a calendar which zone the
 * feed means all the same, and is the component an otherwise empty feed
 * needs to be valid iCalendar.
 */
const EUROPE_LONDON = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export interface CalendarHeader {
  /** Shown as the calendar's name (X-WR-CALNAME). */
  name: string;
  /** Who makes the feed, for PRODID. */
  council: string | null;
  /** DTSTAMP of every event: when the feed was made. */
  now: Date;
}

/**
 * Writes a feed with the ics library (escaping of commas, semicolons,
 * backslashes and new lines; DATE values from [year, month, day], never
 * through a Date), then folds its lines at 75 octets as RFC 5545 asks: the
 * library folds at 75 characters, which is too long for lines holding
 * accented letters or emoji.
 */
export function renderCalendar(entries: CalendarEntry[], header: CalendarHeader): string {
  const events: EventAttributes[] = entries.map((entry) => {
    const start = calendarDateParts(entry.date);
    const end = calendarDateParts(addCalendarDays(entry.date, 1));
    return {
      uid: entry.uid,
      title: entry.summary,
      description: entry.description,
      start: [start.year, start.month, start.day],
      end: [end.year, end.month, end.day],
      ...(entry.url ? { url: entry.url } : {}),
      categories: [entry.category],
      status: 'CONFIRMED',
      // A deadline does not make anyone busy.
      transp: 'TRANSPARENT',
      busyStatus: 'FREE',
      // Not in the library's types, but what it writes as DTSTAMP (its default is "now" per event).
      timestamp: header.now.getTime(),
    } as EventAttributes;
  });
  // The library escapes an event's text but writes the calendar's name and PRODID as given: escaped here as TEXT.
  const asText = (text: string) => text.replace(/[\r\n]+/g, ' ').replace(/[\\;,]/g, (character) => `\\${character}`);
  const productId = asText(`-//${(header.council ?? 'Improvement Plan Manager').replace(/\//g, ' ')}//Improvement Plan Manager//EN`);
  const calName = asText(header.name);
  const { error, value } = createEvents(events, { productId, method: 'PUBLISH', calName });
  if (error || !value) throw error ?? new Error('The calendar could not be written');
  const lines = unfold(value);
  const at = lines.findIndex((line) => line === 'BEGIN:VEVENT' || line === 'END:VCALENDAR');
  lines.splice(at, 0, 'X-WR-TIMEZONE:Europe/London', ...EUROPE_LONDON);
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** The content lines of iCalendar text: a CRLF followed by a space or tab continues the line before. */
export function unfold(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line, index, all) => line !== '' || index < all.length - 1);
}

/**
 * Folds one content line so no physical line is longer than 75 octets of
 * UTF-8, breaking only between characters (never inside one's bytes), each
 * continuation starting with a space.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      // The leading space of a continuation line counts towards its 75.
      limit = 74;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
