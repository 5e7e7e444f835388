import { metricsDashboardKeys } from '../../lib/query-keys';
import { yearMetricsQueryOptions } from '../../lib/shared-queries';

/** The answer of GET /api/metrics?year=YYYY (domain types): the year's forums in date order, the previous year's when it has any. */
export type { YearMetrics, YearMetricsForum } from '../../../domain/metrics-update';

/** Query keys of the dashboard, under `['metrics']` (lib/query-keys.ts). */
export { metricsDashboardKeys };

/** The year's metrics (lib/shared-queries.ts: the start page reads them too). */
export { yearMetricsQueryOptions };
