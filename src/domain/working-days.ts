import Holidays from 'date-holidays';

/**
 * Colombian working days (Ley 1755 de 2015 counts legal terms in «días hábiles»): Monday to Friday except the
 * national holidays, including those Ley 51 de 1983 moves to the next Monday. The calendar comes from
 * `date-holidays` (country CO), kept by its maintainers, not from a hand-made list. Dates are plain
 * YYYY-MM-DD strings (the office's calendar day in Bogotá); no time zone enters the count.
 */

const holidaysByYear = new Map<number, ReadonlySet<string>>();
let calendar: Holidays | undefined;

/** The national (public) holidays of a year, YYYY-MM-DD; computed once per year and kept. */
export function colombianHolidays(year: number): ReadonlySet<string> {
  let set = holidaysByYear.get(year);
  if (!set) {
    calendar ??= new Holidays('CO');
    set = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    holidaysByYear.set(year, set);
  }
  return set;
}

const dayMs = 86_400_000;
const toDayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / dayMs;
const fromDayNumber = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);
const yearOfDay = (day: number) => new Date(day * dayMs).getUTCFullYear();

/**
 * Holidays as day numbers (days since 1970-01-01) for the years seen so far, so counting 100,000 terms is a loop
 * of integer look-ups: the library is asked once per year, never per day.
 */
const holidayDays = new Set<number>();
let coveredFrom = Infinity;
let coveredTo = -Infinity;

function cover(day: number) {
  const year = yearOfDay(day);
  for (const date of colombianHolidays(year)) holidayDays.add(toDayNumber(date));
  coveredFrom = Math.min(coveredFrom, Date.UTC(year, 0, 1) / dayMs);
  coveredTo = Math.max(coveredTo, Date.UTC(year, 11, 31) / dayMs);
  // Years in between (a term that spans a gap) are covered too.
  for (let y = yearOfDay(coveredFrom) + 1; y < yearOfDay(coveredTo); y += 1) for (const date of colombianHolidays(y)) holidayDays.add(toDayNumber(date));
}

function isWorkingDayNumber(day: number): boolean {
  // 1970-01-01 was a Thursday: (day + 4) % 7 is 0 on Sundays, 6 on Saturdays.
  const weekday = (((day + 4) % 7) + 7) % 7;
  if (weekday === 0 || weekday === 6) return false;
  if (day < coveredFrom || day > coveredTo) cover(day);
  return !holidayDays.has(day);
}

/** Whether a YYYY-MM-DD date is a working day in Colombia. */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayNumber(toDayNumber(date));
}

/**
 * The date `days` working days after `from` (the day the question was received does not count: the term starts
 * the next working day, as offices count it). `addWorkingDays('2022-06-22', 15)` is '2022-07-15'.
 */
const dueMemo = new Map<string, string>();

export function addWorkingDays(from: string, days: number): string {
  // Many questions share a reception day and a term: each pair is counted once.
  const key = `${from}|${days}`;
  const known = dueMemo.get(key);
  if (known !== undefined) return known;
  if (dueMemo.size > 50_000) dueMemo.clear();
  const due = countWorkingDays(from, days);
  dueMemo.set(key, due);
  return due;
}

function countWorkingDays(from: string, days: number): string {
  let day = toDayNumber(from);
  let left = days;
  while (left > 0) {
    day += 1;
    if (isWorkingDayNumber(day)) left -= 1;
  }
  return fromDayNumber(day);
}

/**
 * Working days from `from` to `to`: 0 on the same day, 1 when `to` is the next working day; negative when `to`
 * comes first. Used for «días hábiles para responder» and for how late a question is.
 */
export function workingDaysBetween(from: string, to: string): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  if (a === b) return 0;
  const [start, end, sign] = a < b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = start + 1; day <= end; day += 1) if (isWorkingDayNumber(day)) count += 1;
  return sign * count;
}
