import { bogotaToday } from '../../../domain/bogota-date';
import { parseExportDate } from '../../../domain/metrics-import-cells';
import {
  forumMetricsInputSchema,
  liveSummaryFigures,
  postCardFigures,
  sincePublicationFigures,
  type Figure,
  type LiveSummary,
  type MetricSource,
  type PostCard,
  type RetentionPoint,
  type SincePublication,
  type SnapshotKind,
} from '../../../domain/metrics';
import { formatCount, formatFigure, parseCount, parseFigure, toFigure, type ParseResult } from '../../../domain/metrics-format';
import type { MetricsIssue } from '../../../domain/metrics-rules';
import { i18next } from '../../i18n';

/**
 * The metrics form works on text (what the person typed or pasted) plus, for each figure, the figure that
 * text last parsed to, so `1,7 mil` keeps its margin after it is shown as `≈ 1.700`.
 */
export interface FigureValue {
  text: string;
  figure: Figure | null;
}

export interface CurveRow {
  minute: string;
  viewers: string;
}
export interface DailyRow {
  date: string;
  views: string;
}

interface SectionBase {
  /** false = "Sin datos": the snapshot was not taken (null). */
  taken: boolean;
  source: MetricSource;
  asOf: string;
}

export interface PostCardValues extends SectionBase {
  figures: Record<(typeof postCardFigures)[number], FigureValue>;
}
export interface LiveSummaryValues extends SectionBase {
  figures: Record<(typeof liveSummaryFigures)[number], FigureValue>;
  curve: CurveRow[];
}
export interface SincePublicationValues extends SectionBase {
  figures: Record<(typeof sincePublicationFigures)[number], FigureValue>;
  daily: DailyRow[];
  /** Not edited here (it comes from Meta's export); kept as saved. */
  retention: RetentionPoint[];
}

export interface MetricsFormValues {
  postCard: PostCardValues;
  liveSummary: LiveSummaryValues;
  sincePublication: SincePublicationValues;
}

export interface SavedMetrics {
  postCard: PostCard | null;
  liveSummary: LiveSummary | null;
  sincePublication: SincePublication | null;
}

export const sectionFigures = {
  postCard: postCardFigures,
  liveSummary: liveSummaryFigures,
  sincePublication: sincePublicationFigures,
} as const satisfies Record<SnapshotKind, readonly string[]>;

// ---------------------------------------------------------------------------------------------------------
// Parsing what people type

/** Reads a figure as typed: the domain's one reader (`parseFigure`, metrics-format.ts). */
export function parseFigureText(field: string, text: string): ParseResult {
  return parseFigure(field, text);
}

/** A figure value from typed text: the figure when it parses, null otherwise (empty or bad). */
export function figureValueFromText(field: string, text: string): FigureValue {
  if (text.trim() === '') return { text, figure: null };
  const parsed = parseFigureText(field, text);
  return { text, figure: parsed.ok ? toFigure(parsed) : null };
}

/** The Spanish message for a figure whose text does not parse, or null. */
export function figureError(field: string, value: FigureValue): string | null {
  if (value.figure || value.text.trim() === '') return null;
  const parsed = parseFigureText(field, value.text);
  return parsed.ok ? null : parsed.message;
}

export const formatFigureText = (field: string, figure: Figure | null): string => (figure ? formatFigure(field, figure) : '');

const figureValue = (field: string, figure: Figure | null | undefined): FigureValue => ({ text: formatFigureText(field, figure ?? null), figure: figure ?? null });

/** `5` → 5, `1:05` → 65 (h:mm), `1:05:30` → 65; null when not a minute. */
export function parseMinute(text: string): number | null {
  const t = text.trim();
  if (/^\d{1,6}$/.test(t)) return Number(t);
  const m = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m && Number(m[2]) < 60 && (m[3] === undefined || Number(m[3]) < 60)) return Number(m[1]) * 60 + Number(m[2]);
  return null;
}

/** `2022-06-22`, `22/06/2022`, `22 jun 2022` → `2022-06-22` (day first, as in Colombia); null otherwise. */
export const parseDay = (text: string): string | null => (text.trim() === '' ? null : parseExportDate(text.trim(), true));

export type CellResult = { ok: true; value: number | string } | { ok: false; message: string };

export function parseMinuteCell(text: string): CellResult {
  if (text.trim() === '') return { ok: false, message: i18next.t('metrics.series.required') };
  const minute = parseMinute(text);
  return minute === null ? { ok: false, message: i18next.t('metrics.series.badMinute', { text: text.trim() }) } : { ok: true, value: minute };
}

export function parseDateCell(text: string): CellResult {
  if (text.trim() === '') return { ok: false, message: i18next.t('metrics.series.required') };
  const day = parseDay(text);
  return day === null ? { ok: false, message: i18next.t('metrics.series.badDate', { text: text.trim() }) } : { ok: true, value: day };
}

export function parseCountCell(text: string): CellResult {
  if (text.trim() === '') return { ok: false, message: i18next.t('metrics.series.required') };
  const parsed = parseCount(text, { integer: false });
  return parsed.ok ? { ok: true, value: Math.round(parsed.value) } : { ok: false, message: parsed.message };
}

// ---------------------------------------------------------------------------------------------------------
// Saved metrics ⇄ form values

function figuresOf<F extends string>(fields: readonly F[], snapshot: Record<string, unknown> | null): Record<F, FigureValue> {
  const out = {} as Record<F, FigureValue>;
  for (const field of fields) out[field] = figureValue(field, (snapshot?.[field] as Figure | null | undefined) ?? null);
  return out;
}

/**
 * The form filled with saved metrics. A snapshot saved as not taken gets blank figures and "Sin datos" on; a forum
 * whose metrics were never saved (version 0) starts with every snapshot open, its figure fields usable at once (a
 * snapshot left blank is saved as not taken: see readForm).
 */
export function toFormValues(saved: SavedMetrics & { version?: number }, defaults: { liveAsOf?: string | null; today?: string } = {}): MetricsFormValues {
  const { postCard, liveSummary, sincePublication } = saved;
  // Today in the organisation's time zone (the form passes it; Bogotá's without one).
  const day = defaults.today ?? bogotaToday();
  const neverSaved = saved.version === 0;
  return {
    postCard: {
      taken: postCard !== null || neverSaved,
      source: postCard?.source ?? 'manual',
      asOf: postCard?.asOf ?? day,
      figures: figuresOf(postCardFigures, postCard),
    },
    liveSummary: {
      taken: liveSummary !== null || neverSaved,
      source: liveSummary?.source ?? 'manual',
      asOf: liveSummary?.asOf ?? defaults.liveAsOf ?? day,
      figures: figuresOf(liveSummaryFigures, liveSummary),
      curve: (liveSummary?.liveViewersCurve ?? []).map((p) => ({ minute: String(p.minute), viewers: formatCount(p.viewers) })),
    },
    sincePublication: {
      taken: sincePublication !== null || neverSaved,
      source: sincePublication?.source ?? 'manual',
      asOf: sincePublication?.asOf ?? day,
      figures: figuresOf(sincePublicationFigures, sincePublication),
      daily: (sincePublication?.dailyViews ?? []).map((p) => ({ date: p.date, views: formatCount(p.views) })),
      retention: sincePublication?.retentionCurve ?? [],
    },
  };
}

/** Problems found while reading the form, keyed by path (`liveSummary.views1m`, `liveSummary.liveViewersCurve.2.minute`). */
export type FieldErrors = Map<string, string>;

export interface ReadForm {
  /** The snapshots with every figure that parses (bad ones left out): what the rules and the save use. */
  metrics: SavedMetrics;
  errors: FieldErrors;
}

function readFigures(kind: SnapshotKind, fields: readonly string[], values: Record<string, FigureValue>, errors: FieldErrors) {
  const out: Record<string, Figure | null> = {};
  for (const field of fields) {
    const value = values[field];
    const error = value ? figureError(field, value) : null;
    if (error) errors.set(`${kind}.${field}`, error);
    out[field] = value?.figure ?? null;
  }
  return out;
}

function readSeries<Row, Point>(
  rows: Row[],
  path: string,
  errors: FieldErrors,
  cells: Array<[keyof Row & string, keyof Point & string, (text: string) => CellResult]>,
): Point[] {
  const points: Point[] = [];
  rows.forEach((row, i) => {
    const point: Record<string, unknown> = {};
    let ok = true;
    for (const [rowKey, pointKey, parse] of cells) {
      const result = parse(String(row[rowKey] ?? ''));
      if (result.ok) point[pointKey] = result.value;
      else {
        ok = false;
        errors.set(`${path}.${i}.${pointKey}`, result.message);
      }
    }
    if (ok) points.push(point as Point);
  });
  return points;
}

/** A snapshot section with nothing typed in it: no figure text, no series row (its source and date alone are no capture). */
function blankSection(section: { figures: Record<string, FigureValue>; curve?: CurveRow[]; daily?: DailyRow[]; retention?: RetentionPoint[] }): boolean {
  return (
    Object.values(section.figures).every((v) => v.text.trim() === '') &&
    (section.curve ?? []).length === 0 &&
    (section.daily ?? []).length === 0 &&
    (section.retention ?? []).length === 0
  );
}

/** Reads the form into snapshots (null where "Sin datos" or left blank), collecting the message of each bad entry. */
export function readForm(values: MetricsFormValues): ReadForm {
  const errors: FieldErrors = new Map();
  const postCard = { ...values.postCard, taken: values.postCard.taken && !blankSection(values.postCard) };
  const liveSummary = { ...values.liveSummary, taken: values.liveSummary.taken && !blankSection(values.liveSummary) };
  const sincePublication = { ...values.sincePublication, taken: values.sincePublication.taken && !blankSection(values.sincePublication) };
  const metrics: SavedMetrics = {
    postCard: postCard.taken
      ? ({ source: postCard.source, asOf: postCard.asOf, ...readFigures('postCard', postCardFigures, postCard.figures, errors) } as PostCard)
      : null,
    liveSummary: liveSummary.taken
      ? ({
          source: liveSummary.source,
          asOf: liveSummary.asOf,
          ...readFigures('liveSummary', liveSummaryFigures, liveSummary.figures, errors),
          liveViewersCurve: readSeries(liveSummary.curve, 'liveSummary.liveViewersCurve', errors, [
            ['minute', 'minute', parseMinuteCell],
            ['viewers', 'viewers', parseCountCell],
          ]),
        } as LiveSummary)
      : null,
    sincePublication: sincePublication.taken
      ? ({
          source: sincePublication.source,
          asOf: sincePublication.asOf,
          ...readFigures('sincePublication', sincePublicationFigures, sincePublication.figures, errors),
          dailyViews: readSeries(sincePublication.daily, 'sincePublication.dailyViews', errors, [
            ['date', 'date', parseDateCell],
            ['views', 'views', parseCountCell],
          ]),
          retentionCurve: sincePublication.retention,
        } as SincePublication)
      : null,
  };
  return { metrics, errors };
}

/**
 * The domain schema's own messages (a date out of range, a series out of order…) for metrics read from a
 * form with no bad entries, keyed by the form path (a figure's `.value` goes to the figure).
 */
export function schemaErrors(metrics: SavedMetrics): FieldErrors {
  const errors: FieldErrors = new Map();
  const result = forumMetricsInputSchema.safeParse(metrics);
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const key = formPath(issue.path.map(String).join('.'));
    if (!errors.has(key)) errors.set(key, issue.message);
  }
  return errors;
}

/** A server or schema path → the form path it is shown at (`liveSummary.views1m.value` → `liveSummary.views1m`). */
export function formPath(path: string): string {
  return path.replace(/\.(value|approximate|margin)$/, '');
}

/** A stable identity of one warning: the same rule on the same figures with the same numbers. */
export const warningKey = (issue: MetricsIssue) => `${issue.rule}|${issue.paths.join(',')}|${issue.message}`;
