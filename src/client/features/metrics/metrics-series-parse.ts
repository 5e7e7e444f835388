import { formatCount } from '../../../domain/metrics-format';
import { i18next } from '../../i18n';
import { parseCountCell, parseDateCell, parseMinuteCell, type CellResult } from './metrics-form-values';

export type SeriesKind = 'curve' | 'daily';

export interface PastedRow {
  /** The canonical key: a minute number or a YYYY-MM-DD date. */
  key: number | string;
  value: number;
  line: number;
}

export interface PasteResult {
  rows: PastedRow[];
  errors: { line: number; message: string }[];
}

/** Splits one pasted line into cells: tab or `;` first, then runs of spaces, then a single comma (`5,20`). */
export function splitCells(line: string): string[] {
  const trimmed = line.trim();
  if (/[\t;]/.test(trimmed)) return trimmed.split(/\s*[\t;]\s*/).filter((c, i, all) => c !== '' || i < all.length - 1);
  // `22/06/2022 140`, `0:00 12`, `1,7 mil` as a value: the first cell has no spaces, the rest is the value.
  const space = /^(\S+)\s+(.+)$/.exec(trimmed);
  if (space) {
    const rest = space[2];
    // `22 jun 2022 140`: a date written with spaces.
    const spacedDate = /^(\d{1,2}\s+[a-zA-Z]{3,}\.?\s+\d{4})\s+(.+)$/.exec(trimmed);
    if (spacedDate) return [spacedDate[1], spacedDate[2]];
    return [space[1], rest];
  }
  const comma = trimmed.split(',');
  if (comma.length === 2) return comma;
  return [trimmed];
}

const keyParsers: Record<SeriesKind, (text: string) => CellResult> = { curve: parseMinuteCell, daily: parseDateCell };

/**
 * Reads pasted two-column lines: `0:00⇥12`, `5⇥20`, `2022-06-22;140`, `22/06/2022 140`. Blank lines are
 * skipped, a first line that looks like a header is ignored, every bad line gets a Spanish message, and a
 * key repeated later replaces the earlier one. The rows come back ordered by key.
 */
export function parsePastedSeries(text: string, kind: SeriesKind): PasteResult {
  const rows = new Map<string, PastedRow>();
  const errors: PasteResult['errors'] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let firstContent = true;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const cells = splitCells(raw);
    const isFirst = firstContent;
    firstContent = false;
    if (cells.length === 1) {
      errors.push({ line, message: i18next.t('metrics.series.paste.oneColumn') });
      return;
    }
    if (cells.length > 2) {
      errors.push({ line, message: i18next.t('metrics.series.paste.twoColumns', { count: cells.length }) });
      return;
    }
    const key = keyParsers[kind](cells[0]);
    const value = parseCountCell(cells[1]);
    if (isFirst && !key.ok && !/\d/.test(cells[0])) return; // a header such as «Minuto;Espectadores»
    if (!key.ok || !value.ok) {
      errors.push({ line, message: [key, value].flatMap((r) => (r.ok ? [] : [r.message])).join(' ') });
      return;
    }
    rows.set(String(key.value), { key: key.value, value: value.value as number, line });
  });
  const sorted = [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { rows: sorted, errors };
}

/** Pasted rows as table rows (text, as the table shows them). */
export function toTableRows(kind: SeriesKind, rows: PastedRow[]) {
  return kind === 'curve'
    ? rows.map((r) => ({ minute: String(r.key), viewers: formatCount(r.value) }))
    : rows.map((r) => ({ date: String(r.key), views: formatCount(r.value) }));
}
