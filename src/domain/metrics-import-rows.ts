import { numericDateParts } from './date-order';
import type { Figure, LiveSummary, LiveViewersPoint, PostCard, RetentionPoint, SincePublication } from './metrics';
import { parseDuration } from './metrics-format';
import { blank, isBlankRecord, lifetimeWords, normaliseText, parseCsvNumber, parseExportDate, plainDigits } from './metrics-import-cells';
import type { Column } from './metrics-import-columns';
import { importMessages, metricsImportLimits, type DateField, type ImportProblem, type ImportedRow, type ImportedValues, type MetricsImportFormat } from './metrics-import-model';

/**
 * Records of a recognised export → imported rows, per format: each cell read by metrics-import-cells.ts, a bad
 * cell left empty and reported by row (as data: the first metricsImportLimits.maxProblems, the rest counted).
 */

/** The problems of a file: the first metricsImportLimits.maxProblems, and how many more there were. */
export class Problems {
  readonly list: ImportProblem[] = [];
  more = 0;
  add(row: number | undefined, message: string) {
    if (this.list.length < metricsImportLimits.maxProblems) this.list.push(row === undefined ? { message } : { row, message });
    else this.more++;
  }
}

const exactFigure = (value: number): Figure => ({ value, approximate: false });

interface ProblemSink {
  add(row: number | undefined, message: string): void;
}

interface RowContext {
  cells: string[];
  rowNumber: number;
  problems: ProblemSink;
}

function cellOf(ctx: RowContext, column: Column | undefined): string {
  return column ? (ctx.cells[column.index] ?? '').trim() : '';
}

function readNumber(ctx: RowContext, column: Column | undefined, decimal = false): number | null {
  if (!column) return null;
  const raw = ctx.cells[column.index];
  if (raw === undefined) return null;
  const fast = plainDigits(raw);
  if (fast >= 0) return fast;
  const cell = raw.trim();
  if (cell === '') return null;
  const result = parseCsvNumber(cell, decimal);
  if (result === null) return null;
  if (!result.ok) {
    ctx.problems.add(ctx.rowNumber, result.negative ? importMessages.negative(column.header, cell) : importMessages.badNumber(column.header, cell));
    return null;
  }
  return result.value;
}

function readCount(ctx: RowContext, column: Column | undefined, decimal = false): Figure | null {
  const value = readNumber(ctx, column, decimal);
  return value === null ? null : exactFigure(Math.round(value));
}

/** A cell's date, or why it is not one: the order is the file's; a value that says the other one is refused rather than read the other way. */
function dateOf(cell: string, column: Column, dayFirst: boolean): { date: string } | { problem: string } {
  const parts = numericDateParts(cell);
  if (parts && (dayFirst ? parts[1] > 12 && parts[0] <= 12 : parts[0] > 12 && parts[1] <= 12)) return { problem: importMessages.mixedDateOrder(column.header, cell, dayFirst) };
  const date = parseExportDate(cell, dayFirst);
  return date ? { date } : { problem: importMessages.badDate(column.header, cell) };
}

/** Reads a date column, each distinct value once (exports repeat their dates), its problem reported on every row. */
function dateReader(column: Column | undefined, dayFirst: boolean): (cell: string, rowNumber: number, problems: ProblemSink) => string | undefined {
  const seen = new Map<string, { date: string } | { problem: string }>();
  return (cell, rowNumber, problems) => {
    if (!column || cell === '') return undefined;
    let read = seen.get(cell);
    if (!read) seen.set(cell, (read = dateOf(cell, column, dayFirst)));
    if ('date' in read) return read.date;
    problems.add(rowNumber, read.problem);
    return undefined;
  };
}

/** Drops undefined/null figures so a partial snapshot only carries what the file had. */
function compact<T extends object>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** A partial snapshot with at least one figure or series (more than its source and date), or undefined. */
const nonEmpty = <T extends object>(o: T): T | undefined => (Object.keys(o).some((k) => k !== 'source' && k !== 'asOf') ? o : undefined);

function byField(columns: Column[]): Map<string, Column> {
  return new Map(columns.map((c) => [c.field, c]));
}

/** Sets `key` only when there is a value, so partial snapshots carry only what the file had. */
function put(target: Record<string, unknown>, key: string, value: unknown) {
  if (value !== null && value !== undefined && value !== '') target[key] = value;
}


/** A Meta row read but for its dates (their order is known only at the end of the file). */
interface PendingMetaRow {
  rowNumber: number;
  /** The date cell, '' when empty or «lifetime». */
  dayCell: string;
  publishCell: string;
  permalink: string;
  title: string;
  durationSeconds: number | null;
  values: ImportedValues;
  /** The row's problems from its figures, then from its duration (reported after the publication date's). */
  figureProblems: string[] | null;
  durationProblems: string[] | null;
}

/** A row's problems, kept until its dates are read. */
class RowProblems implements ProblemSink {
  list: string[] | null = null;
  add(_row: number | undefined, message: string) {
    (this.list ??= []).push(message);
  }
}

/**
 * The Meta video export, read one record at a time as the CSV is split (`add`), so no record outlives its own
 * reading: each row's figures are read at once, its dates at the end (`finish`), when the whole file has said
 * their order. The rows and problems are those of reading all records in one pass, in the same order.
 */
export function metaRowReader(columns: Column[], problems: Problems, asOf: string | undefined) {
  const col = byField(columns);
  const retention = columns
    .filter((c) => c.field.startsWith('retention.'))
    .map((c) => ({ index: c.index, column: c, interval: Number(c.field.slice('retention.'.length)) }))
    .sort((a, b) => a.interval - b.interval);
  const [dateCol, permalinkCol, titleCol, publishCol, durationCol] = (['date', 'permalink', 'title', 'publishTime', 'durationSeconds'] as const).map((k) => col.get(k));
  const sinceFields = (['views3s', 'views15s', 'views1m', 'viewers3s', 'viewers1m', 'totalWatchSeconds', 'interactions', 'reach'] as const).map((k) => [k, col.get(k)] as const).filter(([, c]) => c);
  const cardFields = (['reactions', 'comments', 'shares', 'reach', 'interactions', 'views3s'] as const).map((k) => [k, col.get(k)] as const).filter(([, c]) => c);
  const avgCol = col.get('avgWatchSeconds');
  const lifetime = new Map<string, boolean>();
  const isLifetime = (cell: string) => lifetime.get(cell) ?? lifetime.set(cell, lifetimeWords.has(normaliseText(cell))).get(cell)!;
  const pending: PendingMetaRow[] = [];
  const curveIntervals = new Float64Array(retention.length);
  const curveValues = new Float64Array(retention.length);
  // Retention points are values: one object per (interval, whole percent) for the whole file, shared by the rows
  // that have it (410.000 points of a 10.000-row export are a few thousand distinct ones). Nothing changes a point.
  const points = new Map<number, RetentionPoint>();
  const point = (interval: number, percent: number): RetentionPoint => {
    if (!Number.isInteger(percent) || percent < 0 || percent > 100_000 || interval >= 1000) return { interval, percent };
    const key = percent * 1000 + interval;
    let shared = points.get(key);
    if (!shared) points.set(key, (shared = { interval, percent }));
    return shared;
  };
  const figureProblems = new RowProblems();
  const durationProblems = new RowProblems();

  const add = (cells: string[], r: number) => {
    if (isBlankRecord(cells)) return;
    const ctx: RowContext = { cells, rowNumber: r + 1, problems: figureProblems };
    figureProblems.list = null;
    durationProblems.list = null;
    const dateCell = cellOf(ctx, dateCol);
    const since: Record<string, unknown> = { source: 'meta_csv' };
    const card: Record<string, unknown> = { source: 'meta_csv' };
    if (asOf) since.asOf = card.asOf = asOf;
    const read: Record<string, Figure | null> = {};
    let sinceFigures = 0;
    let cardFigures = 0;
    for (const [field, column] of sinceFields) {
      const figure = (read[field] = readCount(ctx, column));
      if (figure) {
        since[field] = figure;
        sinceFigures++;
      }
    }
    const avg = readCount(ctx, avgCol, true);
    if (avg) {
      since.avgWatchSeconds = avg;
      sinceFigures++;
    }
    // Reach, interactions and 3-second views appear on both screens: read (and reported) once, the figure shared.
    for (const [field, column] of cardFields) {
      const figure = field in read ? read[field] : readCount(ctx, column);
      if (figure) {
        card[field] = figure;
        cardFigures++;
      }
    }
    if (retention.length > 0) {
      let n = 0;
      let fractions = true;
      for (let k = 0; k < retention.length; k++) {
        const { index, column, interval } = retention[k];
        const raw = cells[index];
        const digits = raw === undefined ? -1 : plainDigits(raw);
        const value = digits >= 0 ? digits : readNumber(ctx, column, true);
        if (value === null) continue;
        if (value > 1) fractions = false;
        curveIntervals[n] = interval;
        curveValues[n++] = value;
      }
      if (n > 0) {
        const curve: RetentionPoint[] = new Array(n);
        // Meta's API gives retention as fractions (0–1); exports re-saved from it can too: scale to percent.
        for (let i = 0; i < n; i++) curve[i] = point(curveIntervals[i], fractions ? Math.round(curveValues[i] * 10000) / 100 : curveValues[i]);
        since.retentionCurve = curve;
        sinceFigures++;
      }
    }
    const values: ImportedValues = {};
    if (sinceFigures > 0) values.sincePublication = since as Partial<SincePublication>;
    if (cardFigures > 0) values.postCard = card as Partial<PostCard>;
    const rowFigureProblems = figureProblems.list;
    const duration = readNumber({ cells, rowNumber: r + 1, problems: durationProblems }, durationCol, true);
    pending.push({
      rowNumber: r + 1,
      dayCell: dateCell !== '' && !isLifetime(dateCell) ? dateCell : '',
      publishCell: cellOf(ctx, publishCol),
      permalink: cellOf(ctx, permalinkCol),
      title: cellOf(ctx, titleCol),
      durationSeconds: duration === null ? null : Math.round(duration),
      values,
      figureProblems: rowFigureProblems,
      durationProblems: durationProblems.list,
    });
  };

  const finish = (dayFirstOf: DayFirstOf): ImportedRow[] => {
    const readDay = dateReader(dateCol, dayFirstOf('date'));
    const readPublished = dateReader(publishCol, dayFirstOf('publishTime'));
    const rows: ImportedRow[] = [];
    for (const p of pending) {
      let day: string | undefined;
      if (p.dayCell !== '') {
        // A row whose date cannot be read is left out, with that one problem.
        day = readDay(p.dayCell, p.rowNumber, problems);
        if (!day) continue;
      }
      if (p.figureProblems) for (const message of p.figureProblems) problems.add(p.rowNumber, message);
      const row: ImportedRow = { rowNumber: p.rowNumber, values: p.values };
      const target = row as unknown as Record<string, unknown>;
      put(target, 'permalink', p.permalink);
      put(target, 'title', p.title);
      put(target, 'publishDate', readPublished(p.publishCell, p.rowNumber, problems));
      put(target, 'day', day);
      put(target, 'asOf', day);
      if (p.durationProblems) for (const message of p.durationProblems) problems.add(p.rowNumber, message);
      put(target, 'durationSeconds', p.durationSeconds);
      rows.push(row);
    }
    pending.length = 0;
    return rows;
  };

  return { add, finish };
}

function parseMetaRows(records: string[][], columns: Column[], dayFirstOf: DayFirstOf, problems: Problems, asOf: string | undefined): ImportedRow[] {
  const reader = metaRowReader(columns, problems, asOf);
  for (let r = 1; r < records.length; r++) reader.add(records[r], r);
  return reader.finish(dayFirstOf);
}

function optional<K extends string, V>(key: K, value: V | undefined | ''): { [P in K]?: V } {
  return value === undefined || value === '' ? {} : ({ [key]: value } as { [P in K]: V });
}

function parseYoutubeTableRows(records: string[][], columns: Column[], dayFirstOf: DayFirstOf, problems: Problems, asOf: string | undefined): ImportedRow[] {
  const col = byField(columns);
  const base = asOf ? { source: 'youtube_csv' as const, asOf } : { source: 'youtube_csv' as const };
  const publishColumn = col.get('publishTime');
  const readPublished = dateReader(publishColumn, dayFirstOf('publishTime'));
  const rows: ImportedRow[] = [];
  for (let r = 1; r < records.length; r++) {
    if (isBlankRecord(records[r])) continue;
    const ctx: RowContext = { cells: records[r], rowNumber: r + 1, problems };
    const content = cellOf(ctx, col.get('videoId'));
    // The first data row adds up every video: not a video of its own.
    if (normaliseText(content) === 'total') continue;
    let totalWatchSeconds: Figure | null = null;
    const hoursColumn = col.get('watchTimeHours');
    const hoursCell = cellOf(ctx, hoursColumn);
    const hours = readNumber(ctx, hoursColumn, true);
    if (hours !== null) {
      // Hours with few decimals are rounded: 1,5 h is 5.400 s ± 180 s.
      const decimals = (/[.,](\d+)$/.exec(hoursCell)?.[1].length ?? 0);
      const margin = Math.round((0.5 / 10 ** decimals) * 3600);
      totalWatchSeconds = margin > 1 ? { value: Math.round(hours * 3600), approximate: true, margin } : exactFigure(Math.round(hours * 3600));
    }
    let avgWatchSeconds: Figure | null = null;
    const avgColumn = col.get('avgViewDuration');
    const avgCell = cellOf(ctx, avgColumn);
    if (avgColumn && avgCell !== '' && !blank.test(avgCell)) {
      const parsed = parseDuration(avgCell);
      if (parsed.ok) avgWatchSeconds = exactFigure(Math.round(parsed.value));
      else problems.add(ctx.rowNumber, importMessages.badDuration(avgColumn.header, avgCell));
    }
    let duration: number | undefined;
    const durationColumn = col.get('durationSeconds');
    const durationCell = cellOf(ctx, durationColumn);
    if (durationColumn && durationCell !== '' && !blank.test(durationCell)) {
      const parsed = parseDuration(durationCell);
      if (parsed.ok) duration = Math.round(parsed.value);
      else problems.add(ctx.rowNumber, importMessages.badDuration(durationColumn.header, durationCell));
    }
    const card = compact({
      ...base,
      plays: readCount(ctx, col.get('plays')),
      reactions: readCount(ctx, col.get('likes')),
      comments: readCount(ctx, col.get('comments')),
      shares: readCount(ctx, col.get('shares')),
    }) as Partial<PostCard>;
    const since = compact({ ...base, totalWatchSeconds, avgWatchSeconds }) as Partial<SincePublication>;
    rows.push({
      rowNumber: r + 1,
      ...optional('permalink', /^[\w-]{6,}$/.test(content) ? `https://www.youtube.com/watch?v=${content}` : undefined),
      ...optional('title', cellOf(ctx, col.get('title'))),
      ...optional('publishDate', readPublished(cellOf(ctx, publishColumn), ctx.rowNumber, problems)),
      ...optional('durationSeconds', duration),
      values: compact({ postCard: nonEmpty(card), sincePublication: nonEmpty(since) }) as ImportedValues,
    });
  }
  return rows;
}

function parseYoutubeLive(records: string[][], columns: Column[], problems: Problems, asOf: string | undefined): ImportedRow[] {
  const col = byField(columns);
  const perMinute = new Map<number, number>();
  let sum = 0;
  let samples = 0;
  let peak = 0;
  let reportedAverage: number | null = null;
  for (let r = 1; r < records.length; r++) {
    if (isBlankRecord(records[r])) continue;
    const ctx: RowContext = { cells: records[r], rowNumber: r + 1, problems };
    const position = readNumber(ctx, col.get('streamPositionSeconds'), true);
    const viewers = readNumber(ctx, col.get('concurrentViewers'), true);
    const average = readNumber(ctx, col.get('avgConcurrentViewers'), true);
    if (average !== null) reportedAverage = average;
    if (position === null || viewers === null) continue;
    const minute = Math.floor(position / 60);
    const v = Math.round(viewers);
    // One point per minute: the highest concurrency of that minute, so the curve's top is the peak.
    perMinute.set(minute, Math.max(perMinute.get(minute) ?? 0, v));
    sum += v;
    samples++;
    peak = Math.max(peak, v);
  }
  if (samples === 0) {
    problems.add(undefined, importMessages.noCurve);
    return [];
  }
  const curve: LiveViewersPoint[] = [...perMinute.entries()].sort((a, b) => a[0] - b[0]).map(([minute, viewers]) => ({ minute, viewers }));
  // The export's "Average concurrent viewers" (last value given) wins over the mean of the samples.
  const avgConcurrentViewers: Figure = reportedAverage !== null ? exactFigure(Math.round(reportedAverage)) : { value: Math.round(sum / samples), approximate: true };
  const live = compact({
    source: 'youtube_csv' as const,
    asOf,
    peakLiveViewers: exactFigure(peak),
    avgConcurrentViewers,
    liveViewersCurve: curve,
  }) as Partial<LiveSummary>;
  return [{ rowNumber: 2, values: { liveSummary: live } }];
}

export type DayFirstOf = (field: DateField) => boolean;

/** The imported rows of a recognised file's records (record 0 is the header). */
export function parseRows(format: MetricsImportFormat, records: string[][], columns: Column[], dayFirstOf: DayFirstOf, problems: Problems, asOf: string | undefined): ImportedRow[] {
  if (format === 'meta_video') return parseMetaRows(records, columns, dayFirstOf, problems, asOf);
  if (format === 'youtube_table') return parseYoutubeTableRows(records, columns, dayFirstOf, problems, asOf);
  return parseYoutubeLive(records, columns, problems, asOf);
}
