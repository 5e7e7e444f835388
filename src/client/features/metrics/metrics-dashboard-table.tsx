import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Figure } from '../../../domain/metrics';
import { formatCount, formatFigure } from '../../../domain/metrics-format';
import { formatShortDate } from '../../lib/format';
import type { YearMetricsForum } from './dashboard-api';
import { WideTable } from '../../ui/wide-table';

function count(figure: Figure | null | undefined) {
  return figure ? formatCount(figure.value, { approximate: figure.approximate }) : '—';
}

function watchTime(figure: Figure | null | undefined) {
  return figure ? formatFigure('totalWatchSeconds', figure) : '—';
}

/** The year's forums with their key figures, each linking to its metrics page. */
export function MetricsDashboardTable({ year, forums }: { year: number; forums: YearMetricsForum[] }) {
  const { t } = useTranslation();
  const columns = ['date', 'reach', 'plays', 'views3s', 'views1m', 'interactions', 'peak', 'watchTime'] as const;
  return (
    <Stack gap="sm" component="section" aria-labelledby="metricas-foros" mt="lg">
      <Title order={2} size="h4" id="metricas-foros">
        {t('metricsCharts.dashboard.table.title')}
      </Title>
      <WideTable label={t('metricsCharts.dashboard.table.caption', { year })} minWidth={900}>
        <Table striped verticalSpacing="sm">
          <caption style={{ captionSide: 'top', textAlign: 'left', color: 'var(--mantine-color-dimmed)', paddingBottom: 4 }}>
            {t('metricsCharts.dashboard.table.caption', { year })}
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('metricsCharts.dashboard.table.forum')}</Table.Th>
              {columns.map((column) => (
                <Table.Th key={column} scope="col" ta={column === 'date' ? undefined : 'right'}>
                  {t(`metricsCharts.dashboard.table.${column}`)}
                </Table.Th>
              ))}
              <Table.Th scope="col">{t('metricsCharts.dashboard.table.metrics')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {forums.map((forum) => {
              const m = forum.metrics;
              const since = m?.sincePublication ?? null;
              const cells: Record<(typeof columns)[number], string> = {
                date: forum.date ? formatShortDate(forum.date) : t('metricsCharts.dashboard.table.noDate'),
                reach: count(since?.reach ?? m?.postCard?.reach),
                plays: count(m?.postCard?.plays),
                views3s: count(since?.views3s),
                views1m: count(since?.views1m),
                interactions: count(since?.interactions),
                peak: count(m?.liveSummary?.peakLiveViewers),
                watchTime: watchTime(since?.totalWatchSeconds),
              };
              return (
                <Table.Tr key={forum.id}>
                  <Table.Th scope="row" fw={600} miw={160}>
                    {forum.title}
                  </Table.Th>
                  {columns.map((column) => (
                    <Table.Td key={column} ta={column === 'date' ? undefined : 'right'} style={column === 'date' ? undefined : { whiteSpace: 'nowrap' }}>
                      {column !== 'date' && !m && column === 'reach' ? (
                        <Text span size="sm" c="dimmed">
                          {t('metricsCharts.dashboard.table.noMetrics')}
                        </Text>
                      ) : (
                        cells[column]
                      )}
                    </Table.Td>
                  ))}
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor
                      component={Link}
                      to={`/foros/${forum.id}/metricas`}
                      aria-label={t(m ? 'metricsCharts.dashboard.table.openMetricsLabel' : 'metricsCharts.dashboard.table.addMetricsLabel', { title: forum.title })}
                    >
                      {t(m ? 'metricsCharts.dashboard.table.openMetrics' : 'metricsCharts.dashboard.table.addMetrics')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </WideTable>
    </Stack>
  );
}
