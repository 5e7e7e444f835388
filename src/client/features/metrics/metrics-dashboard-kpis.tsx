import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatCount, formatPercent, formatWatchMinutes } from '../../../domain/metrics-format';
import type { YearMetrics } from './dashboard-api';
import { aggregateKpi, dashboardKpis, type Aggregate, type DashboardKpi } from './metrics-dashboard-figures';

const hours = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 1 });

function formatKpi(kpi: DashboardKpi, value: number, approximate: boolean): string {
  return kpi === 'watchTime' ? formatWatchMinutes(value, { approximate }) : formatCount(value, { approximate });
}

/** `+668`, `−12`, `≈ +62 min`: the change from the previous year. */
function formatDifference(kpi: DashboardKpi, current: Aggregate, previous: Aggregate): string {
  const diff = Math.round((current.value - previous.value) * 10) / 10;
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '';
  const magnitude = kpi === 'watchTime' ? formatWatchMinutes(Math.abs(diff)) : formatCount(Math.abs(diff));
  return `${current.approximate || previous.approximate ? '≈ ' : ''}${sign}${magnitude}`;
}

function KpiCard({ kpi, current, previous, previousYear }: { kpi: DashboardKpi; current: Aggregate | null; previous: Aggregate | null; previousYear: number | null }) {
  const { t } = useTranslation();
  const label = t(`metricsCharts.dashboard.kpis.${kpi}`);
  const hint = t(`metricsCharts.dashboard.kpis.${kpi}Hint`);
  let comparison: string | null = null;
  if (previousYear !== null) {
    if (!previous) comparison = t('metricsCharts.dashboard.kpis.previousNoData', { year: previousYear });
    else {
      const before = t('metricsCharts.dashboard.kpis.previous', { year: previousYear, value: formatKpi(kpi, previous.value, previous.approximate) });
      if (!current) comparison = before;
      else {
        const difference = formatDifference(kpi, current, previous);
        const change =
          previous.value > 0
            ? t('metricsCharts.dashboard.kpis.differencePercent', {
                difference,
                percent: `${current.value >= previous.value ? '+' : '−'}${formatPercent(Math.abs(((current.value - previous.value) / previous.value) * 100))}`,
              })
            : t('metricsCharts.dashboard.kpis.difference', { difference });
        comparison = `${before}. ${change}`;
      }
    }
  }
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-label={label} data-kpi={kpi}>
      <Stack gap={4}>
        <Text size="sm" fw={600} c="dimmed">
          {label}
        </Text>
        <Text fz={28} fw={700} lh={1.2} data-testid={`kpi-${kpi}`}>
          {current ? formatKpi(kpi, current.value, current.approximate) : '—'}
        </Text>
        {current && kpi === 'watchTime' && (
          <Text size="sm">{t('metricsCharts.dashboard.kpis.hours', { hours: `${current.approximate ? '≈ ' : ''}${hours.format(current.value / 3600)}` })}</Text>
        )}
        {!current && <Text size="sm">{t('metricsCharts.dashboard.kpis.noData')}</Text>}
        {current && current.count < current.total && (
          <Text size="sm">{t('metricsCharts.dashboard.kpis.partial', { count: current.count, total: current.total })}</Text>
        )}
        {comparison && <Text size="sm">{comparison}</Text>}
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The year's four headline figures, each beside the previous year's (with the difference) when there is one. */
export function MetricsDashboardKpis({ data }: { data: YearMetrics }) {
  const { t } = useTranslation();
  const previousYear = data.previous?.year ?? null;
  return (
    <SimpleGrid component="section" aria-label={t('metricsCharts.dashboard.kpisLabel', { year: data.year })} cols={{ base: 1, xs: 2, lg: 4 }} spacing="md" mb="lg">
      {dashboardKpis.map((kpi) => (
        <KpiCard
          key={kpi}
          kpi={kpi}
          current={aggregateKpi(kpi, data.forums)}
          previous={data.previous ? aggregateKpi(kpi, data.previous.forums) : null}
          previousYear={previousYear}
        />
      ))}
    </SimpleGrid>
  );
}
