/** es-CO formatting through Intl: 12.345 · 1,5 · 22 de junio de 2022. */
const locale = 'es-CO';

const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const longDate = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat(locale, { day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function formatInteger(value: number): string {
  return integer.format(value);
}

/** `2022-06-22` → `22 de junio de 2022`. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  return longDate.format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatShortDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  return shortDate.format(new Date(`${isoDate}T00:00:00Z`));
}

/** An ISO timestamp in the person's time zone. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** Minutes as `1 h 12 min`. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes == null) return '';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
