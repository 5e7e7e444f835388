import { Anchor, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { LoadingState } from '../../ui/states';
import { forumMetricsQueryOptions } from '../../lib/shared-queries';
import { useCan } from '../../app/use-current-user';
import type { ReportSection, StatisticsBlock, StatisticsRow } from './report-types';

// recharts is heavy: the charts load after the figures.
const ForumMetricsCharts = lazy(() => import('../metrics/forum-metrics-charts').then((m) => ({ default: m.ForumMetricsCharts })));

function FiguresTable({ caption, rows }: { caption: string; rows: StatisticsRow[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <Table withTableBorder striped captionSide="top" fz="sm">
      <Table.Caption style={{ textAlign: 'left', fontWeight: 600 }}>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('reports.statistics.figure')}</Table.Th>
          <Table.Th scope="col" ta="right">
            {t('reports.statistics.value')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.field}>
            <Table.Th scope="row" fw={400}>
              {row.label}
            </Table.Th>
            <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
              {row.value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ForumCharts({ forumId, title }: { forumId: number; title: string }) {
  const { t } = useTranslation();
  const metrics = useQuery(forumMetricsQueryOptions(forumId));
  if (!metrics.data) return null;
  return (
    <section aria-label={t('reports.statistics.charts', { title })}>
      <Suspense fallback={<LoadingState label={t('reports.statistics.chartsLoading')} />}>
        <ForumMetricsCharts metrics={{ liveSummary: metrics.data.liveSummary, sincePublication: metrics.data.sincePublication }} headingOrder={4} />
      </Suspense>
    </section>
  );
}

function Block({ block, canEdit }: { block: StatisticsBlock; canEdit: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`stats-${block.forumId}`}>
      <Group justify="space-between" align="baseline" gap="xs" mb="sm">
        <Title order={3} size="h5" id={`stats-${block.forumId}`}>
          {block.date ? t('reports.statistics.forum', { title: block.forumTitle, date: formatDate(block.date) }) : block.forumTitle}
        </Title>
        {canEdit && (
          <Anchor component={Link} to={`/foros/${block.forumId}/metricas`} size="sm">
            {t('reports.statistics.editLink', { title: block.forumTitle })}
          </Anchor>
        )}
      </Group>
      {block.hasMetrics ? (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
            <FiguresTable caption={t('reports.statistics.postCard')} rows={block.postCard} />
            <FiguresTable caption={t('reports.statistics.liveSummary')} rows={block.liveSummary} />
            <FiguresTable caption={t('reports.statistics.sincePublication')} rows={block.sincePublication} />
          </SimpleGrid>
          <ForumCharts forumId={block.forumId} title={block.forumTitle} />
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('reports.statistics.noForumMetrics')}
        </Text>
      )}
    </Paper>
  );
}

/** The generated part of the statistics section: per forum its figures (es-CO, as the API formats them) and its charts. */
export function SectionStatistics({ statistics }: { statistics: NonNullable<ReportSection['statistics']> }) {
  const { t } = useTranslation();
  // How to change the figures is said only to those who may (editors); a reviewer reads the figures, not instructions.
  const canEdit = useCan('writeMetrics');
  return (
    <section aria-labelledby="statistics-title">
      <Title order={2} size="h4" id="statistics-title">
        {t('reports.statistics.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {canEdit ? `${t('reports.statistics.hint')} ${t('reports.statistics.editHint')}` : t('reports.statistics.hint')}
      </Text>
      {statistics.blocks.length === 0 ? (
        <Text c="dimmed">{t('reports.statistics.empty')}</Text>
      ) : (
        <Stack gap="md">
          {statistics.blocks.map((block) => (
            <Block key={block.forumId} block={block} canEdit={canEdit} />
          ))}
        </Stack>
      )}
    </section>
  );
}
