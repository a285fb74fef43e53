import { CalendarDate, isCalendarDate } from '../../deadlines';

/**
 * The period a plan's title names: "Business Plan 2015-18", "Business Plan
 * 2016/17", "Strategy 2015–2018". Councils and safeguarding boards count in
 * financial years, so the period runs from 1 April of the first year to 31
 * March of the last. "2015 to 2017" is left alone: it may mean calendar years,
 * and a wrong guess would move every recurring milestone.
 */

export interface TitlePeriod {
  startsOn: CalendarDate;
  endsOn: CalendarDate;
  /** The words of the title the period was read from: "2015-18". */
  written: string;
}

const SPAN = /(?<![\d£$/.,-])((?:19|20)\d{2})\s*[-–—/]\s*(\d{4}|\d{2})(?![\d/.,%-])/g;

export function periodFromTitle(title: string | null | undefined): TitlePeriod | null {
  if (!title) return null;
  for (const match of title.slice(0, 500).matchAll(SPAN)) {
    const first = Number(match[1]);
    let last = match[2].length === 2 ? Math.floor(first / 100) * 100 + Number(match[2]) : Number(match[2]);
    if (match[2].length === 2 && last <= first) last += 100;
    if (last <= first || last - first > 10) continue;
    const startsOn = `${first}-04-01`;
    const endsOn = `${last}-03-31`;
    if (!isCalendarDate(startsOn) || !isCalendarDate(endsOn)) continue;
    return { startsOn: startsOn as CalendarDate, endsOn: endsOn as CalendarDate, written: match[0].trim() };
  }
  return null;
}
