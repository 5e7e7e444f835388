import { Select, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { forumYearsQueryOptions } from '../../lib/shared-queries';
import { yearMetricsQueryOptions } from './dashboard-api';
import { MetricsDashboardKpis } from './metrics-dashboard-kpis';
import { MetricsDashboardTable } from './metrics-dashboard-table';

/** recharts stays out of this page's chunk: the chart loads after the figures are on screen. */
const YearComparisonChart = lazy(() => import('./charts/year-comparison-chart').then((m) => ({ default: m.YearComparisonChart })));

/** `?vigencia=2022` → 2022; anything else → null (then the most recent year with forums is shown). */
function yearParam(value: string | null): number | null {
  if (!value || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= 2000 && year <= 2100 ? year : null;
}

/** /metricas: a year's forums at a glance (KPIs against the previous year, comparison chart, table). */
export function MetricsDashboardPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const years = useQuery(forumYearsQueryOptions());
  const requested = yearParam(searchParams.get('vigencia'));
  const latest = years.data && years.data.length > 0 ? Math.max(...years.data) : null;
  const year = requested ?? latest;
  const metrics = useQuery({ ...yearMetricsQueryOptions(year ?? 0), enabled: year !== null });

  const yearOptions = [...new Set([...(years.data ?? []), ...(year !== null ? [year] : [])])].sort((a, b) => b - a).map(String);
  const yearSelect =
    year !== null ? (
      <Select
        label={t('metricsCharts.dashboard.year')}
        data={yearOptions}
        value={String(year)}
        onChange={(value) => value && setSearchParams({ vigencia: value })}
        allowDeselect={false}
        w={140}
      />
    ) : undefined;

  const renderBody = () => {
    if (year === null) {
      if (years.isPending) return <LoadingState label={t('metricsCharts.dashboard.loading')} />;
      if (years.isError) return <ErrorState error={years.error} onRetry={() => void years.refetch()} />;
      return <EmptyState title={t('metricsCharts.dashboard.noYearsTitle')}>{t('metricsCharts.dashboard.noYearsText')}</EmptyState>;
    }
    if (metrics.isPending) return <LoadingState label={t('metricsCharts.dashboard.loading')} />;
    if (metrics.isError) return <ErrorState error={metrics.error} onRetry={() => void metrics.refetch()} />;
    const data = metrics.data;
    if (data.forums.length === 0) {
      return <EmptyState title={t('metricsCharts.dashboard.emptyYearTitle', { year })}>{t('metricsCharts.dashboard.emptyYearText')}</EmptyState>;
    }
    const withoutMetrics = data.forums.filter((f) => f.metrics === null).length;
    if (withoutMetrics === data.forums.length) {
      return (
        <>
          <EmptyState title={t('metricsCharts.dashboard.noMetricsTitle', { year })}>{t('metricsCharts.dashboard.noMetricsText')}</EmptyState>
          <MetricsDashboardTable year={data.year} forums={data.forums} />
        </>
      );
    }
    return (
      <>
        <MetricsDashboardKpis data={data} />
        {withoutMetrics > 0 && (
          <Text size="sm" mb="md" role="note">
            {t('metricsCharts.dashboard.forumsWithoutMetrics', { count: withoutMetrics })}
          </Text>
        )}
        <Suspense fallback={<LoadingState label={t('metricsCharts.loadingChart')} />}>
          <YearComparisonChart forums={data.forums} year={data.year} headingOrder={2} />
        </Suspense>
        <MetricsDashboardTable year={data.year} forums={data.forums} />
      </>
    );
  };

  return (
    <>
      <PageHeader title={t('metricsCharts.dashboard.title')} subtitle={t('metricsCharts.dashboard.subtitle')} actions={yearSelect} />
      {renderBody()}
    </>
  );
}
