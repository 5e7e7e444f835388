import { isRealDate } from './common';

/**
 * One cell of a metrics export → a value: numbers as exports and spreadsheets write them in either locale, dates
 * as exports print them, text normalised for comparison. Pure, allocation-light: called for every cell.
 */

/** Lower case, no accents, straight quotes, single spaces: how headers and titles are compared. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export type NumberResult = { ok: true; value: number; decimals: number } | { ok: false; negative: boolean } | null;

/** Empty-looking cells: no value, no problem. */
export const blank = /^(?:|-|--|—|n\/a|n\/d|nd|na|null)$/i;

/** A record with nothing but empty cells (blank lines, trailing delimiters). */
export const isBlankRecord = (record: string[]) => record.every((cell) => cell.trim() === '');

/**
 * Reads a number written by an export (machine `1234.5`) or re-saved by a spreadsheet in either locale
 * (`1.234,5`, `1,234.5`, `1234,5`). With `decimal: false`, `1.234` and `1,234` are thousands.
 */
export function parseCsvNumber(cell: string, decimal: boolean): NumberResult {
  // Fast path: plain digits, as exports write them (most of a 10.000-row file).
  const n = cell.length;
  if (n > 0 && n < 16) {
    let digits = true;
    for (let i = 0; i < n; i++) {
      const c = cell.charCodeAt(i);
      if (c < 48 || c > 57) {
        digits = false;
        break;
      }
    }
    if (digits) return { ok: true, value: Number(cell), decimals: 0 };
  }
  // Fast path: digits, one `.` or `,`, digits (`87,35`, as exports write decimals), read as the `(\d+)[.,](\d+)` rule below.
  const separator = decimalSeparatorAt(cell);
  if (separator > 0) return splitNumber(cell.slice(0, separator), cell.slice(separator + 1), decimal);
  const text = cell.replace(/[\s\u00a0\u202f]/g, '');
  if (blank.test(text)) return null;
  if (/^\d+$/.test(text)) return { ok: true, value: Number(text), decimals: 0 };
  if (/^[-−]\d/.test(text)) return { ok: false, negative: true };
  let m = /^(\d+)[.,](\d+)$/.exec(text);
  if (m) return splitNumber(m[1], m[2], decimal);
  if (/^\d{1,3}(?:\.\d{3})+$/.test(text) || /^\d{1,3}(?:,\d{3})+$/.test(text)) return { ok: true, value: Number(text.replace(/[.,]/g, '')), decimals: 0 };
  m = /^(\d{1,3}(?:\.\d{3})+),(\d+)$/.exec(text) ?? /^(\d{1,3}(?:,\d{3})+)\.(\d+)$/.exec(text);
  if (m) return { ok: true, value: Number(`${m[1].replace(/[.,]/g, '')}.${m[2]}`), decimals: m[2].length };
  return { ok: false, negative: false };
}

/** The position of the one `.` or `,` of a cell of digits around it (`87,35`), or -1. Allocation-free. */
function decimalSeparatorAt(cell: string): number {
  const n = cell.length;
  if (n < 3 || n > 30) return -1;
  let separator = -1;
  for (let i = 0; i < n; i++) {
    const c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if ((c === 44 || c === 46) && separator < 0 && i > 0 && i < n - 1) {
      separator = i;
      continue;
    }
    return -1;
  }
  return separator;
}

/** Digits `whole`, a separator, digits `fraction`: a decimal, or (in a count column) `1.234` read as thousands. */
function splitNumber(whole: string, fraction: string, decimal: boolean): NumberResult {
  const zeros = /^0+$/.test(fraction);
  // `1.234` / `1,234` in a count column: a thousands separator, not 1,234 plays.
  if (!decimal && !zeros && fraction.length === 3 && whole.length <= 3) return { ok: true, value: Number(whole + fraction), decimals: 0 };
  return { ok: true, value: Number(`${whole}.${fraction}`), decimals: zeros ? 0 : fraction.length };
}

const englishMonths = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const spanishMonths = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'];

function monthNumber(name: string): number {
  const key = name.slice(0, 3);
  const en = englishMonths.indexOf(key);
  if (en >= 0) return en + 1;
  const es = spanishMonths.indexOf(key);
  return es >= 0 ? es + 1 : 0;
}

const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * A date as exports print it → YYYY-MM-DD: ISO (`2022-06-22T10:00:00-0500`), Meta's `06/22/2022 10:00`,
 * YouTube's `Oct 3, 2026` or `3 oct. 2026`. Null when not a date. `dayFirst` is the order of the file (decided
 * once from all its values: date-order.ts); a lone value with a part above 12 (a date typed in the form) is read
 * the only way it can be.
 */
export function parseExportDate(cell: string, dayFirst: boolean): string | null {
  const text = normaliseText(cell);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?$/.exec(text);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:,? .*)?$/.exec(text);
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const dayFirstHere = a > 12 ? true : b > 12 ? false : dayFirst;
    return dayFirstHere ? checked(y, b, a) : checked(y, a, b);
  }
  m = /^([a-z]{3,})\.? (\d{1,2}),? (\d{4})$/.exec(text);
  if (m) return checked(Number(m[3]), monthNumber(m[1]), Number(m[2]));
  m = /^(\d{1,2}),? (?:de )?([a-z]{3,})\.?,? (?:de )?(\d{4})$/.exec(text);
  if (m) return checked(Number(m[3]), monthNumber(m[2]), Number(m[1]));
  return null;
}

function checked(y: number, m: number, d: number): string | null {
  const value = ymd(y, m, d);
  return m >= 1 && isRealDate(value) ? value : null;
}

export const lifetimeWords = new Set(['lifetime', 'de por vida', 'total', 'todo el tiempo', 'desde siempre', 'vida util', 'toda la vida', 'historico']);

/** The value of a cell of plain digits (what exports write), or -1. Allocation-free: called for every cell. */
export function plainDigits(cell: string): number {
  const n = cell.length;
  if (n === 0 || n > 15) return -1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const c = cell.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}
