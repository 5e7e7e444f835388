import { Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Forum } from '../../../domain/forum';
import { importMessages, metricsImportLimits } from '../../../domain/metrics-import';
import type { MetricsRuleId } from '../../../domain/metrics-rules';
import type { ForumMetricsRecord } from '../../../domain/metrics-update';
import { fileSizeText, ImportFilePicker } from '../../ui/import-file-picker';
import { useImportForumMetrics } from './api';
import { parseMetricsFile, type ParseProgress } from './metrics-import-parse';
import { MetricsImportPreview, type ParsedFile } from './metrics-import-preview';

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
  | { step: 'analysing'; name: string; size: number; progress: ParseProgress }
  | { step: 'failed'; name: string; message: string }
  | { step: 'preview'; name: string; bytes: ArrayBuffer; parsed: ParsedFile };

function readBytes(file: File): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/**
 * "Importar CSV de Meta o YouTube": the file is read and parsed here (in a worker), previewed, and sent to the
 * import route only when the person confirms. A bad file gets its Spanish message and nothing is saved.
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
    setState({ step: 'analysing', name: file.name, size: file.size, progress: { share: null } });
    try {
      const bytes = await readBytes(file);
      // No as-of date from today's clock: it comes from the file, the person or the saved snapshot (the preview says which).
      const parsed = await parseMetricsFile(bytes, {
        onProgress: (progress) => {
          if (runRef.current === run) setState({ step: 'analysing', name: file.name, size: file.size, progress });
        },
      });
      if (runRef.current !== run) return;
      if (!parsed.ok) return setState({ step: 'failed', name: file.name, message: parsed.message });
      if (parsed.rows.length === 0) {
        const message = parsed.problems[0]?.message ?? importMessages.noRows;
        return setState({ step: 'failed', name: file.name, message });
      }
      setState({ step: 'preview', name: file.name, bytes, parsed });
    } catch {
      if (runRef.current === run) setState({ step: 'failed', name: file.name, message: importMessages.binary });
    }
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
          reading={analysing ? { text: t('metrics.import.analysingFile', { name: state.name, size: fileSizeText(state.size) }), share: state.progress.share, progressLabel: t('metrics.import.analysing') } : null}
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
          parsed={state.parsed}
          forum={forum}
          saved={saved}
          busy={importMetrics.isPending}
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
