import { Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Forum } from '../../../domain/forum';
import { importMessages, metricsImportLimits } from '../../../domain/metrics-import-model';
import type { MetricsRuleId } from '../../../domain/metrics-rules';
import type { ForumMetricsRecord } from '../../../domain/metrics-update';
import { readFileBytes } from '../../lib/read-file';
import { fileSizeText, ImportFilePicker } from '../../ui/import-file-picker';
import { useImportForumMetrics } from './api';
import { MetricsImportPreview } from './metrics-import-preview';
import { previewImport, type ImportChoice, type ImportPreview } from './metrics-import-request';

interface MetricsImportProps {
  forum: Forum;
  saved: ForumMetricsRecord;
  /** The form has unsaved changes: importing (which saves over the saved version) waits. */
  formDirty: boolean;
  /** After a confirmed import, once the saved metrics were read again. */
  onImported: () => void;
}

type State =
  | { step: 'idle' }
  | { step: 'analysing'; name: string; size: number }
  | { step: 'failed'; name: string; message: string }
  | { step: 'preview'; name: string; bytes: Blob; preview: ImportPreview; first: ImportPreview['selectedRow']; choice: ImportChoice; asking: boolean };

/**
 * The file as it was when chosen, kept in memory: the preview and the import send these same bytes even if the file
 * on disk changes meanwhile. A Blob, not an ArrayBuffer: the browser sends a Blob body by reference, while an
 * ArrayBuffer body is copied on the main thread at every request (≈ 175 ms for a 2.9 MB export in Chromium, the
 * longest task of an import).
 */
async function snapshot(file: File): Promise<Blob> {
  return new Blob([await readFileBytes(file)], { type: 'text/csv' });
}

/**
 * "Importar CSV de Meta o YouTube": the file is read here and sent to the import route's dry run, whose answer is
 * the preview (see metrics-import-request.ts); the same route imports it only when the person confirms. A bad file
 * gets its Spanish message and nothing is saved.
 */
export function MetricsImport({ forum, saved, formDirty, onImported }: MetricsImportProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ step: 'idle' });
  const importMetrics = useImportForumMetrics(forum.id);
  const runRef = useRef(0);

  const analyse = async (file: File) => {
    const run = ++runRef.current;
    importMetrics.reset();
    if (file.size > metricsImportLimits.maxBytes) return setState({ step: 'failed', name: file.name, message: importMessages.tooLarge });
    if (file.size === 0) return setState({ step: 'failed', name: file.name, message: importMessages.empty });
    setState({ step: 'analysing', name: file.name, size: file.size });
    try {
      const bytes = await snapshot(file);
      // No as-of date from today's clock: it comes from the file, the person or the saved snapshot (the preview says which).
      const outcome = await previewImport(forum.id, bytes, {});
      if (runRef.current !== run) return;
      if (!outcome.ok) return setState({ step: 'failed', name: file.name, message: outcome.message });
      const { preview } = outcome;
      if (preview.rows.length === 0) return setState({ step: 'failed', name: file.name, message: preview.problems[0]?.message ?? importMessages.noRows });
      setState({ step: 'preview', name: file.name, bytes, preview, first: preview.selectedRow, choice: {}, asking: false });
    } catch {
      if (runRef.current === run) setState({ step: 'failed', name: file.name, message: importMessages.binary });
    }
  };

  /** The person chose another row or «Fecha de corte»: the route's dry run is asked again (the last answer wins). */
  const choose = async (current: Extract<State, { step: 'preview' }>, change: ImportChoice) => {
    const run = ++runRef.current;
    const choice = { ...current.choice, ...change };
    setState({ ...current, choice, asking: true });
    const outcome = await previewImport(forum.id, current.bytes, choice).catch(() => null);
    if (runRef.current !== run) return;
    if (!outcome || !outcome.ok) return setState({ step: 'failed', name: current.name, message: outcome?.message ?? importMessages.binary });
    setState({ ...current, choice, preview: outcome.preview, asking: false });
  };

  const confirm = (preview: Extract<State, { step: 'preview' }>, choice: { rowNumber: number; acknowledge: MetricsRuleId[]; asOf?: string }) => {
    importMetrics.mutate(
      { file: preview.bytes, rowNumber: choice.rowNumber, version: saved.version, acknowledge: choice.acknowledge, asOf: choice.asOf },
      {
        onSuccess: (result) => {
          setState({ step: 'idle' });
          if (result.saved) notifications.show({ color: 'green', title: t('metrics.import.done'), message: t('metrics.import.doneText', { row: choice.rowNumber, name: preview.name }) });
          else notifications.show({ title: t('metrics.import.unchangedTitle'), message: t('metrics.import.unchangedText', { row: choice.rowNumber, name: preview.name }) });
          onImported();
        },
      },
    );
  };

  const analysing = state.step === 'analysing';
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby="metrics-import-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="metrics-import-title">
          {t('metrics.import.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('metrics.import.hint')}
        </Text>
        <ImportFilePicker
          label={t('metrics.import.button')}
          accept=".csv,text/csv"
          disabled={analysing || formDirty}
          reading={analysing ? { text: t('metrics.import.analysingFile', { name: state.name, size: fileSizeText(state.size) }) } : null}
          failure={state.step === 'failed' ? { title: t('metrics.import.failed'), name: state.name, message: state.message, nothingSaved: t('metrics.import.nothingSaved') } : null}
          onDismiss={() => setState({ step: 'idle' })}
          onFile={(file) => void analyse(file)}
        >
          {formDirty && (
            <Text size="sm" c="dimmed">
              {t('metrics.import.unsavedFirst')}
            </Text>
          )}
        </ImportFilePicker>
      </Stack>
      {state.step === 'preview' && (
        <MetricsImportPreview
          fileName={state.name}
          preview={state.preview}
          firstChoice={state.first}
          choice={state.choice}
          onChoose={(change) => void choose(state, change)}
          saved={saved}
          busy={importMetrics.isPending || state.asking}
          asking={state.asking}
          error={importMetrics.error}
          onConfirm={(choice) => confirm(state, choice)}
          onCancel={() => {
            importMetrics.reset();
            setState({ step: 'idle' });
          }}
        />
      )}
    </Paper>
  );
}
