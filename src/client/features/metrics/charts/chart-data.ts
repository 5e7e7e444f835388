import { formatDayMonth } from '../../../../domain/date-format';
import type { Figure, LiveSummary, PostCard, SincePublication } from '../../../../domain/metrics';
import { formatCount } from '../../../../domain/metrics-format';

/** Most points a line is drawn with; longer series keep each bucket's highest point (peaks stay visible). */
export const maxDrawnPoints = 600;

/** At most `max` points of `points`, in order: the highest `value` of each equal bucket, first and last kept. */
export function downsample<T>(points: T[], value: (point: T) => number, max: number = maxDrawnPoints): T[] {
  if (points.length <= max) return points;
  const bucket = points.length / max;
  const out: T[] = [];
  for (let b = 0; b < max; b++) {
    const start = Math.floor(b * bucket);
    const end = Math.min(points.length, Math.floor((b + 1) * bucket));
    let best = points[start];
    for (let i = start + 1; i < end; i++) if (value(points[i]) > value(best)) best = points[i];
    out.push(best);
  }
  if (out[out.length - 1] !== points[points.length - 1]) out[out.length - 1] = points[points.length - 1];
  out[0] = points[0];
  return out;
}

/** The point with the highest value (the first one on a tie), or undefined for an empty series. */
export function peakOf<T>(points: T[], value: (point: T) => number): T | undefined {
  let best: T | undefined;
  for (const p of points) if (best === undefined || value(p) > value(best)) best = p;
  return best;
}

/** A figure for a table or tooltip: `12.345`, `≈ 1.700`, or the "no value" text. */
export function figureText(figure: Figure | null | undefined, none: string): string {
  return figure ? formatCount(figure.value, { approximate: figure.approximate }) : none;
}

/** `2022-06-22` → `22 jun` (axis ticks). */
export { formatDayMonth };

export const yearComparisonSeries = ['reach', 'views3s', 'views1m', 'interactions', 'peakLiveViewers'] as const;
export type YearComparisonSeries = (typeof yearComparisonSeries)[number];

export interface YearComparisonForum {
  id: number;
  title: string;
  metrics: { postCard?: PostCard | null; liveSummary: LiveSummary | null; sincePublication: SincePublication | null } | null;
}

/** The figures compared: reach, views and interactions since publication, the peak from the live summary. */
export function comparisonFigures(forum: YearComparisonForum): Record<YearComparisonSeries, Figure | null> {
  const since = forum.metrics?.sincePublication ?? null;
  const live = forum.metrics?.liveSummary ?? null;
  return {
    reach: since?.reach ?? null,
    views3s: since?.views3s ?? null,
    views1m: since?.views1m ?? null,
    interactions: since?.interactions ?? null,
    peakLiveViewers: live?.peakLiveViewers ?? null,
  };
}

/** "Foro Virtual de Participación: Causas Ciudadanas" → "Causas Ciudadanas" (the table keeps the whole title). */
export function forumTopic(title: string): string {
  const afterColon = title.includes(':') ? title.slice(title.lastIndexOf(':') + 1).trim() : title;
  return afterColon || title;
}

/** An axis tick: the topic, or its short name after a dash ("… y Gestión — MIPG" → "MIPG"), at most 28 characters. */
export function shortForumTitle(title: string): string {
  const topic = forumTopic(title);
  const acronym = /\s[—–-]\s*([^—–-]{1,12})$/.exec(topic)?.[1]?.trim();
  const short = topic.length > 28 && acronym ? acronym : topic;
  return short.length > 28 ? `${short.slice(0, 27)}…` : short;
}
