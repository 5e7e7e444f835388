/**
 * "Today" in Bogotá: the default organisation's zone (Colombia keeps UTC−5 all year). An organisation's own today is
 * `todayIn(timeZone, now)` (zoned-date.ts); these remain for what is Bogotá's whatever the organisation (the demo
 * data, tests).
 */

import { defaultTimeZone } from './organization';
import { todayIn, yearIn } from './zoned-date';

/** Today's date in Bogotá, YYYY-MM-DD. */
export function bogotaToday(now: Date = new Date()): string {
  return todayIn(defaultTimeZone, now);
}

/** The current year in Bogotá. */
export const bogotaYear = (now: Date = new Date()): number => yearIn(defaultTimeZone, now);
