/**
 * "Today" for the office, which works in Bogotá: Colombia keeps UTC−5 all year (no daylight saving time), so the
 * date there is the UTC date five hours earlier, whatever the time zone of the browser or the server.
 */

const bogotaOffsetMs = 5 * 3600_000;

/** Today's date in Bogotá, YYYY-MM-DD. */
export function bogotaToday(now: Date = new Date()): string {
  return new Date(now.getTime() - bogotaOffsetMs).toISOString().slice(0, 10);
}

/** The current year in Bogotá. */
export const bogotaYear = (now: Date = new Date()): number => Number(bogotaToday(now).slice(0, 4));
