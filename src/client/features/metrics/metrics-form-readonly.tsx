import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { figureLabels, snapshotKinds, snapshotLabels, type Figure, type SnapshotKind } from '../../../domain/metrics';
import { formatFigure } from '../../../domain/metrics-format';
import type { ForumMetricsRecord } from '../../../domain/metrics-update';
import { formatDate } from '../../lib/format';
import { MetricsFormIssues } from './metrics-form-issues';
import { sectionFigures } from './metrics-form-values';

/** A figure as read: `≈ 1.700` with an «aproximada» mark, or «Sin dato». */
export function MetricsFigureText({ field, figure }: { field: keyof typeof figureLabels; figure: Figure | null | undefined }) {
  const { t } = useTranslation();
  if (!figure) {
    return (
      <Text span size="sm" c="dimmed">
        {t('metrics.figure.empty')}
      </Text>
    );
  }
  return (
    <Group component="span" gap={6} wrap="nowrap" display="inline-flex">
      <span>{formatFigure(field, figure)}</span>
      {figure.approximate && ' '}
      {figure.approximate && (
        <Badge component="span" size="xs" variant="outline" color="orange.9" title={t('metrics.figure.approximateTitle')}>
          {t('metrics.figure.approximate')}
        </Badge>
      )}
    </Group>
  );
}

function SnapshotView({ kind, record }: { kind: SnapshotKind; record: ForumMetricsRecord }) {
  const { t } = useTranslation();
  const titleId = useId();
  const snapshot = record[kind] as Record<string, unknown> | null;
  return (
    <Paper component="section" aria-labelledby={titleId} withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h4" id={titleId}>
          {snapshotLabels[kind]}
        </Title>
        {!snapshot ? (
          <Text size="sm" c="dimmed">
            {t('metrics.section.notTaken')} · {t('metrics.section.notTakenText')}
          </Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('metrics.section.source')}: {t(`metrics.sources.${snapshot.source as 'manual'}`)} · {t('metrics.section.asOf')}: {formatDate(snapshot.asOf as string)}
            </Text>
            <Table withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('metrics.readOnly.figure')}</Table.Th>
                  <Table.Th scope="col">{t('metrics.readOnly.value')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sectionFigures[kind].map((field) => (
                  <Table.Tr key={field}>
                    <Table.Th scope="row" fw={400}>
                      {figureLabels[field]}
                    </Table.Th>
                    <Table.Td>
                      <MetricsFigureText field={field} figure={snapshot[field] as Figure | null} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {kind === 'liveSummary' && (
                <Text size="sm">
                  {t('metrics.series.curveTitle')}: {t('metrics.series.count', { count: (snapshot.liveViewersCurve as unknown[] | undefined)?.length ?? 0 })}
                </Text>
              )}
              {kind === 'sincePublication' && (
                <Text size="sm">
                  {t('metrics.series.dailyTitle')}: {t('metrics.series.count', { count: (snapshot.dailyViews as unknown[] | undefined)?.length ?? 0 })}
                </Text>
              )}
            </SimpleGrid>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** The saved figures for a role that may read but not change them. */
export function MetricsFormReadOnly({ record }: { record: ForumMetricsRecord }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {t('metrics.readOnlyHint')}
      </Text>
      {snapshotKinds.map((kind) => (
        <SnapshotView key={kind} kind={kind} record={record} />
      ))}
      <MetricsFormIssues issues={record.issues ?? []} acknowledged={new Set()} onAcknowledge={() => {}} readOnly />
    </Stack>
  );
}
