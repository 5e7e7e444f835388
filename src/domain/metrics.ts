import { z } from 'zod';
import { isoDate } from './common';

/**
 * The three metric snapshots a forum report uses (reference/livestream-metrics.md): the post card, the
 * live summary at the end of the broadcast and the "since publication" performance weeks later. They are
 * different moments and are stored apart, each with its source and the date it was taken.
 */

export const metricSources = ['manual', 'meta_csv', 'youtube_csv', 'api'] as const;
export type MetricSource = (typeof metricSources)[number];

export const snapshotKinds = ['postCard', 'liveSummary', 'sincePublication'] as const;
export type SnapshotKind = (typeof snapshotKinds)[number];

export const metricsLimits = {
  /** plays, people, reactions… (more than anyone on Earth can produce on one post). */
  count: 10_000_000_000,
  /** a broadcast or an average watch time: 30 days. */
  durationSeconds: 30 * 24 * 3600,
  /** total time watched, in seconds. */
  totalSeconds: 1_000_000_000_000,
  /** points in any series (daily views, live curve, retention). */
  seriesPoints: 100_000,
  /** last minute of a live curve: 30 days. */
  curveMinute: 30 * 24 * 60,
  /** a retention interval index (Meta uses 0–40). */
  retentionInterval: 1000,
  /** retention percentage: Meta stays within 0–100; YouTube's audience watch ratio can exceed 100 %. */
  retentionPercent: 1000,
} as const;

export const metricsMessages = {
  count: (max: number) => `Escriba un número entero entre 0 y ${max.toLocaleString('es-CO')}.`,
  seconds: 'Escriba una duración válida, en segundos enteros (0 o más).',
  approximate: 'Indique si la cifra es aproximada.',
  margin: 'El margen de una cifra aproximada debe ser un número entero de 0 o más.',
  marginOnlyApproximate: 'Solo una cifra aproximada puede tener margen.',
  source: 'Elija el origen: manual, CSV de Meta, CSV de YouTube o API.',
  minute: 'El minuto debe ser un número entero de 0 o más.',
  percent: 'El porcentaje debe estar entre 0 y 1.000.',
  interval: 'El intervalo debe ser un número entero de 0 o más.',
  tooManyPoints: (max: number) => `Máximo ${max.toLocaleString('es-CO')} puntos en la serie.`,
  unorderedDates: 'Las fechas de la serie diaria deben ir en orden y sin repetirse.',
  unorderedMinutes: 'Los minutos de la curva deben ir en orden y sin repetirse.',
  unorderedIntervals: 'Los intervalos de la curva de retención deben ir en orden y sin repetirse.',
  dateAfterAsOf: 'La serie diaria no puede tener fechas posteriores a la fecha de corte.',
} as const;

const int = (max: number, message: string) =>
  z.number({ error: message }).int({ error: message }).min(0, { error: message }).max(max, { error: message });

/**
 * One figure as read from a screen or a file. `null` = unknown or not shown. A compact figure such as
 * `1,7 mil` is `{ value: 1700, approximate: true, margin: 50 }`: the true value lies within value ± margin.
 * Without a margin, an approximate figure is taken to be within 5 % (any two-digit compact figure is).
 */
export function figureSchema(max: number = metricsLimits.count, message: string = metricsMessages.count(max)) {
  return z
    .strictObject({
      value: int(max, message),
      approximate: z.boolean({ error: metricsMessages.approximate }),
      margin: int(max, metricsMessages.margin).optional(),
    })
    .superRefine((figure, ctx) => {
      if (figure.margin !== undefined && figure.margin > 0 && !figure.approximate) {
        ctx.addIssue({ code: 'custom', path: ['margin'], message: metricsMessages.marginOnlyApproximate });
      }
    })
    .nullable()
    .default(null);
}

export interface Figure {
  value: number;
  approximate: boolean;
  margin?: number;
}

/** An exact figure. */
export const exact = (value: number): Figure => ({ value, approximate: false });
/** An approximate figure, e.g. `approx(1700, 50)` for `1,7 mil`. */
export const approx = (value: number, margin?: number): Figure => (margin === undefined ? { value, approximate: true } : { value, approximate: true, margin });

const countFigure = () => figureSchema(metricsLimits.count);
const durationFigure = () => figureSchema(metricsLimits.durationSeconds, metricsMessages.seconds);
const totalSecondsFigure = () => figureSchema(metricsLimits.totalSeconds, metricsMessages.seconds);

const source = z.enum(metricSources, { error: metricsMessages.source });

function series<T extends z.ZodTypeAny>(point: T) {
  return z
    .array(point)
    .max(metricsLimits.seriesPoints, { error: metricsMessages.tooManyPoints(metricsLimits.seriesPoints) })
    .default([]);
}

/** Index of the first point whose key is not strictly greater than the previous one, or -1. */
function firstUnordered<T>(points: T[], key: (p: T) => number | string): number {
  for (let i = 1; i < points.length; i++) if (key(points[i]) <= key(points[i - 1])) return i;
  return -1;
}

export const dailyViewsPointSchema = z.strictObject({
  date: isoDate,
  views: int(metricsLimits.count, metricsMessages.count(metricsLimits.count)),
});
export type DailyViewsPoint = z.infer<typeof dailyViewsPointSchema>;

export const liveViewersPointSchema = z.strictObject({
  minute: int(metricsLimits.curveMinute, metricsMessages.minute),
  viewers: int(metricsLimits.count, metricsMessages.count(metricsLimits.count)),
});
export type LiveViewersPoint = z.infer<typeof liveViewersPointSchema>;

export const retentionPointSchema = z.strictObject({
  interval: int(metricsLimits.retentionInterval, metricsMessages.interval),
  percent: z
    .number({ error: metricsMessages.percent })
    .min(0, { error: metricsMessages.percent })
    .max(metricsLimits.retentionPercent, { error: metricsMessages.percent }),
});
export type RetentionPoint = z.infer<typeof retentionPointSchema>;

const snapshotBase = {
  source,
  asOf: isoDate,
};

/** The published video post: reactions, comments, plays of any length, reach, interactions, 3-second views. */
export const postCardSchema = z.strictObject({
  ...snapshotBase,
  plays: countFigure(),
  reactions: countFigure(),
  comments: countFigure(),
  shares: countFigure(),
  reach: countFigure(),
  interactions: countFigure(),
  views3s: countFigure(),
});
export type PostCard = z.output<typeof postCardSchema>;

/** "Resumen de la transmisión en vivo", measured at the end of the broadcast. */
export const liveSummarySchema = z
  .strictObject({
    ...snapshotBase,
    broadcastSeconds: durationFigure(),
    peakLiveViewers: countFigure(),
    /** YouTube only (live viewership export / Analytics API); Meta does not show it. */
    avgConcurrentViewers: countFigure(),
    reactions: countFigure(),
    comments: countFigure(),
    shares: countFigure(),
    views3s: countFigure(),
    views1m: countFigure(),
    avgWatchSeconds: durationFigure(),
    totalWatchSeconds: totalSecondsFigure(),
    liveViewersCurve: series(liveViewersPointSchema),
  })
  .superRefine((snapshot, ctx) => {
    const i = firstUnordered(snapshot.liveViewersCurve, (p) => p.minute);
    if (i >= 0) ctx.addIssue({ code: 'custom', path: ['liveViewersCurve', i, 'minute'], message: metricsMessages.unorderedMinutes });
  });
export type LiveSummary = z.output<typeof liveSummarySchema>;

/** "Rendimiento desde que se publicó", measured weeks later (`asOf`). */
export const sincePublicationSchema = z
  .strictObject({
    ...snapshotBase,
    views3s: countFigure(),
    views15s: countFigure(),
    views1m: countFigure(),
    viewers3s: countFigure(),
    /** "Espectadores de 1 minuto": in Meta's CSV, not on the screen the 2022 report copied. */
    viewers1m: countFigure(),
    avgWatchSeconds: durationFigure(),
    totalWatchSeconds: totalSecondsFigure(),
    interactions: countFigure(),
    reach: countFigure(),
    dailyViews: series(dailyViewsPointSchema),
    retentionCurve: series(retentionPointSchema),
  })
  .superRefine((snapshot, ctx) => {
    const d = firstUnordered(snapshot.dailyViews, (p) => p.date);
    if (d >= 0) ctx.addIssue({ code: 'custom', path: ['dailyViews', d, 'date'], message: metricsMessages.unorderedDates });
    const late = snapshot.dailyViews.findIndex((p) => p.date > snapshot.asOf);
    if (late >= 0) ctx.addIssue({ code: 'custom', path: ['dailyViews', late, 'date'], message: metricsMessages.dateAfterAsOf });
    const r = firstUnordered(snapshot.retentionCurve, (p) => p.interval);
    if (r >= 0) ctx.addIssue({ code: 'custom', path: ['retentionCurve', r, 'interval'], message: metricsMessages.unorderedIntervals });
  });
export type SincePublication = z.output<typeof sincePublicationSchema>;

/** Input form of a snapshot: figures may be omitted (= null) and series omitted (= []). */
export type PostCardInput = z.input<typeof postCardSchema>;
export type LiveSummaryInput = z.input<typeof liveSummarySchema>;
export type SincePublicationInput = z.input<typeof sincePublicationSchema>;

/** Figure fields of each snapshot, in display order (for forms, tables and the import mapping). */
export const postCardFigures = ['plays', 'reactions', 'comments', 'shares', 'reach', 'interactions', 'views3s'] as const;
export const liveSummaryFigures = [
  'broadcastSeconds',
  'peakLiveViewers',
  'avgConcurrentViewers',
  'reactions',
  'comments',
  'shares',
  'views3s',
  'views1m',
  'avgWatchSeconds',
  'totalWatchSeconds',
] as const;
export const sincePublicationFigures = [
  'views3s',
  'views1m',
  'avgWatchSeconds',
  'interactions',
  'totalWatchSeconds',
  'views15s',
  'viewers3s',
  'viewers1m',
  'reach',
] as const;
export type PostCardFigure = (typeof postCardFigures)[number];
export type LiveSummaryFigure = (typeof liveSummaryFigures)[number];
export type SincePublicationFigure = (typeof sincePublicationFigures)[number];

/**
 * How each kind of figure is shown, the same on every screen and export (metrics-format.ts `formatFigure`):
 * a count (`12.345`, `≈ 1.700`), a broadcast length as a clock (`01:11:33`), an average watch time as m:ss
 * (`2:42`) and a time watched in minutes, as its label says (`627 min`, `549 min 57 s`, `≈ 1.700 min`).
 */
export type FigureUnit = 'count' | 'duration' | 'minSec' | 'minutes';
export const figureUnits: Record<string, FigureUnit> = {
  broadcastSeconds: 'duration',
  totalWatchSeconds: 'minutes',
  avgWatchSeconds: 'minSec',
};
export const figureUnit = (field: string): FigureUnit => figureUnits[field] ?? 'count';

/** Spanish labels, as Meta's screens word them (sentence case, for forms and tables). */
export const figureLabels: Record<PostCardFigure | LiveSummaryFigure | SincePublicationFigure, string> = {
  plays: 'Reproducciones',
  reactions: 'Reacciones',
  comments: 'Comentarios',
  shares: 'Veces compartido',
  reach: 'Personas alcanzadas',
  interactions: 'Interacciones (reacciones, comentarios y veces compartido)',
  views3s: 'Reproducciones de video de 3 segundos',
  views15s: 'Reproducciones de video de 15 segundos',
  views1m: 'Reproducciones de video de 1 minuto',
  viewers3s: 'Espectadores de 3 segundos',
  viewers1m: 'Espectadores de 1 minuto',
  broadcastSeconds: 'Duración de la transmisión',
  peakLiveViewers: 'Número máximo de espectadores en vivo',
  avgConcurrentViewers: 'Promedio de espectadores simultáneos',
  avgWatchSeconds: 'Promedio de minutos reproducidos',
  totalWatchSeconds: 'Minutos reproducidos',
};

export const snapshotLabels: Record<SnapshotKind, string> = {
  postCard: 'Publicación',
  liveSummary: 'Resumen de la transmisión en vivo',
  sincePublication: 'Rendimiento desde la publicación',
};

/** What a person (or an import) saves for a forum: each snapshot or null when not taken. */
export const forumMetricsInputSchema = z.strictObject({
  postCard: postCardSchema.nullable(),
  liveSummary: liveSummarySchema.nullable(),
  sincePublication: sincePublicationSchema.nullable(),
});
export type ForumMetricsInput = z.output<typeof forumMetricsInputSchema>;
/** The body as sent (figures and series may be omitted). */
export type ForumMetricsInputBody = z.input<typeof forumMetricsInputSchema>;

/* The PUT body (snapshots, version, acknowledged warnings) is `forumMetricsUpdateSchema` in metrics-update.ts: it needs the rule ids of metrics-rules.ts, which imports this file. */

/** The stored metrics of one forum; version 0 = never saved. */
export interface ForumMetrics extends ForumMetricsInput {
  forumId: number;
  version: number;
}

/** Blank snapshots, every figure unknown. */
export function emptyLiveSummary(asOf: string, src: MetricSource = 'manual'): LiveSummary {
  return liveSummarySchema.parse({ source: src, asOf });
}
export function emptySincePublication(asOf: string, src: MetricSource = 'manual'): SincePublication {
  return sincePublicationSchema.parse({ source: src, asOf });
}
