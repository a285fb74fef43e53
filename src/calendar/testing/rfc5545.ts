/**
 * A structural check of iCalendar text against RFC 5545, for the tests: what
 * Outlook, Google and Apple need to read a feed. It checks the framing (CRLF
 * line ends, lines of at most 75 octets folded with a space or tab), the
 * grammar of every content line, the nesting of components, the properties
 * a VCALENDAR and a VEVENT must carry exactly once, DATE and DATE-TIME
 * values, and the escaping of TEXT values; and reads each event back with
 * its text unescaped, so a test can see what a calendar would show.
 */
export interface ParsedProperty {
  name: string;
  params: Record<string, string>;
  /** As written. */
  raw: string;
  /** TEXT values unescaped; others as written. */
  value: string;
}

export interface ParsedEvent {
  properties: ParsedProperty[];
  get(name: string): ParsedProperty | undefined;
}

export interface Rfc5545Result {
  problems: string[];
  calendar: ParsedProperty[];
  events: ParsedEvent[];
  components: string[];
}

const TEXT_PROPERTIES = new Set(['PRODID', 'SUMMARY', 'DESCRIPTION', 'LOCATION', 'COMMENT', 'X-WR-CALNAME', 'X-WR-CALDESC', 'CATEGORIES', 'TZNAME']);
const ONCE_IN_EVENT = ['UID', 'DTSTAMP', 'DTSTART'];
const AT_MOST_ONCE_IN_EVENT = ['DTEND', 'DURATION', 'SUMMARY', 'DESCRIPTION', 'URL', 'STATUS', 'TRANSP', 'SEQUENCE', 'CLASS', 'LOCATION'];
const NAME = /^[A-Za-z0-9-]+$/;

export function checkRfc5545(text: string): Rfc5545Result {
  const problems: string[] = [];
  if (!text.endsWith('\r\n')) problems.push('does not end with CRLF');
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) problems.push('has a line break that is not CRLF');
  const physical = text.split('\r\n');
  if (physical[physical.length - 1] === '') physical.pop();
  physical.forEach((line, index) => {
    const octets = Buffer.byteLength(line, 'utf8');
    if (octets > 75) problems.push(`line ${index + 1} is ${octets} octets long (at most 75): ${line.slice(0, 40)}…`);
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(line)) problems.push(`line ${index + 1} holds a control character`);
  });
  if (physical.some((line, index) => index === 0 && /^[ \t]/.test(line))) problems.push('the first line is a continuation');
  const logical: string[] = [];
  for (const line of physical) {
    if (/^[ \t]/.test(line) && logical.length) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }

  const calendar: ParsedProperty[] = [];
  const events: ParsedEvent[] = [];
  const components: string[] = [];
  const stack: Array<{ name: string; properties: ParsedProperty[] }> = [];
  logical.forEach((line, index) => {
    const property = parseLine(line);
    if (typeof property === 'string') {
      problems.push(`content line ${index + 1}: ${property}: ${line.slice(0, 60)}`);
      return;
    }
    if (property.name === 'BEGIN') {
      if (index === 0 && property.value !== 'VCALENDAR') problems.push('does not begin with BEGIN:VCALENDAR');
      if (index > 0 && stack.length === 0) problems.push(`BEGIN:${property.value} outside the VCALENDAR`);
      stack.push({ name: property.value, properties: [] });
      if (stack.length === 2) components.push(property.value);
      return;
    }
    if (property.name === 'END') {
      const open = stack.pop();
      if (!open || open.name !== property.value) {
        problems.push(`END:${property.value} does not close ${open ? `BEGIN:${open.name}` : 'anything'}`);
        return;
      }
      if (open.name === 'VCALENDAR') {
        calendar.push(...open.properties);
        if (index !== logical.length - 1) problems.push('content after END:VCALENDAR');
      }
      if (open.name === 'VEVENT') events.push(eventOf(open.properties, problems));
      return;
    }
    if (stack.length === 0) problems.push(`${property.name} outside any component`);
    else stack[stack.length - 1].properties.push(property);
  });
  if (stack.length) problems.push(`not closed: ${stack.map((open) => open.name).join(', ')}`);
  if (logical[0] !== 'BEGIN:VCALENDAR') problems.push('does not begin with BEGIN:VCALENDAR');
  for (const name of ['VERSION', 'PRODID']) {
    const count = calendar.filter((property) => property.name === name).length;
    if (count !== 1) problems.push(`VCALENDAR has ${count} ${name} (exactly one needed)`);
  }
  if (calendar.find((property) => property.name === 'VERSION')?.value !== '2.0') problems.push('VERSION is not 2.0');
  if (components.length === 0) problems.push('VCALENDAR holds no component (at least one needed)');
  return { problems, calendar, events, components };
}

function parseLine(line: string): ParsedProperty | string {
  let index = 0;
  const nameMatch = /^[A-Za-z0-9-]+/.exec(line);
  if (!nameMatch) return 'no property name';
  const name = nameMatch[0].toUpperCase();
  index = nameMatch[0].length;
  const params: Record<string, string> = {};
  while (line[index] === ';') {
    const paramMatch = /^;([A-Za-z0-9-]+)=("[^"\u0000-\u001f]*"|[^";:,\u0000-\u001f]*)/.exec(line.slice(index));
    if (!paramMatch) return 'a malformed parameter';
    params[paramMatch[1].toUpperCase()] = paramMatch[2].replace(/^"|"$/g, '');
    index += paramMatch[0].length;
  }
  if (line[index] !== ':') return 'no colon after the name and parameters';
  const raw = line.slice(index + 1);
  if (!NAME.test(name)) return 'a bad property name';
  let value = raw;
  if (TEXT_PROPERTIES.has(name)) {
    const separator = name === 'CATEGORIES' ? ',' : null;
    const problem = textProblem(raw, separator);
    if (problem) return `${name} ${problem}`;
    value = unescapeText(raw);
  }
  if (name === 'DTSTAMP' && !/^\d{8}T\d{6}Z$/.test(raw)) return 'DTSTAMP is not a UTC DATE-TIME';
  if ((name === 'DTSTART' || name === 'DTEND') && params.VALUE === 'DATE' && !validDate(raw)) return `${name} is not a DATE (YYYYMMDD)`;
  if ((name === 'DTSTART' || name === 'DTEND') && params.VALUE !== 'DATE' && !/^\d{8}T\d{6}Z?$/.test(raw)) return `${name} is not a DATE-TIME`;
  return { name, params, raw, value };
}

/** TEXT: a backslash escapes only \\ ; , n N; a comma or semicolon must be escaped (in a list, a comma separates). */
function textProblem(raw: string, separator: string | null): string | null {
  for (let i = 0; i < raw.length; i++) {
    const character = raw[i];
    if (character === '\\') {
      if (!['\\', ';', ',', 'n', 'N'].includes(raw[i + 1])) return `has a stray backslash at ${i}`;
      i += 1;
    } else if (character === ';' || (character === ',' && separator !== ',')) {
      return `has an unescaped "${character}" at ${i}`;
    }
  }
  return null;
}

export function unescapeText(raw: string): string {
  return raw.replace(/\\([\\;,nN])/g, (_match, escaped: string) => (escaped === 'n' || escaped === 'N' ? '\n' : escaped));
}

function validDate(value: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function eventOf(properties: ParsedProperty[], problems: string[]): ParsedEvent {
  const uid = properties.find((property) => property.name === 'UID')?.value ?? '(no UID)';
  const count = (name: string) => properties.filter((property) => property.name === name).length;
  for (const name of ONCE_IN_EVENT) if (count(name) !== 1) problems.push(`VEVENT ${uid} has ${count(name)} ${name} (exactly one needed)`);
  for (const name of AT_MOST_ONCE_IN_EVENT) if (count(name) > 1) problems.push(`VEVENT ${uid} has ${count(name)} ${name} (at most one)`);
  if (count('DTEND') && count('DURATION')) problems.push(`VEVENT ${uid} has both DTEND and DURATION`);
  const start = properties.find((property) => property.name === 'DTSTART');
  const end = properties.find((property) => property.name === 'DTEND');
  if (start && end) {
    if ((start.params.VALUE === 'DATE') !== (end.params.VALUE === 'DATE')) problems.push(`VEVENT ${uid}: DTSTART and DTEND are of different value types`);
    if (end.raw <= start.raw) problems.push(`VEVENT ${uid}: DTEND is not after DTSTART`);
  }
  return { properties, get: (name) => properties.find((property) => property.name === name) };
}
