/** es-CO formatting: numbers through Intl; dates and times from the one module every screen and export uses. */
import { formatDateTime as dateTimeIn, formatLocalDateTime, formatLongDate, formatShortDate, formatTime as timeIn } from '../../domain/date-format';
import { defaultTimeZone } from '../../domain/organization';

const locale = 'es-CO';
const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });

export function formatInteger(value: number): string {
  return integer.format(value);
}

/** `2022-06-22` → `22 de junio de 2022`. */
export const formatDate = formatLongDate;
export { formatLocalDateTime, formatLongDate, formatShortDate };

// The zone every time the app shows is written in: the logged-in person's organisation's (issue 15), set whenever the
// client learns who is logged in (session-user.ts), before any page that shows a time renders; Bogotá before that.
let displayTimeZone = defaultTimeZone;

/** The organisation's zone for the times shown from now on (null: nobody logged in → Bogotá). */
export function setDisplayTimeZone(timeZone: string | null | undefined) {
  displayTimeZone = timeZone || defaultTimeZone;
}

/** An instant in the organisation's time: `20/10/2022, 10:05`. */
export const formatDateTime = (iso: string | null | undefined) => dateTimeIn(iso, displayTimeZone);

/** An instant's time of day in the organisation's time: `10:05`. */
export const formatTime = (iso: string | Date) => timeIn(iso, displayTimeZone);

/** Minutes as `1 h 12 min`. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes == null) return '';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
