import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { figureLabels, snapshotKinds, snapshotLabels, type Figure, type MetricSource, type SnapshotKind } from '../../../domain/metrics';
import type { ImportedValues } from '../../../domain/metrics-import-model';
import type { ImportedAsOf } from '../../../domain/metrics-import-merge';
import type { ForumMetricsRecord } from '../../../domain/metrics-update';
import { formatDate } from '../../lib/format';
import { MetricsFigureText } from './metrics-form-readonly';
import { sectionFigures } from './metrics-form-values';
import { WideTable } from '../../ui/wide-table';

const seriesFields = { liveSummary: ['liveViewersCurve'], sincePublication: ['dailyViews', 'retentionCurve'], postCard: [] } as const;

/** The snapshots and figures the chosen row writes, with the saved value next to the new one; its as-of date and source first. */
export function importChanges(imported: ImportedValues | null, saved: ForumMetricsRecord, asOfDates: ImportedAsOf[]) {
  return snapshotKinds.flatMap((kind: SnapshotKind) => {
    const values = imported?.[kind] as Record<string, unknown> | undefined;
    if (!values) return [];
    const figures = sectionFigures[kind].filter((field) => values[field] !== undefined);
    const series = (seriesFields[kind] as readonly string[]).filter((field) => Array.isArray(values[field]));
    const asOf = asOfDates.find((a) => a.kind === kind) ?? null;
    const current = saved[kind] as Record<string, unknown> | null;
    return [{ kind, figures, series, imported: values, current, asOf, source: { before: (current?.source as MetricSource | undefined) ?? null, after: values.source as MetricSource } }];
  });
}

/** "Cifras que se escribirán": one line per as-of date, source, figure and series the row writes. */
export function MetricsImportChanges({ changes }: { changes: ReturnType<typeof importChanges> }) {
  const { t } = useTranslation();
  const dateText = (iso: string | null) => (iso ? formatDate(iso) : t('metrics.import.noDate'));
  if (changes.length === 0) return <Text size="sm">{t('metrics.import.noValues')}</Text>;
  return (
    <WideTable label={t('metrics.import.values')} minWidth={480}>
      <Table withTableBorder verticalSpacing={2}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('metrics.import.snapshot')}</Table.Th>
            <Table.Th scope="col">{t('metrics.readOnly.figure')}</Table.Th>
            <Table.Th scope="col">{t('metrics.import.current')}</Table.Th>
            <Table.Th scope="col">{t('metrics.import.next')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.flatMap(({ kind, figures, series, imported, current, asOf, source }) => [
            <Table.Tr key={`${kind}.asOf`}>
              <Table.Td>{snapshotLabels[kind]}</Table.Td>
              <Table.Td>{t('metrics.import.asOfLabel')}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateText(asOf?.before ?? null)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }} c={asOf?.after ? undefined : 'red.9'}>
                {asOf?.after ? dateText(asOf.after) : t('metrics.import.asOfMissing')}
              </Table.Td>
            </Table.Tr>,
            <Table.Tr key={`${kind}.source`}>
              <Table.Td>{snapshotLabels[kind]}</Table.Td>
              <Table.Td>{t('metrics.import.sourceLabel')}</Table.Td>
              <Table.Td>{source.before ? t(`metrics.sources.${source.before}`) : t('metrics.import.noDate')}</Table.Td>
              <Table.Td>{t(`metrics.sources.${source.after}`)}</Table.Td>
            </Table.Tr>,
            ...figures.map((field) => (
              <Table.Tr key={`${kind}.${field}`}>
                <Table.Td>{snapshotLabels[kind]}</Table.Td>
                <Table.Td>{figureLabels[field]}</Table.Td>
                <Table.Td>
                  <MetricsFigureText field={field} figure={current?.[field] as Figure | null} />
                </Table.Td>
                <Table.Td>
                  <MetricsFigureText field={field} figure={imported[field] as Figure | null} />
                </Table.Td>
              </Table.Tr>
            )),
            ...series.map((field) => (
              <Table.Tr key={`${kind}.${field}`}>
                <Table.Td>{snapshotLabels[kind]}</Table.Td>
                <Table.Td>{t(`metrics.import.series.${field as 'dailyViews'}`)}</Table.Td>
                <Table.Td>{t('metrics.import.points', { count: (current?.[field] as unknown[] | undefined)?.length ?? 0 })}</Table.Td>
                <Table.Td>{t('metrics.import.points', { count: (imported[field] as unknown[]).length })}</Table.Td>
              </Table.Tr>
            )),
          ])}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
