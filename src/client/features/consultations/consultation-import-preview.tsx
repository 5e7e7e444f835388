import { Alert, Button, Group, List, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Consultation } from '../../../domain/consultation';
import type { ConsultationImportResult } from '../../../domain/consultation-import';
import { formatCount } from '../../../domain/metrics-format';
import { ImportFailed } from '../../ui/mapped-import/import-failed';
import { ResponseCells, ResponseColumnHeads } from './consultation-response-cells';
import { WideTable } from '../../ui/wide-table';

export interface ImportPreviewSectionProps {
  consultation: Consultation;
  previewResult: ConsultationImportResult;
  importing: boolean;
  /** The refused import, if it was refused. */
  importError: unknown;
  onConfirm: () => void;
}

/** The dry run's result: the counts, the rows with errors (which block the import), the first rows, and «Confirmar». */
export function ImportPreviewSection({ consultation, previewResult, importing, importError, onConfirm }: ImportPreviewSectionProps) {
  const { t } = useTranslation();
  const canConfirm = previewResult.errorCount === 0 && previewResult.errors.length === 0 && previewResult.accepted > 0;
  const topicTitle = new Map(consultation.topics.map((topic) => [topic.id, topic.title]));
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby="consultation-preview-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="consultation-preview-title">
          {t('consultations.import.previewTitle')}
        </Title>
        <Group gap="lg" role="status">
          <Text size="sm">
            {t('consultations.import.total')}: <strong>{formatCount(previewResult.total)}</strong>
          </Text>
          <Text size="sm">
            {t('consultations.import.accepted')}: <strong>{formatCount(previewResult.accepted)}</strong>
          </Text>
          <Text size="sm">
            {t('consultations.import.late')}: <strong>{formatCount(previewResult.late)}</strong>
          </Text>
          <Text size="sm" c={previewResult.errorCount > 0 ? 'red.9' : undefined}>
            {t('consultations.import.errors')}: <strong>{formatCount(previewResult.errorCount)}</strong>
          </Text>
        </Group>
        {previewResult.dateOrder?.decidedBy === 'fallback' && (
          <Alert color="yellow" variant="light" role="note">
            <Text size="sm">
              {t('consultations.import.dateOrderFallback', { order: t(previewResult.dateOrder.dayFirst ? 'consultations.import.dayFirst' : 'consultations.import.monthFirst') })}
            </Text>
          </Alert>
        )}
        {previewResult.droppedPersonalColumns.length > 0 && (
          <Text size="sm">{t('consultations.import.dropped', { columns: previewResult.droppedPersonalColumns.map((c) => `«${c}»`).join(', ') })}</Text>
        )}
        {previewResult.errors.length > 0 && (
          <Alert color="red" title={t('consultations.import.errorsTitle', { count: Math.min(previewResult.errors.length, 20) })}>
            <Text size="sm" mb="xs">
              {t('consultations.import.errorsBlock')}
            </Text>
            <List size="sm">
              {previewResult.errors.slice(0, 20).map((error) => (
                <List.Item key={`${error.row}-${error.message}`}>
                  {t('consultations.import.row', { row: error.row })}: {error.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {previewResult.preview.length > 0 && (
          <WideTable label={t('consultations.import.previewRows')} minWidth={720}>
            <Table striped withTableBorder verticalSpacing="xs">
              <caption style={{ captionSide: 'top', textAlign: 'left', paddingBottom: 4 }}>{t('consultations.import.previewRows')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <ResponseColumnHeads />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {previewResult.preview.slice(0, 10).map((row) => (
                  <Table.Tr key={row.row}>
                    <ResponseCells response={row} topicTitle={topicTitle} late={` (${t('consultations.responses.late')})`} />
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        )}
        <Group gap="sm">
          <Button onClick={onConfirm} disabled={!canConfirm} loading={importing}>
            {t('consultations.import.confirm')}
          </Button>
          {importing && (
            <Group gap="xs" role="status" aria-live="polite">
              <Loader size="xs" aria-hidden />
              <Text size="sm">{t('consultations.import.importing', { formatted: formatCount(previewResult.accepted) })}</Text>
            </Group>
          )}
        </Group>
        {importError !== null && <ImportFailed error={importError} />}
      </Stack>
    </Paper>
  );
}
