/** es-CO formatting: numbers through Intl; dates and times from the one module every screen and export uses. */
import { formatDateTime, formatLongDate, formatShortDate, formatTime } from '../../domain/date-format';

const locale = 'es-CO';
const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });

export function formatInteger(value: number): string {
  return integer.format(value);
}

/** `2022-06-22` → `22 de junio de 2022`. */
export const formatDate = formatLongDate;
export { formatDateTime, formatLongDate, formatShortDate, formatTime };

/** Minutes as `1 h 12 min`. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes == null) return '';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
