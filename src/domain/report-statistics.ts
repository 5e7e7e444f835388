import { figureLabels, liveSummaryFigures, sincePublicationFigures, type Figure, type ForumMetricsInput } from './metrics';
import { formatFigure } from './metrics-format';

/**
 * The generated part of the report's statistics section: per forum (in the order given, the year's date order),
 * the figures of its three metric snapshots laid out as the seed's screens show them, formatted es-CO, an
 * approximate figure marked with ≈. Its hash changes when any figure (or series) changes, so an approved
 * statistics section can be sent back to review.
 */

export interface StatisticsRow {
  /** The metric's key (views3s, reach…). */
  field: string;
  label: string;
  /** es-CO, as every screen shows it (metrics-format.ts `formatFigure`): `236`, `≈ 1.700`, `01:11:33`, `2:42`, `627 min`. */
  value: string;
  approximate: boolean;
}

export interface StatisticsBlock {
  forumId: number;
  forumTitle: string;
  date: string | null;
  /** False when the forum has no metrics saved (its rows are empty). */
  hasMetrics: boolean;
  postCard: StatisticsRow[];
  liveSummary: StatisticsRow[];
  sincePublication: StatisticsRow[];
}

export interface StatisticsResult {
  blocks: StatisticsBlock[];
  /** A stable hash (FNV-1a) of every figure and series: it changes when the generated part would change. */
  hash: string;
}

export interface StatisticsForum {
  id: number;
  title: string;
  date: string | null;
}

/** The post card as the seed shows it: reactions and comments, plays, then reach, interactions and 3-second views. */
export const postCardLayout = ['reactions', 'comments', 'shares', 'plays', 'reach', 'interactions', 'views3s'] as const;
/** "Rendimiento de tu transmisión en vivo de 01:11:33", then peak viewers, reactions, comments, shares, views… */
export const liveSummaryLayout = liveSummaryFigures;
/** "Cuál fue el rendimiento de la publicación desde que se publicó": 3 s, 1 min, average, interactions, minutes, 15 s, viewers, reach. */
export const sincePublicationLayout = sincePublicationFigures;

function rows(snapshot: Record<string, unknown> | null, fields: readonly string[], format = formatFigure): StatisticsRow[] {
  if (!snapshot) return [];
  const out: StatisticsRow[] = [];
  for (const field of fields) {
    const figure = snapshot[field] as Figure | null | undefined;
    if (!figure) continue;
    out.push({ field, label: figureLabels[field as keyof typeof figureLabels] ?? field, value: format(field, figure), approximate: figure.approximate });
  }
  return out;
}

/** JSON with the keys of every object sorted, so equal values always give the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** 64-bit FNV-1a (two 32-bit lanes with different offsets), as 16 hex digits. Pure JS, the same in Node and the browser. */
export function fnv1a(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000193) >>> 0;
    h2 = (h2 ^ (h1 >>> 7)) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/** The statistics of a year's forums (given in date order) from their stored metrics. */
export function buildStatistics(
  forums: StatisticsForum[],
  metricsByForumId: Record<number, ForumMetricsInput | null | undefined> | Map<number, ForumMetricsInput | null | undefined>,
): StatisticsResult {
  const metricsOf = (id: number) => (metricsByForumId instanceof Map ? metricsByForumId.get(id) : metricsByForumId[id]) ?? null;
  const blocks: StatisticsBlock[] = forums.map((forum) => {
    const metrics = metricsOf(forum.id);
    return {
      forumId: forum.id,
      forumTitle: forum.title,
      date: forum.date,
      hasMetrics: metrics !== null && (metrics.postCard !== null || metrics.liveSummary !== null || metrics.sincePublication !== null),
      postCard: rows(metrics?.postCard ?? null, postCardLayout),
      liveSummary: rows(metrics?.liveSummary ?? null, liveSummaryLayout),
      sincePublication: rows(metrics?.sincePublication ?? null, sincePublicationLayout),
    };
  });
  // The charts are drawn from the series: a changed series changes the generated part too.
  const series = forums.map((forum) => {
    const metrics = metricsOf(forum.id);
    return [metrics?.liveSummary?.liveViewersCurve ?? [], metrics?.sincePublication?.dailyViews ?? [], metrics?.sincePublication?.retentionCurve ?? []];
  });
  return { blocks, hash: fnv1a(canonicalJson({ blocks, series })) };
}
