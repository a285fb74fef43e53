import type { TimescaleBand } from '../../deadlines';
import { cleanCell, stripMarkdown } from './cells';

const BAND_WORDS: Array<[RegExp, TimescaleBand]> = [
  [/^immediate(?:ly)?$/i, 'immediately'],
  [/^(?:within\s+)?(?:three|3)\s+months?$/i, 'within_three_months'],
  [/^(?:within\s+)?(?:six|6)\s+months?$/i, 'within_six_months'],
  [/^within_three_months$/i, 'within_three_months'],
  [/^within_six_months$/i, 'within_six_months'],
];

/**
 * Ofsted's timescale as a plan or a report prints it: "Immediately",
 * "Within three months (September 2012)", "within 6 months:". Null otherwise.
 */
export function parseBand(text: string): TimescaleBand | null {
  if (text.length > 200) return null;
  const bare = stripMarkdown(cleanCell(text))
    .replace(/\([^()]{0,60}\)/g, ' ')
    .replace(/[:.,]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [pattern, band] of BAND_WORDS) if (pattern.test(bare)) return band;
  return null;
}

/**
 * A band row of a committee-paper table: "<b>Safeguarding: Immediately</b>",
 * "Children looked after: within three months". The part before the colon
 * names the table.
 */
export function parseBandRow(text: string): { band: TimescaleBand; area: string | null } | null {
  if (text.length > 200) return null;
  const bare = stripMarkdown(cleanCell(text));
  const band = parseBand(bare);
  if (band) return { band, area: null };
  const colon = Math.max(bare.lastIndexOf(':', bare.length - 2), bare.lastIndexOf(' - '), bare.lastIndexOf(' – '));
  if (colon <= 0) return null;
  const after = parseBand(bare.slice(colon + 1).replace(/^[\s–-]+/, ''));
  if (!after) return null;
  const area = bare.slice(0, colon).replace(/[\s:–-]+$/, '').trim();
  return { band: after, area: area || null };
}
