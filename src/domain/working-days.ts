import { holidayTable, holidayTableYears } from './colombian-holidays';

/**
 * Colombian working days (Ley 1755 de 2015 counts legal terms in «días hábiles»): Monday to Friday except the
 * national holidays, including those Ley 51 de 1983 moves to the next Monday. The calendar comes from
 * `date-holidays` (country CO), kept by its maintainers, not from a hand-made list: for 1990–2110 as the table
 * scripts/generate-holidays.mjs wrote from it (checked against the library by the unit tests; the library itself is
 * not loaded at run time). The app accepts years 2000–2100; outside the table a year counts no holidays. Dates are
 * plain YYYY-MM-DD strings (the office's calendar day in Bogotá); no time zone enters the count.
 */

const holidaysByYear = new Map<number, ReadonlySet<string>>();

/** The national (public) holidays of a year, YYYY-MM-DD; computed once per year and kept. */
export function colombianHolidays(year: number): ReadonlySet<string> {
  let set = holidaysByYear.get(year);
  if (!set) {
    const table = year >= holidayTableYears.first && year <= holidayTableYears.last ? holidayTable[year] : undefined;
    set = new Set(table ? table.split(' ').map((monthDay) => `${year}-${monthDay}`) : []);
    holidaysByYear.set(year, set);
  }
  return set;
}

const dayMs = 86_400_000;
/** The digits of `text` from `at`, `length` of them, as a number (NaN when one is not a digit). */
function digitsAt(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}
/** Days since 1970-01-01 of the YYYY-MM-DD at the start of `date` (what follows, a time, is ignored). */
const toDayNumber = (date: string) => Date.UTC(digitsAt(date, 0, 4), digitsAt(date, 5, 2) - 1, digitsAt(date, 8, 2)) / dayMs;
const fromDayNumber = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);
const yearOfDay = (day: number) => new Date(day * dayMs).getUTCFullYear();
const firstDayOfYear = (year: number) => Date.UTC(year, 0, 1) / dayMs;

/**
 * A working-day index over whole years (days since 1970-01-01): `rank[i]` is how many working days there are from
 * the first covered day up to day `first + i`, and `working[k]` is the day of the (k+1)-th. A due date is then two
 * array look-ups (rank of the reception day + term), and a count between dates a subtraction; the holidays are
 * read once per year. The index grows (rebuilt over the wider span of years) when a date falls outside it.
 */
let firstYear = 0;
let lastYear = -1;
let first = 0;
let rank = new Int32Array(0);
let working: number[] = [];
/** The YYYY-MM-DD text of each covered day, made the first time it is asked for. */
let texts: (string | undefined)[] = [];

function coverYears(from: number, to: number) {
  if (lastYear >= firstYear) {
    from = Math.min(from, firstYear);
    to = Math.max(to, lastYear);
  }
  const start = firstDayOfYear(from);
  const length = firstDayOfYear(to + 1) - start;
  const holidays = new Set<number>();
  for (let year = from; year <= to; year += 1) for (const date of colombianHolidays(year)) holidays.add(toDayNumber(date));
  const nextRank = new Int32Array(length);
  const nextWorking: number[] = [];
  let count = 0;
  for (let i = 0; i < length; i += 1) {
    const day = start + i;
    // 1970-01-01 was a Thursday: (day + 4) % 7 is 0 on Sundays, 6 on Saturdays.
    const weekday = (((day + 4) % 7) + 7) % 7;
    if (weekday !== 0 && weekday !== 6 && !holidays.has(day)) {
      count += 1;
      nextWorking.push(day);
    }
    nextRank[i] = count;
  }
  const nextTexts: (string | undefined)[] = new Array<string | undefined>(length);
  for (let i = 0; i < texts.length; i += 1) nextTexts[first - start + i] = texts[i];
  [firstYear, lastYear, first, rank, working, texts] = [from, to, start, nextRank, nextWorking, nextTexts];
}

/** The index position of a day, covering its year first when needed. */
function indexOf(day: number): number {
  if (!Number.isFinite(day)) throw new RangeError('Fecha no válida.');
  if (day < first || day >= first + rank.length) {
    const year = yearOfDay(day);
    coverYears(year, year);
  }
  return day - first;
}

function textOf(day: number): string {
  const i = day - first;
  return (texts[i] ??= fromDayNumber(day));
}

/** Whether a YYYY-MM-DD date is a working day in Colombia. */
export function isWorkingDay(date: string): boolean {
  const i = indexOf(toDayNumber(date));
  return rank[i] !== (i === 0 ? 0 : rank[i - 1]);
}

/**
 * The date `days` working days after `from` (the day the question was received does not count: the term starts
 * the next working day, as offices count it). `addWorkingDays('2022-06-22', 15)` is '2022-07-15'. A time after the
 * date ('2022-06-22T10:00') is ignored.
 */
export function addWorkingDays(from: string, days: number): string {
  const day = toDayNumber(from);
  if (!(days > 0)) return fromDayNumber(day);
  const i = indexOf(day);
  const target = rank[i] + days;
  // A term that runs past the covered years: cover the next year, as often as needed.
  while (target > working.length) coverYears(firstYear, lastYear + 1);
  return textOf(working[target - 1]);
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
  indexOf(start);
  indexOf(end);
  // Both may have grown the index: positions are taken after.
  return sign * (rank[end - first] - rank[start - first]);
}
