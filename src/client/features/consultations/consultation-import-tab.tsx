import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Consultation } from '../../../domain/consultation';
import { formatCount } from '../../../domain/metrics-format';
import { fileSizeText, ImportFilePicker } from '../../ui/import-file-picker';
import { ImportMappingSection } from './consultation-import-mapping';
import { ImportPreviewSection } from './consultation-import-preview';
import { ConsultationStatusNotice } from './consultation-status-notice';
import { useConsultationImport } from './use-consultation-import';

/**
 * Importar: a Google Forms / Microsoft Forms export (CSV or XLSX) read in a worker, its columns mapped (suggested,
 * then remembered for this consultation), a dry run to preview, and the import on confirmation. Nothing is saved
 * until then, and a file with errors saves nothing.
 */
export function ConsultationImportTab({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const { state, options, done, dryRun, importResponses, read, setRole, setOptions, preview, confirm, discard, dismissFailure } = useConsultationImport(consultation);
  const open = consultation.status === 'open';
  const reading = state.step === 'reading';
  const importing = importResponses.isPending;
  const previewResult = dryRun.data;

  return (
    <Stack gap="md">
      <Paper component="section" withBorder p="md" radius="md" aria-labelledby="consultation-import-title">
        <Stack gap="xs">
          <Title order={2} size="h4" id="consultation-import-title">
            {t('consultations.import.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('consultations.import.hint')}
          </Text>
          <ConsultationStatusNotice consultation={consultation} action="import" />
          <ImportFilePicker
            label={t('consultations.import.choose')}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={reading || importing || !open}
            reading={state.step === 'reading' ? { text: t('consultations.import.analysing', { name: state.name, size: fileSizeText(state.size) }) } : null}
            failure={state.step === 'failed' ? { title: t('consultations.import.failed'), name: state.name, message: state.message, nothingSaved: t('consultations.import.nothingSaved') } : null}
            onDismiss={dismissFailure}
            onFile={(file) => void read(file)}
          />
          {done && (
            <Alert color="green" role="status" title={t('consultations.import.done')}>
              <Text size="sm">{t('consultations.import.doneText', { formatted: formatCount(done.saved), name: done.name })}</Text>
              <Anchor component={Link} to={`/consultas/${consultation.id}?vista=resultados`} size="sm">
                {t('consultations.detail.tabs.results')}
              </Anchor>
            </Alert>
          )}
        </Stack>
      </Paper>

      {state.step === 'mapping' && (
        <ImportMappingSection
          name={state.name}
          file={state.file}
          mapping={state.mapping}
          remembered={state.remembered}
          options={options}
          previewing={dryRun.isPending}
          previewError={dryRun.isError ? dryRun.error : null}
          importing={importing}
          onRole={setRole}
          onOptions={setOptions}
          onPreview={preview}
          onDiscard={discard}
        />
      )}
      {state.step === 'mapping' && previewResult && (
        <ImportPreviewSection consultation={consultation} previewResult={previewResult} importing={importing} importError={importResponses.isError ? importResponses.error : null} onConfirm={confirm} />
      )}
    </Stack>
  );
}
