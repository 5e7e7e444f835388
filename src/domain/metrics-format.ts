import { figureUnit, type Figure, type FigureUnit } from './metrics';

/**
 * Reading and writing the figures people paste from Meta and YouTube screens, in es-CO:
 * `12.345` (thousands), `1,5` (decimals), `1,7 mil` / `1,2 M` (compact, approximate),
 * `01:11:33` (h:mm:ss), `56:39` / `2:42` (m:ss), `627 min`, `10 h 27 min`. Pure: only `Intl`, no I/O.
 *
 * The one presentation of each kind of figure (`formatFigure`) and the one reader of what people type
 * (`parseFigure`) live here: every screen, the report, Word, the print view and the human-readable texts
 * of the open data use them.
 */

export const metricsLocale = 'es-CO';

/** Spanish messages of the parsers. */
export const formatMessages = {
  empty: 'Escriba un valor.',
  notANumber: (text: string) => `«${text}» no es un número. Use punto para miles y coma para decimales (12.345 o 1,5).`,
  negative: 'El valor no puede ser negativo.',
  notInteger: (text: string, suggestion: string | null) =>
    suggestion
      ? `«${text}» no es un número entero. Si copió una cifra en inglés, escriba ${suggestion} (punto para miles).`
      : `«${text}» no es un número entero.`,
  tooLarge: 'El número es demasiado grande.',
  notADuration: (text: string) => `«${text}» no es una duración. Escriba h:mm:ss (01:11:33), m:ss (2:42) o segundos (4293).`,
  notMinutes: (text: string) => `«${text}» no es un tiempo en minutos. Escriba minutos (627; 627,5; 1.700; 1,7 mil), h:mm:ss (10:27:00), h:mm (10:27) o 10 h 27 min.`,
  badMinutesOrSeconds: (text: string) => `«${text}»: los minutos y los segundos deben estar entre 00 y 59.`,
} as const;

/** A parsed figure: `approximate` when it came in compact form, with `margin` = the most the true value can differ. */
export type ParseResult =
  | { ok: true; value: number; approximate: boolean; margin: number }
  | { ok: false; message: string };

const fail = (message: string): ParseResult => ({ ok: false, message });

/** Largest number accepted by the parsers: anything bigger is a typo or garbage. */
const maxParsed = 1e15;

/** Compact suffixes Meta, YouTube and Intl print (es `mil`, `M`; newer es-CO ICU prints `K`). */
const compactSuffixes: Array<[RegExp, number]> = [
  [/^(mil\s*millones|mm)$/, 1e9],
  [/^(m|mill|millon|millones|mill[oó]n)$/, 1e6],
  [/^(mil|k)$/, 1e3],
];

function normaliseSpaces(text: string): string {
  // NBSP and narrow NBSP (Intl output) become plain spaces; trailing dots of abbreviations ("mil.", "M.") go.
  // A figure copied from a message or a document may come quoted: «1.700», "627".
  return text.replace(/[\u00a0\u202f\u2007]/g, ' ').trim().replace(/^[«"“'‘]\s*(.*?)\s*[»"”'’]$/, '$1');
}

/** Decimals in the es-CO form: an optional thousands part with dots (or spaces) and an optional `,decimals`. */
const esNumber = /^(\d{1,3}(?:[. ]\d{3})+|\d+)(?:,(\d+))?$/;

/**
 * Reads a count or amount as people write it in es-CO. `12.345` → 12345, `1,5` → 1.5, `1,7 mil` → 1700
 * (approximate, margin 50), `1,2 M` → 1.200.000 (approximate). A leading `≈` or `~` marks an exact-looking
 * figure as approximate. With `integer: true` (the default for counts) decimals are refused, with a hint
 * when the text looks like an English figure (`1,234` → «1.234»).
 */
export function parseCount(input: string, options: { integer?: boolean } = {}): ParseResult {
  const integer = options.integer ?? false;
  let text = normaliseSpaces(input ?? '');
  if (text === '') return fail(formatMessages.empty);
  let markedApproximate = false;
  if (/^[≈~]/.test(text)) {
    markedApproximate = true;
    text = text.slice(1).trim();
  }
  if (/^[-−–]/.test(text)) return fail(formatMessages.negative);
  if (text.startsWith('+')) text = text.slice(1).trim();

  const compact = /^(\d+(?:,\d+)?)\s*([a-zA-ZñÑóÓ][a-zA-ZñÑóÓ ]*?)\.?$/.exec(text);
  if (compact) {
    const suffix = compact[2].toLowerCase().trim();
    const multiplier = compactSuffixes.find(([re]) => re.test(suffix))?.[1];
    if (multiplier === undefined) return fail(formatMessages.notANumber(input.trim()));
    const [whole, decimals = ''] = compact[1].split(',');
    const mantissa = Number(`${whole}.${decimals || '0'}`);
    const value = Math.round(mantissa * multiplier);
    if (value > maxParsed) return fail(formatMessages.tooLarge);
    // Half a unit of the last digit shown: 1,7 mil → ±50, 17 mil → ±500, 1,2 M → ±50.000.
    const margin = Math.round((multiplier / 10 ** decimals.length) / 2);
    return { ok: true, value, approximate: true, margin };
  }

  const match = esNumber.exec(text);
  if (!match) return fail(formatMessages.notANumber(input.trim()));
  const whole = Number(match[1].replace(/[. ]/g, ''));
  const decimals = match[2];
  const value = decimals === undefined ? whole : Number(`${whole}.${decimals}`);
  if (!Number.isFinite(value) || value > maxParsed) return fail(formatMessages.tooLarge);
  if (integer && !Number.isInteger(value)) {
    // "1,234" is a valid es-CO decimal but most likely an English thousands separator.
    const suggestion = decimals !== undefined && decimals.length === 3 && /^\d{1,3}$/.test(match[1]) ? formatCount(whole * 1000 + Number(decimals)) : null;
    return fail(formatMessages.notInteger(input.trim(), suggestion));
  }
  return { ok: true, value, approximate: markedApproximate, margin: 0 };
}

/**
 * Reads a duration and returns seconds: `01:11:33` / `1:11:33` (h:mm:ss, as Meta's live summary and
 * YouTube's "Average view duration" print it) → 4293, `56:39` / `2:42` (m:ss) → 3399 / 162, and a plain
 * number → seconds (or minutes with `plainUnit: 'minutes'`, as Meta's "Minutos reproducidos": `627` → 37620,
 * `1,7 mil` → 102000 approximate with a margin of 3000 s).
 */
export function parseDuration(input: string, options: { plainUnit?: 'seconds' | 'minutes' } = {}): ParseResult {
  const text = normaliseSpaces(input ?? '');
  if (text === '') return fail(formatMessages.empty);
  if (/^[-−–]/.test(text)) return fail(formatMessages.negative);

  const words = parseUnitWords(text);
  if (words !== null) return { ok: true, value: words, approximate: false, margin: 0 };

  const clock = /^(?:(\d{1,4}):)?(\d{1,4}):(\d{2})$/.exec(text);
  if (clock) {
    const hours = clock[1] === undefined ? 0 : Number(clock[1]);
    const minutes = Number(clock[2]);
    const seconds = Number(clock[3]);
    // In h:mm:ss the minutes are two digits below 60; in m:ss they may run past 59 (e.g. 75:10).
    if (seconds > 59 || (clock[1] !== undefined && (minutes > 59 || clock[2].length !== 2))) {
      return fail(formatMessages.badMinutesOrSeconds(input.trim()));
    }
    return { ok: true, value: hours * 3600 + minutes * 60 + seconds, approximate: false, margin: 0 };
  }

  if (/^[≈~]?\s*\d/.test(text) && !text.includes(':')) {
    const count = parseCount(text);
    if (!count.ok) return fail(formatMessages.notADuration(input.trim()));
    const factor = options.plainUnit === 'minutes' ? 60 : 1;
    const exactSeconds = count.value * factor;
    if (count.approximate) {
      return { ok: true, value: Math.round(exactSeconds), approximate: true, margin: Math.ceil(count.margin * factor) };
    }
    if (!Number.isInteger(exactSeconds)) {
      // 2,5 minutes is fine (150 s); 2,25 seconds is rounded and marked approximate.
      return { ok: true, value: Math.round(exactSeconds), approximate: true, margin: 1 };
    }
    return { ok: true, value: exactSeconds, approximate: false, margin: 0 };
  }
  return fail(formatMessages.notADuration(input.trim()));
}

/** `10 h 27 min`, `549 min 57 s`, `627 min`, `2 min 42 s`, `45 s` → seconds; null when the text is not of that form. */
function parseUnitWords(text: string): number | null {
  const m = /^(?:(\d{1,9})\s*(?:h|hr|hrs|hora|horas)\.?)?\s*(?:(\d{1,12}(?:[.]\d{3})*)\s*(?:m|min|mins|minuto|minutos)\.?)?\s*(?:(\d{1,12})\s*(?:s|seg|segs|segundo|segundos)\.?)?$/i.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return null;
  const hours = Number(m[1] ?? 0);
  const minutes = Number((m[2] ?? '0').replace(/\./g, ''));
  const seconds = Number(m[3] ?? 0);
  return hours * 3600 + minutes * 60 + seconds;
}

/**
 * Reads a time watched given in minutes, as Meta's «Minutos reproducidos» shows it and people paste it, and returns
 * seconds: `627`, `627,5`, `1.700`, `1,7 mil` (approximate), `627 min`, `549 min 57 s`, `10 h 27 min`, `10:27:00`
 * (h:mm:ss) and `10:27` (h:mm: in a field of minutes two parts are hours and minutes). `≈` marks it approximate.
 */
export function parseWatchMinutes(input: string): ParseResult {
  let text = normaliseSpaces(input ?? '');
  if (text === '') return fail(formatMessages.empty);
  let marked = false;
  if (/^[≈~]/.test(text)) {
    marked = true;
    text = text.slice(1).trim();
  }
  if (/^[-−–]/.test(text)) return fail(formatMessages.negative);
  const hoursMinutes = /^(\d{1,6}):(\d{2})$/.exec(text);
  let result: ParseResult;
  if (hoursMinutes) {
    result = Number(hoursMinutes[2]) > 59
      ? fail(formatMessages.badMinutesOrSeconds(input.trim()))
      : { ok: true, value: Number(hoursMinutes[1]) * 3600 + Number(hoursMinutes[2]) * 60, approximate: false, margin: 0 };
  } else {
    result = parseDuration(text, { plainUnit: 'minutes' });
    if (!result.ok && result.message === formatMessages.notADuration(text)) result = fail(formatMessages.notMinutes(input.trim()));
  }
  return result.ok && marked ? { ...result, approximate: true } : result;
}

/**
 * Reads a figure of the given field as a person types or pastes it: counts (`12.345`, `1,7 mil`), a broadcast
 * length (`01:11:33`, `56:39`, `1 h 11 min 33 s`; a plain number is minutes), an average watch time (`2:42`; a
 * plain number is seconds), a time watched in minutes (see `parseWatchMinutes`). `≈` marks a figure approximate.
 */
export function parseFigure(field: string, input: string): ParseResult {
  return parseByUnit(figureUnit(field), input);
}

export function parseByUnit(unit: FigureUnit, text: string): ParseResult {
  const input = normaliseSpaces(text ?? '');
  if (unit === 'count') return parseCount(input, { integer: true });
  if (unit === 'minutes') return parseWatchMinutes(input);
  const trimmed = normaliseSpaces(input ?? '');
  const marked = /^[≈~]/.test(trimmed);
  const result = parseDuration(marked ? trimmed.slice(1).trim() : trimmed, { plainUnit: unit === 'duration' ? 'minutes' : 'seconds' });
  return result.ok && marked ? { ...result, approximate: true } : result;
}

const integerFormat = new Intl.NumberFormat(metricsLocale, { maximumFractionDigits: 0, useGrouping: 'always' } as Intl.NumberFormatOptions);
const decimalFormat = new Intl.NumberFormat(metricsLocale, { maximumFractionDigits: 2, useGrouping: 'always' } as Intl.NumberFormatOptions);
// CLDR 46+ prints `1,7 K` for es-CO short compact; the generic `es` short form keeps Meta's `1,7 mil` and `1,2 M`
// with the same decimal comma, on every ICU version.
const compactFormat = new Intl.NumberFormat('es', { notation: 'compact', maximumFractionDigits: 1 });
const percentFormat = new Intl.NumberFormat(metricsLocale, { maximumFractionDigits: 1 });

/** `12.345`, `1,5`; `≈ 1.700` when approximate. Grouping always on (es would print `1700`). */
export function formatCount(value: number, options: { approximate?: boolean } = {}): string {
  const text = Number.isInteger(value) ? integerFormat.format(value) : decimalFormat.format(value);
  return options.approximate ? `≈ ${text}` : text;
}

/** `1,7 mil`, `17 mil`, `1,2 M`, `236`: the compact form of Meta's screens (plain space, not ICU's NBSP). */
export function formatCompact(value: number): string {
  return compactFormat.format(value).replace(/[\u00a0\u202f]/g, ' ');
}

/** `12,5 %` */
export function formatPercent(value: number): string {
  return `${percentFormat.format(value)} %`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Seconds as `hh:mm:ss` (Meta's live summary: `01:11:33`, `09:09:57`). */
export function formatDuration(totalSeconds: number, options: { approximate?: boolean } = {}): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const text = `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return options.approximate ? `≈ ${text}` : text;
}

/** Seconds as `m:ss` (Meta's average watch time: `2:42`; `71:33` past the hour). */
export function formatMinSec(totalSeconds: number, options: { approximate?: boolean } = {}): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const text = `${Math.floor(s / 60)}:${pad(s % 60)}`;
  return options.approximate ? `≈ ${text}` : text;
}

/** Seconds as minutes with their unit: `627 min`, `549 min 57 s`, `≈ 1.700 min` (Meta's «Minutos reproducidos»). */
export function formatWatchMinutes(totalSeconds: number, options: { approximate?: boolean } = {}): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const minutes = Math.floor(s / 60);
  const seconds = s % 60;
  const text = seconds === 0 ? `${formatCount(minutes)} min` : `${formatCount(minutes)} min ${seconds} s`;
  return options.approximate ? `≈ ${text}` : text;
}

/** A stored value (seconds for times) in the one presentation of its kind of figure. */
export function formatByUnit(unit: FigureUnit, value: number, options: { approximate?: boolean } = {}): string {
  switch (unit) {
    case 'duration':
      return formatDuration(value, options);
    case 'minSec':
      return formatMinSec(value, options);
    case 'minutes':
      return formatWatchMinutes(value, options);
    default:
      return formatCount(value, options);
  }
}

/** A figure as every screen and export shows it: `70`, `≈ 1.700`, `01:11:33`, `2:42`, `627 min`. */
export function formatFigure(field: string, figure: Figure): string {
  return formatByUnit(figureUnit(field), figure.value, { approximate: figure.approximate });
}

/**
 * A successful parse as a stored figure: `{ value, approximate }`, plus `margin` when the text told how far
 * off it can be (`1,7 mil` → 50). Non-integer values are rounded (counts and seconds are whole numbers).
 */
export function toFigure(result: Extract<ParseResult, { ok: true }>): { value: number; approximate: boolean; margin?: number } {
  const value = Math.round(result.value);
  const approximate = result.approximate || value !== result.value;
  if (approximate && result.margin > 0) return { value, approximate, margin: result.margin };
  return { value, approximate };
}
