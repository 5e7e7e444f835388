import type { Figure, LiveSummary, PostCard, SincePublication, SnapshotKind } from './metrics';
import { formatCount, formatFigure, formatPercent, formatWatchMinutes } from './metrics-format';

/**
 * Consistency rules of reference/livestream-metrics.md. Rules 1–5 block (the numbers cannot be true),
 * rules 6–11 warn (usually true; the person confirms). A rule that would block but whose figures are
 * approximate and could agree within their rounding (1,7 mil = 1.650–1.750) only warns.
 * Pure functions: the client runs them as the person types, the server before saving.
 */

export type RuleSeverity = 'block' | 'warn';

export const metricsRuleIds = [
  'views-nested',
  'viewers-within-views',
  'time-watched-minimum',
  'non-negative',
  'concurrent-within-peak',
  'interactions-sum',
  'average-times-views',
  'peak-within-viewers',
  'average-within-broadcast',
  'series-match-totals',
  'since-publication-not-lower',
] as const;
export type MetricsRuleId = (typeof metricsRuleIds)[number];

/** Each rule with its number in the reference, its severity and a one-line Spanish description. */
export const metricsRules: Record<MetricsRuleId, { number: number; severity: RuleSeverity; description: string }> = {
  'views-nested': { number: 1, severity: 'block', description: 'Reproducciones de 1 minuto ≤ de 15 segundos ≤ de 3 segundos.' },
  'viewers-within-views': { number: 2, severity: 'block', description: 'Los espectadores no pueden superar las reproducciones del mismo umbral.' },
  'time-watched-minimum': { number: 3, severity: 'block', description: 'El tiempo reproducido alcanza al menos 1 minuto por reproducción de 1 minuto y 3 segundos por reproducción de 3 segundos.' },
  'non-negative': { number: 4, severity: 'block', description: 'Ninguna cifra es negativa; la retención de Meta va de 0 a 100 %.' },
  'concurrent-within-peak': { number: 5, severity: 'block', description: 'El promedio de espectadores simultáneos no supera el máximo.' },
  'interactions-sum': { number: 6, severity: 'warn', description: 'Las interacciones se parecen a la suma de reacciones, comentarios y veces compartido.' },
  'average-times-views': { number: 7, severity: 'warn', description: 'El promedio reproducido por las reproducciones de 3 segundos no supera el tiempo reproducido.' },
  'peak-within-viewers': { number: 8, severity: 'warn', description: 'El máximo de espectadores en vivo no supera a los espectadores de 3 segundos.' },
  'average-within-broadcast': { number: 9, severity: 'warn', description: 'El promedio reproducido no supera la duración de la transmisión.' },
  'series-match-totals': { number: 10, severity: 'warn', description: 'Las series suman o alcanzan lo mismo que las cifras totales.' },
  'since-publication-not-lower': { number: 11, severity: 'warn', description: 'Las cifras acumuladas no bajan entre el vivo y las capturas posteriores.' },
};

export interface MetricsIssue {
  rule: MetricsRuleId;
  severity: RuleSeverity;
  /** Dotted paths of the figures involved, e.g. `liveSummary.views1m`. */
  paths: string[];
  message: string;
}

type Loose<T> = { [K in keyof T]?: T[K] | null };
/** What the rules read: saved metrics or a half-filled form (any figure may be missing). */
export interface MetricsRulesInput {
  postCard?: Loose<PostCard> | null;
  liveSummary?: Loose<LiveSummary> | null;
  sincePublication?: Loose<SincePublication> | null;
}

/** How far an approximate figure without a margin may be off: any two-significant-digit compact figure is within 5 %. */
export const defaultApproximateShare = 0.05;

/** The interval the true value lies in: [value, value] when exact, value ± margin when approximate. */
export function figureRange(figure: Figure): { min: number; max: number } {
  if (!figure.approximate) return { min: figure.value, max: figure.value };
  const margin = figure.margin ?? Math.ceil(Math.abs(figure.value) * defaultApproximateShare);
  return { min: figure.value - margin, max: figure.value + margin };
}

const snapshotPhrases: Record<SnapshotKind, string> = {
  postCard: 'Publicación',
  liveSummary: 'Resumen de la transmisión en vivo',
  sincePublication: 'Rendimiento desde la publicación',
};

/** Spanish phrases for the figures inside a sentence. */
const phrases: Record<string, string> = {
  plays: 'las reproducciones',
  reactions: 'las reacciones',
  comments: 'los comentarios',
  shares: 'las veces compartido',
  reach: 'las personas alcanzadas',
  interactions: 'las interacciones',
  views3s: 'las reproducciones de 3 segundos',
  views15s: 'las reproducciones de 15 segundos',
  views1m: 'las reproducciones de 1 minuto',
  viewers3s: 'los espectadores de 3 segundos',
  viewers1m: 'los espectadores de 1 minuto',
  broadcastSeconds: 'la duración de la transmisión',
  peakLiveViewers: 'el número máximo de espectadores en vivo',
  avgConcurrentViewers: 'el promedio de espectadores simultáneos',
  avgWatchSeconds: 'el promedio de minutos reproducidos',
  totalWatchSeconds: 'los minutos reproducidos',
};

const withSnapshot = (kind: SnapshotKind, sentence: string) => `${snapshotPhrases[kind]}: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
const roundingNote = ' Las cifras son aproximadas y la diferencia cabe en el redondeo: confírmelas o escriba las exactas.';

/** Spanish messages of the rules; every figure is formatted es-CO. */
export const metricsRuleMessages = {
  viewsNested: (smaller: string, a: string, larger: string, b: string) =>
    `Las reproducciones de ${smaller} (${a}) no pueden superar las de ${larger} (${b}).`,
  viewersWithinViews: (threshold: string, a: string, b: string) =>
    `Los espectadores de ${threshold} (${a}) no pueden superar las reproducciones de ${threshold} (${b}): cada espectador cuenta al menos una reproducción.`,
  timeWatchedMinimum: (total: string, each: string, threshold: string, views: string, eachShort: string, product: string) =>
    `El tiempo reproducido (${total}) no puede ser menor que ${each} por cada reproducción de ${threshold} (${views} × ${eachShort} = ${product}).`,
  negative: (phrase: string, value: string) => `El valor de ${phrase} no puede ser negativo (${value}).`,
  retentionRange: (interval: number, percent: string) => `La curva de retención de Meta va de 0 a 100 %: el intervalo ${interval} tiene ${percent}.`,
  concurrentWithinPeak: (avg: string, peak: string) =>
    `El promedio de espectadores simultáneos (${avg}) no puede superar el máximo de espectadores en vivo (${peak}).`,
  interactionsSum: (interactions: string, sum: string) =>
    `Las interacciones (${interactions}) no coinciden con la suma de reacciones, comentarios y veces compartido (${sum}). Meta cuenta de otra forma las reacciones en publicaciones compartidas; confirme las cifras.`,
  interactionsBelowParts: (interactions: string, parts: string, sum: string) =>
    `Las interacciones (${interactions}) son menos que la suma de ${parts} (${sum}); confirme las cifras.`,
  averageTimesViews: (avg: string, views: string, product: string, total: string) =>
    `El promedio de minutos reproducidos (${avg}) por las reproducciones de 3 segundos (${views}) da ${product}, más que los minutos reproducidos (${total}). Meta divide entre todas las reproducciones; confirme las cifras.`,
  peakWithinViewers: (peak: string, otherPhrase: string, other: string) =>
    `El número máximo de espectadores en vivo (${peak}) supera ${otherPhrase} (${other}); las cifras vienen de pantallas distintas, confírmelas.`,
  averageWithinBroadcast: (avg: string, broadcast: string) =>
    `El promedio de minutos reproducidos (${avg}) supera la duración de la transmisión (${broadcast}); puede pasar con repeticiones, confírmelo.`,
  dailySum: (sum: string, days: number, total: string) =>
    `La serie diaria suma ${sum} reproducciones en ${days} días, pero las reproducciones de 3 segundos son ${total}.`,
  curvePeak: (curveMax: string, peak: string) =>
    `La curva de espectadores en vivo llega a ${curveMax}, más que el número máximo de espectadores en vivo (${peak}).`,
  notLower: (laterLabel: string, phrase: string, later: string, live: string) =>
    `${laterLabel}: ${phrase} (${later}) son menos que en el resumen en vivo (${live}), y solo pueden crecer.`,
  asOfOrder: (laterLabel: string, later: string, live: string) =>
    `${laterLabel}: la fecha de corte (${later}) es anterior a la del resumen en vivo (${live}).`,
} as const;

const thresholdWords: Record<string, string> = { views3s: '3 segundos', views15s: '15 segundos', views1m: '1 minuto', viewers3s: '3 segundos', viewers1m: '1 minuto' };

type Snap = Record<string, unknown> | null | undefined;

function fig(snapshot: Snap, field: string): Figure | null {
  const value = snapshot?.[field] as Figure | null | undefined;
  return value && typeof value.value === 'number' && Number.isFinite(value.value) ? value : null;
}

type Comparison = 'ok' | 'rounding' | 'violated';

/** Is `a × ka ≤ b × kb`? `rounding` when only the approximate ranges make it possible. */
function lessOrEqual(a: Figure, b: Figure, ka = 1, kb = 1, slack = 0): Comparison {
  if (a.value * ka <= b.value * kb + slack) return 'ok';
  if (figureRange(a).min * ka <= figureRange(b).max * kb + slack) return 'rounding';
  return 'violated';
}

class Collector {
  readonly issues: MetricsIssue[] = [];

  /** Adds an issue of a blocking rule: blocks when violated, warns when only rounding reconciles it. */
  block(rule: MetricsRuleId, result: Comparison, paths: string[], message: string) {
    if (result === 'violated') this.issues.push({ rule, severity: 'block', paths, message });
    else if (result === 'rounding') this.issues.push({ rule, severity: 'warn', paths, message: message + roundingNote });
  }

  /** Adds an issue of a warning rule: silent when the rounding of approximate figures explains it. */
  warn(rule: MetricsRuleId, result: Comparison, paths: string[], message: string) {
    if (result === 'violated') this.issues.push({ rule, severity: 'warn', paths, message });
  }
}

const path = (kind: SnapshotKind, field: string) => `${kind}.${field}`;

function checkViewsNested(out: Collector, kind: SnapshotKind, s: Snap) {
  const chain = ['views1m', 'views15s', 'views3s'].filter((f) => fig(s, f));
  for (let i = 0; i + 1 < chain.length; i++) {
    const [small, large] = [chain[i], chain[i + 1]];
    const a = fig(s, small)!;
    const b = fig(s, large)!;
    out.block('views-nested', lessOrEqual(a, b), [path(kind, small), path(kind, large)],
      withSnapshot(kind, metricsRuleMessages.viewsNested(thresholdWords[small], formatFigure(small, a), thresholdWords[large], formatFigure(large, b))));
  }
}

function checkViewersWithinViews(out: Collector, kind: SnapshotKind, s: Snap) {
  for (const [viewers, views] of [['viewers3s', 'views3s'], ['viewers1m', 'views1m']] as const) {
    const a = fig(s, viewers);
    const b = fig(s, views);
    if (!a || !b) continue;
    out.block('viewers-within-views', lessOrEqual(a, b), [path(kind, viewers), path(kind, views)],
      withSnapshot(kind, metricsRuleMessages.viewersWithinViews(thresholdWords[views], formatFigure(viewers, a), formatFigure(views, b))));
  }
}

function checkTimeWatched(out: Collector, kind: SnapshotKind, s: Snap) {
  const total = fig(s, 'totalWatchSeconds');
  if (!total) return;
  for (const [views, seconds, each, eachShort] of [['views1m', 60, '1 minuto', '1 min'], ['views3s', 3, '3 segundos', '3 s']] as const) {
    const v = fig(s, views);
    if (!v) continue;
    out.block('time-watched-minimum', lessOrEqual(v, total, seconds), [path(kind, 'totalWatchSeconds'), path(kind, views)],
      withSnapshot(kind, metricsRuleMessages.timeWatchedMinimum(
        formatFigure('totalWatchSeconds', total), each, thresholdWords[views], formatFigure(views, v), eachShort,
        formatWatchMinutes(v.value * seconds, { approximate: v.approximate }))));
  }
}

function checkNonNegative(out: Collector, kind: SnapshotKind, s: Snap) {
  if (!s) return;
  for (const field of Object.keys(phrases)) {
    const f = fig(s, field);
    if (f && f.value < 0) {
      out.block('non-negative', 'violated', [path(kind, field)], withSnapshot(kind, metricsRuleMessages.negative(phrases[field], formatCount(f.value))));
    }
  }
  const seriesChecks: Array<[string, string, string]> = [['dailyViews', 'views', 'las reproducciones diarias'], ['liveViewersCurve', 'viewers', 'los espectadores de la curva en vivo'], ['retentionCurve', 'percent', 'los porcentajes de retención']];
  for (const [seriesField, valueField, phrase] of seriesChecks) {
    const points = (s[seriesField] as Array<Record<string, number>> | undefined) ?? [];
    const i = points.findIndex((p) => p[valueField] < 0);
    if (i >= 0) out.block('non-negative', 'violated', [`${kind}.${seriesField}.${i}.${valueField}`], withSnapshot(kind, metricsRuleMessages.negative(phrase, formatCount(points[i][valueField]))));
  }
  // Meta's retention is a share of all plays (0–100 %); YouTube's audience watch ratio may exceed 100 %.
  const sourceIsMeta = s.source === 'meta_csv' || s.source === 'manual';
  const retention = (s.retentionCurve as Array<{ interval: number; percent: number }> | undefined) ?? [];
  const over = retention.findIndex((p) => p.percent > 100);
  if (sourceIsMeta && over >= 0) {
    out.block('non-negative', 'violated', [`${kind}.retentionCurve.${over}.percent`],
      withSnapshot(kind, metricsRuleMessages.retentionRange(retention[over].interval, formatPercent(retention[over].percent))));
  }
}

function checkConcurrentWithinPeak(out: Collector, live: Snap) {
  const avg = fig(live, 'avgConcurrentViewers');
  const peak = fig(live, 'peakLiveViewers');
  if (!avg || !peak) return;
  out.block('concurrent-within-peak', lessOrEqual(avg, peak), [path('liveSummary', 'avgConcurrentViewers'), path('liveSummary', 'peakLiveViewers')],
    withSnapshot('liveSummary', metricsRuleMessages.concurrentWithinPeak(formatFigure('avgConcurrentViewers', avg), formatFigure('peakLiveViewers', peak))));
}

/** Share by which interactions may differ from reactions + comments + shares before a warning. */
export const interactionsTolerance = { share: 0.1, atLeast: 2 } as const;

function checkInteractions(out: Collector, kind: SnapshotKind, s: Snap) {
  const total = fig(s, 'interactions');
  if (!total) return;
  const partFields = ['reactions', 'comments', 'shares'].filter((f) => fig(s, f));
  if (partFields.length === 0) return;
  const parts = partFields.map((f) => fig(s, f)!);
  const sum: Figure = {
    value: parts.reduce((acc, p) => acc + p.value, 0),
    approximate: parts.some((p) => p.approximate),
    margin: parts.reduce((acc, p) => acc + (figureRange(p).max - p.value), 0),
  };
  const paths = [path(kind, 'interactions'), ...partFields.map((f) => path(kind, f))];
  if (partFields.length === 3) {
    const slack = Math.max(interactionsTolerance.atLeast, Math.ceil(total.value * interactionsTolerance.share));
    const high = lessOrEqual(total, sum, 1, 1, slack);
    const low = lessOrEqual(sum, total, 1, 1, slack);
    const result: Comparison = high === 'violated' || low === 'violated' ? 'violated' : 'ok';
    out.warn('interactions-sum', result, paths, withSnapshot(kind, metricsRuleMessages.interactionsSum(formatFigure('interactions', total), formatCount(sum.value, { approximate: sum.approximate }))));
    return;
  }
  // A part is unknown: the known ones can only add up to less than the interactions.
  const names = partFields.map((f) => phrases[f]);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} y ${names[names.length - 1]}`;
  out.warn('interactions-sum', lessOrEqual(sum, total), paths,
    withSnapshot(kind, metricsRuleMessages.interactionsBelowParts(formatFigure('interactions', total), list, formatCount(sum.value, { approximate: sum.approximate }))));
}

function checkAverageTimesViews(out: Collector, kind: SnapshotKind, s: Snap) {
  const avg = fig(s, 'avgWatchSeconds');
  const views = fig(s, 'views3s');
  const total = fig(s, 'totalWatchSeconds');
  if (!avg || !views || !total) return;
  const product: Figure = { value: avg.value * views.value, approximate: avg.approximate || views.approximate };
  // The product's range is the product of the ranges.
  const a = figureRange(avg);
  const v = figureRange(views);
  const exceeds = product.value > total.value;
  const result: Comparison = !exceeds ? 'ok' : a.min * v.min <= figureRange(total).max ? 'rounding' : 'violated';
  out.warn('average-times-views', result, [path(kind, 'avgWatchSeconds'), path(kind, 'views3s'), path(kind, 'totalWatchSeconds')],
    withSnapshot(kind, metricsRuleMessages.averageTimesViews(formatFigure('avgWatchSeconds', avg), formatFigure('views3s', views),
      formatWatchMinutes(product.value, { approximate: product.approximate }), formatFigure('totalWatchSeconds', total))));
}

function checkPeakWithinViewers(out: Collector, live: Snap, since: Snap) {
  const peak = fig(live, 'peakLiveViewers');
  if (!peak) return;
  const viewers = fig(since, 'viewers3s');
  if (viewers) {
    out.warn('peak-within-viewers', lessOrEqual(peak, viewers), [path('liveSummary', 'peakLiveViewers'), path('sincePublication', 'viewers3s')],
      withSnapshot('liveSummary', metricsRuleMessages.peakWithinViewers(formatFigure('peakLiveViewers', peak), 'a los espectadores de 3 segundos desde la publicación', formatFigure('viewers3s', viewers))));
  }
  // Everyone counted at the peak was watching: at least as many 3-second plays during the live.
  const liveViews = fig(live, 'views3s');
  if (liveViews) {
    out.warn('peak-within-viewers', lessOrEqual(peak, liveViews), [path('liveSummary', 'peakLiveViewers'), path('liveSummary', 'views3s')],
      withSnapshot('liveSummary', metricsRuleMessages.peakWithinViewers(formatFigure('peakLiveViewers', peak), 'a las reproducciones de 3 segundos en vivo', formatFigure('views3s', liveViews))));
  }
}

function checkAverageWithinBroadcast(out: Collector, live: Snap, since: Snap) {
  const broadcast = fig(live, 'broadcastSeconds');
  if (!broadcast) return;
  for (const [kind, s] of [['liveSummary', live], ['sincePublication', since]] as const) {
    const avg = fig(s, 'avgWatchSeconds');
    if (!avg) continue;
    out.warn('average-within-broadcast', lessOrEqual(avg, broadcast), [path(kind, 'avgWatchSeconds'), path('liveSummary', 'broadcastSeconds')],
      withSnapshot(kind, metricsRuleMessages.averageWithinBroadcast(formatFigure('avgWatchSeconds', avg), formatFigure('broadcastSeconds', broadcast))));
  }
}

/** Share by which a daily series may differ from the lifetime figure before a warning. */
export const dailySeriesTolerance = 0.05;

function checkSeries(out: Collector, live: Snap, since: Snap) {
  // Views are additive: the days add up to the lifetime figure. Reach and viewers are unique counts and
  // are never summed, which is why the series holds views only.
  const daily = (since?.dailyViews as Array<{ views: number }> | undefined) ?? [];
  const total = fig(since, 'views3s');
  if (daily.length > 0 && total) {
    const sum = daily.reduce((acc, p) => acc + p.views, 0);
    const slack = Math.max(1, Math.ceil(total.value * dailySeriesTolerance));
    const sumFigure: Figure = { value: sum, approximate: false };
    const result: Comparison = lessOrEqual(sumFigure, total, 1, 1, slack) === 'violated' || lessOrEqual(total, sumFigure, 1, 1, slack) === 'violated' ? 'violated' : 'ok';
    out.warn('series-match-totals', result, [path('sincePublication', 'dailyViews'), path('sincePublication', 'views3s')],
      withSnapshot('sincePublication', metricsRuleMessages.dailySum(formatCount(sum), daily.length, formatFigure('views3s', total))));
  }
  const curve = (live?.liveViewersCurve as Array<{ viewers: number }> | undefined) ?? [];
  const peak = fig(live, 'peakLiveViewers');
  if (curve.length > 0 && peak) {
    const max = curve.reduce((m, p) => Math.max(m, p.viewers), 0);
    out.warn('series-match-totals', lessOrEqual({ value: max, approximate: false }, peak), [path('liveSummary', 'liveViewersCurve'), path('liveSummary', 'peakLiveViewers')],
      withSnapshot('liveSummary', metricsRuleMessages.curvePeak(formatCount(max), formatFigure('peakLiveViewers', peak))));
  }
}

function checkNotLower(out: Collector, input: MetricsRulesInput) {
  const live = input.liveSummary;
  if (!live) return;
  const later: Array<[SnapshotKind, Snap, string[]]> = [
    ['sincePublication', input.sincePublication, ['views3s', 'views1m', 'totalWatchSeconds']],
    ['postCard', input.postCard, ['views3s', 'reactions', 'comments', 'shares']],
  ];
  for (const [kind, s, fields] of later) {
    if (!s) continue;
    const liveAsOf = typeof live.asOf === 'string' ? live.asOf : '';
    const laterAsOf = typeof s.asOf === 'string' ? s.asOf : '';
    if (liveAsOf && laterAsOf && laterAsOf < liveAsOf) {
      out.warn('since-publication-not-lower', 'violated', [`${kind}.asOf`, 'liveSummary.asOf'], metricsRuleMessages.asOfOrder(snapshotPhrases[kind], laterAsOf, liveAsOf));
      continue;
    }
    for (const field of fields) {
      const before = fig(live as Snap, field);
      const after = fig(s, field);
      if (!before || !after) continue;
      out.warn('since-publication-not-lower', lessOrEqual(before, after), [path(kind, field), path('liveSummary', field)],
        metricsRuleMessages.notLower(snapshotPhrases[kind], phrases[field], formatFigure(field, after), formatFigure(field, before)));
    }
  }
}

/** Every consistency issue of a forum's metrics (complete or a half-filled form), blocking ones first. */
export function checkMetrics(input: MetricsRulesInput): MetricsIssue[] {
  const out = new Collector();
  const snaps: Array<[SnapshotKind, Snap]> = [
    ['postCard', input.postCard as Snap],
    ['liveSummary', input.liveSummary as Snap],
    ['sincePublication', input.sincePublication as Snap],
  ];
  for (const [kind, s] of snaps) checkNonNegative(out, kind, s);
  for (const [kind, s] of snaps) checkViewsNested(out, kind, s);
  for (const [kind, s] of snaps) checkViewersWithinViews(out, kind, s);
  for (const [kind, s] of snaps) if (kind !== 'postCard') checkTimeWatched(out, kind, s);
  checkConcurrentWithinPeak(out, input.liveSummary as Snap);
  for (const [kind, s] of snaps) checkInteractions(out, kind, s);
  for (const [kind, s] of snaps) if (kind !== 'postCard') checkAverageTimesViews(out, kind, s);
  checkPeakWithinViewers(out, input.liveSummary as Snap, input.sincePublication as Snap);
  checkAverageWithinBroadcast(out, input.liveSummary as Snap, input.sincePublication as Snap);
  checkSeries(out, input.liveSummary as Snap, input.sincePublication as Snap);
  checkNotLower(out, input);
  return [...out.issues.filter((i) => i.severity === 'block'), ...out.issues.filter((i) => i.severity === 'warn')];
}

/** True when some issue blocks saving. */
export const hasBlockingIssues = (issues: MetricsIssue[]): boolean => issues.some((i) => i.severity === 'block');

/** Issues that involve one field path (for showing them next to the field in a form). */
export const issuesAt = (issues: MetricsIssue[], fieldPath: string): MetricsIssue[] => issues.filter((i) => i.paths.includes(fieldPath));
