import { queryOptions } from '@tanstack/react-query';
import type { YearMetrics } from '../../../domain/metrics-update';
import { api } from '../../lib/http';
import { metricsDashboardKeys } from '../../lib/query-keys';

/** The answer of GET /api/metrics?year=YYYY (domain types): the year's forums in date order, the previous year's when it has any. */
export type { YearMetrics, YearMetricsForum } from '../../../domain/metrics-update';

/** Query keys of the dashboard, under `['metrics']` (lib/query-keys.ts). */
export { metricsDashboardKeys };

export const yearMetricsQueryOptions = (year: number) =>
  queryOptions({
    queryKey: metricsDashboardKeys.year(year),
    queryFn: ({ signal }) => api<YearMetrics>(`/api/metrics?year=${year}`, { signal }),
  });
