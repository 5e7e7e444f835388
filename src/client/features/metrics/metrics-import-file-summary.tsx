import { Alert, Badge, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { metricsImportFormatLabels } from '../../../domain/metrics-import-model';
import type { MetricsImportPreview } from '../../../domain/metrics-update';
import { WideTable } from '../../ui/wide-table';

/** What the import made of the file: its format and language, how its dates were read, which columns it recognised. */
export function MetricsImportFileSummary({ fileName, file }: { fileName: string; file: MetricsImportPreview }) {
  const { t } = useTranslation();
  const fieldName = (field: string) => {
    const retention = /^retention\.(\d+)$/.exec(field);
    if (retention) return t('metrics.import.fieldNames.retention', { n: Number(retention[1]) });
    const names: Record<string, string> = t('metrics.import.fieldNames', { returnObjects: true });
    return names[field] ?? field;
  };
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <Text size="sm">
          <strong>{t('metrics.import.file')}:</strong> {fileName}
        </Text>
        <Text size="sm">
          <strong>{t('metrics.import.format')}:</strong> {metricsImportFormatLabels[file.format]}
        </Text>
        <Text size="sm">
          <strong>{t('metrics.import.language')}:</strong> {t(`metrics.import.languages.${file.language}`)}
        </Text>
      </SimpleGrid>
      {file.dateOrder?.decidedBy === 'fallback' && (
        <Alert color="yellow" variant="light" role="note">
          <Text size="sm">{t('metrics.import.dateOrderFallback', { order: t(file.dateOrder.dayFirst ? 'metrics.import.dayFirst' : 'metrics.import.monthFirst') })}</Text>
        </Alert>
      )}
      <section aria-label={t('metrics.import.recognised')}>
        <Title order={3} size="h5" mb={4}>
          {t('metrics.import.recognised')} <Badge variant="outline" color="blue.9">{t('metrics.import.recognisedCount', { count: file.recognisedColumns.length })}</Badge>
        </Title>
        <WideTable label={t('metrics.import.recognisedTable')} minWidth={320} maxHeight={220}>
          <Table withTableBorder striped verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('metrics.import.header')}</Table.Th>
                <Table.Th scope="col">{t('metrics.import.field')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {file.recognisedColumns.map((column) => (
                <Table.Tr key={column.header}>
                  <Table.Td>{column.header}</Table.Td>
                  <Table.Td>{fieldName(column.field)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
        <Text size="sm" mt="xs">
          <strong>{t('metrics.import.unrecognised')}:</strong> {file.unrecognisedColumns.length > 0 ? file.unrecognisedColumns.join(' · ') : t('metrics.import.noUnrecognised')}
        </Text>
      </section>
    </>
  );
}
