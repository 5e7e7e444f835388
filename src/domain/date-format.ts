/**
 * The one way dates and times are written, on every screen and in every export (es-CO, Bogotá time):
 * - long date `1 de enero de 2022` (running text, titles, the report);
 * - short date `01/01/2022` (tables, lists, fields: the dd/mm/aaaa people type);
 * - date-time `20/10/2022, 10:05` (24 h, in the organisation's time zone — Bogotá unless it says another: histories,
 *   comments, «guardado», the export's time);
 * - time `10:05`; day-month `7 sept` (chart axes only).
 * Calendar dates (`2022-06-22`) are days, not instants: they are formatted in UTC so no time zone moves them.
 * Pure: only `Intl`.
 */

export const dateLocale = 'es-CO';
export const dateTimeZone = 'America/Bogota';

const longDate = new Intl.DateTimeFormat(dateLocale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat(dateLocale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const dayMonth = new Intl.DateTimeFormat(dateLocale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone, made once; a zone the runtime does not know is written in Bogotá's (it never throws). */
function formatterIn(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(dateLocale, { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat(dateLocale, { ...options, timeZone: dateTimeZone });
    }
    if (cache.size > 100) cache.clear();
    cache.set(timeZone, format);
  }
  return format;
}
const dateTimeIn = (timeZone: string) => formatterIn(dateTimeFormats, timeZone, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const timeIn = (timeZone: string) => formatterIn(timeFormats, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

function calendarDay(iso: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function instant(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `2022-01-01` → `1 de enero de 2022`; '' for no date, the text itself when it is not a date. */
export function formatLongDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const day = calendarDay(iso);
  return day ? plainSpaces(longDate.format(day)) : iso;
}

/** `2022-01-01` → `01/01/2022`. */
export function formatShortDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const day = calendarDay(iso);
  return day ? shortDate.format(day) : iso;
}

/** `2022-09-07` → `7 sept` (chart axis ticks). */
export function formatDayMonth(iso: string): string {
  const day = calendarDay(iso);
  return day ? plainSpaces(dayMonth.format(day)).replace(' de ', ' ').replace(/\.$/, '') : iso;
}

/** An instant (`2022-10-20T15:05:00Z`) in the zone's time (Bogotá by default): `20/10/2022, 10:05`. */
export function formatDateTime(iso: string | null | undefined, timeZone: string = dateTimeZone): string {
  if (!iso) return '';
  const date = instant(iso);
  return date ? plainSpaces(dateTimeIn(timeZone).format(date)) : iso;
}

/** An instant's time of day in the zone (Bogotá by default): `10:05`. */
export function formatTime(iso: string | Date, timeZone: string = dateTimeZone): string {
  const date = typeof iso === 'string' ? instant(iso) : iso;
  return date ? plainSpaces(timeIn(timeZone).format(date)) : String(iso);
}

/**
 * A wall-clock date and time with no zone, as the office typed it (`2022-06-20T10:15`, when a question was received):
 * `20/06/2022, 10:15` — the same figures in every zone, since they already are the organisation's clock.
 */
export function formatLocalDateTime(local: string | null | undefined): string {
  if (!local) return '';
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return local;
  return formatDateTime(`${local}:00Z`, 'UTC');
}

/**
 * A date as a person types it in Colombia, day first: `15/03/2024`, `15-03-2024`, `15.03.2024`, `15 03 2024`,
 * `15032024`, `1/3/2024`, or ISO `2024-03-15` → `2024-03-15`; null for anything else or an impossible day
 * (31/02/2024). A partial entry (`15/03/2`) is null: the year has four digits.
 */
export function parseTypedDate(text: string): string | null {
  const t = text.trim();
  let day: number, month: number, year: number;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(t))) [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{2})(\d{2})(\d{4})$/.exec(t))) [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  if (month < 1 || month > 12 || day < 1 || year < 1000) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
