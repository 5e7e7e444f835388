import { queryOptions } from '@tanstack/react-query';
import type { YearMetrics } from '../../../domain/metrics-update';
import { api } from '../../lib/http';

/** The answer of GET /api/metrics?year=YYYY (domain types): the year's forums in date order, the previous year's when it has any. */
export type { YearMetrics, YearMetricsForum } from '../../../domain/metrics-update';

/**
 * Query keys of the dashboard, under `['metrics']`: invalidating `['metrics']` after saving a forum's metrics
 * refreshes it too.
 */
export const metricsDashboardKeys = {
  all: ['metrics', 'dashboard'] as const,
  year: (year: number) => [...metricsDashboardKeys.all, year] as const,
};

export const yearMetricsQueryOptions = (year: number) =>
  queryOptions({
    queryKey: metricsDashboardKeys.year(year),
    queryFn: ({ signal }) => api<YearMetrics>(`/api/metrics?year=${year}`, { signal }),
  });
