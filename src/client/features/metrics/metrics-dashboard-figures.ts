import type { Figure } from '../../../domain/metrics';
import type { YearMetricsForum } from './dashboard-api';

/** A year's total or average of one figure over its forums. */
export interface Aggregate {
  value: number;
  /** Some part was approximate (e.g. `1,7 mil` minutes). */
  approximate: boolean;
  /** Forums that gave the figure… */
  count: number;
  /** …out of the year's forums. */
  total: number;
}

export const dashboardKpis = ['reach', 'plays', 'watchTime', 'peak'] as const;
export type DashboardKpi = (typeof dashboardKpis)[number];

/** Reach: since publication (lifetime), else the post card's. */
const pickers: Record<DashboardKpi, (forum: YearMetricsForum) => Figure | null> = {
  reach: (f) => f.metrics?.sincePublication?.reach ?? f.metrics?.postCard?.reach ?? null,
  plays: (f) => f.metrics?.postCard?.plays ?? null,
  watchTime: (f) => f.metrics?.sincePublication?.totalWatchSeconds ?? null,
  peak: (f) => f.metrics?.liveSummary?.peakLiveViewers ?? null,
};

/** The figure a KPI reads from one forum. */
export const kpiFigure = (kpi: DashboardKpi, forum: YearMetricsForum): Figure | null => pickers[kpi](forum);

/** Sum (reach, plays, time watched) or mean (peak live viewers) over the forums that have the figure; null if none has it. */
export function aggregateKpi(kpi: DashboardKpi, forums: YearMetricsForum[]): Aggregate | null {
  const figures = forums.map((f) => kpiFigure(kpi, f)).filter((f): f is Figure => f !== null);
  if (figures.length === 0) return null;
  const sum = figures.reduce((acc, f) => acc + f.value, 0);
  return {
    value: kpi === 'peak' ? Math.round((sum / figures.length) * 10) / 10 : sum,
    approximate: figures.some((f) => f.approximate),
    count: figures.length,
    total: forums.length,
  };
}
