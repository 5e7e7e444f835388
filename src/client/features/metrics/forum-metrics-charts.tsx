import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LiveSummary, SincePublication } from '../../../domain/metrics';
import { DailyViewsChart } from './charts/daily-views-chart';
import { LiveViewersChart } from './charts/live-viewers-chart';
import { RetentionChart } from './charts/retention-chart';

export interface ForumMetricsChartsProps {
  metrics: { liveSummary: LiveSummary | null; sincePublication: SincePublication | null };
  /** Heading level of each chart's title (3 under the page's h2 sections by default). */
  headingOrder?: 2 | 3 | 4;
}

/**
 * The three per-forum charts: live viewers per minute, daily views since publication and retention. Each
 * says in a line when its series has no points yet. Pulls in recharts: load it lazily, e.g.
 * `lazy(() => import('./forum-metrics-charts').then((m) => ({ default: m.ForumMetricsCharts })))`.
 */
export function ForumMetricsCharts({ metrics, headingOrder = 3 }: ForumMetricsChartsProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" aria-label={t('metricsCharts.forumCharts.label')} role="group">
      <LiveViewersChart points={metrics.liveSummary?.liveViewersCurve ?? []} headingOrder={headingOrder} />
      <DailyViewsChart points={metrics.sincePublication?.dailyViews ?? []} headingOrder={headingOrder} />
      <RetentionChart points={metrics.sincePublication?.retentionCurve ?? []} headingOrder={headingOrder} />
    </Stack>
  );
}
