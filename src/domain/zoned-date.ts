/**
 * "Today" and "now" on an organisation's wall clock (issue 15): each organisation has an IANA time zone (default
 * America/Bogota), and its day — a question's legal due date, an overdue commitment, whether a vote or an evaluation
 * is open — starts at its midnight, whatever the time zone of the browser or the server. Pure: only `Intl`.
 * Working days and holidays stay Colombia's (working-days.ts); only the date of "today" follows the zone.
 */

import { defaultTimeZone } from './organization';

/** One formatter per zone (a few at most in an installation), bounded; Intl.DateTimeFormat is costly to build. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const maxFormatters = 500;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      // A zone this runtime does not know (validated when saved, so only an old row or another runtime): Bogotá's
      // rather than an error on every request.
      formatter = timeZone === defaultTimeZone ? new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC' }) : formatterFor(defaultTimeZone);
    }
    if (formatters.size >= maxFormatters) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The date and time an instant shows on the zone's wall clock. */
export function wallClockIn(timeZone: string, now: Date): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(now)) parts[part.type] = part.value;
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour ?? 0) % 24, minute: Number(parts.minute ?? 0) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Today's date in the zone, YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const w = wallClockIn(timeZone, now);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The current year in the zone. */
export const yearIn = (timeZone: string, now: Date = new Date()): number => wallClockIn(timeZone, now).year;

/** «YYYY-MM-DDTHH:MM» on the zone's wall clock for an instant. */
export function dateTimeIn(timeZone: string, now: Date): string {
  const w = wallClockIn(timeZone, now);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * The instant a wall-clock date and time of the zone is (a forum at 10:00 in its organisation's zone → UTC). In a
 * daylight-saving overlap, the earlier of the two; in a gap (a time the clock skips), as if it had not jumped yet.
 */
export function instantIn(timeZone: string, date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  const wanted = Date.UTC(y, m - 1, d, h, min);
  const wallAt = (instant: number) => {
    const w = wallClockIn(timeZone, new Date(instant));
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  };
  const offsetAt = (instant: number) => wallAt(instant) - Math.floor(instant / 60_000) * 60_000;
  const first = wanted - offsetAt(wanted);
  const second = wanted - offsetAt(first);
  const fits = [first, second].filter((instant) => wallAt(instant) === wanted).sort((a, b) => a - b);
  return new Date(fits[0] ?? first);
}

/** Where a zone's clock is, for a person: «Bogotá» for America/Bogota, else the zone's city (`Europe/Madrid` → «Madrid»). */
export function zonePlaceName(timeZone: string): string {
  if (timeZone === defaultTimeZone) return 'Bogotá';
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

/** The zone's offset from UTC at that instant, as written in Spanish: «UTC−5», «UTC+5:30», «UTC». */
export function zoneOffsetText(timeZone: string, at: Date = new Date()): string {
  let name = 'GMT';
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  } catch {
    if (timeZone !== defaultTimeZone) return zoneOffsetText(defaultTimeZone, at);
  }
  return name.replace('GMT', 'UTC').replace('-', '−');
}
