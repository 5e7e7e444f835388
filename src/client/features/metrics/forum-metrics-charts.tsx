import { Stack, Text } from '@mantine/core';
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
 * The per-forum charts: live viewers per minute, daily views since publication and retention, each drawn only
 * when its series has points. What has none is said plainly in one line («Sin datos para este foro: …»), never as
 * an empty box nor with instructions for whoever edits the metrics: the reviewer and the report read this too.
 * Pulls in recharts: load it lazily, e.g.
 * `lazy(() => import('./forum-metrics-charts').then((m) => ({ default: m.ForumMetricsCharts })))`.
 */
export function ForumMetricsCharts({ metrics, headingOrder = 3 }: ForumMetricsChartsProps) {
  const { t } = useTranslation();
  const curve = metrics.liveSummary?.liveViewersCurve ?? [];
  const daily = metrics.sincePublication?.dailyViews ?? [];
  const retention = metrics.sincePublication?.retentionCurve ?? [];
  const missing = [
    curve.length === 0 && t('metricsCharts.liveViewers.name'),
    daily.length === 0 && t('metricsCharts.dailyViews.name'),
    retention.length === 0 && t('metricsCharts.retention.name'),
  ].filter((name) => typeof name === 'string');
  const note =
    missing.length === 3
      ? t('metricsCharts.forumCharts.none')
      : missing.length > 0
        ? t('metricsCharts.forumCharts.missing', { list: missing.join(t('metricsCharts.forumCharts.and')) })
        : null;
  return (
    <Stack gap="md" aria-label={t('metricsCharts.forumCharts.label')} role="group">
      {curve.length > 0 && <LiveViewersChart points={curve} headingOrder={headingOrder} />}
      {daily.length > 0 && <DailyViewsChart points={daily} headingOrder={headingOrder} />}
      {retention.length > 0 && <RetentionChart points={retention} headingOrder={headingOrder} />}
      {note && (
        <Text size="sm" c="dimmed">
          {note}
        </Text>
      )}
    </Stack>
  );
}
