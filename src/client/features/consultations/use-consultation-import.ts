import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Consultation, ConsultationChannel, ResponseValueGroupKind } from '../../../domain/consultation';
import { suggestMapping, type ImportColumnRole, type LateMode } from '../../../domain/consultation-import';
import { formatCount } from '../../../domain/metrics-format';
import { useImportDryRun, useImportResponses } from './api';
import { loadRememberedMapping, rememberMapping } from './consultation-import-mapping-store';
import { initialMapping } from '../../ui/mapped-import/use-mapped-import';
import { openExportFile, type OpenedExport } from '../../ui/mapped-import/open-export';
import type { ImportFileProblem } from '../../ui/mapped-import/read-export';

export type ImportState =
  | { step: 'idle' }
  | { step: 'reading'; name: string; size: number }
  | { step: 'failed'; name: string; message: string }
  | { step: 'mapping'; name: string; file: OpenedExport; mapping: Record<string, ImportColumnRole>; remembered: boolean };

/** How the rows are read beyond their columns: late rows, and the channel and value group of the whole file. */
export interface ImportOptions {
  lateMode: LateMode;
  defaultChannel: ConsultationChannel;
  defaultValueGroupKind: ResponseValueGroupKind;
}

/** The columns' roles: the remembered ones for this consultation first, then the suggested ones, else «ignorar». */
const startMapping = (consultationId: number, header: string[]) => initialMapping(header, loadRememberedMapping(consultationId), suggestMapping(header), 'ignore' as ImportColumnRole);

/**
 * The consultation import's steps: a file read (in a worker) → its columns mapped → a dry run → the import. A newer
 * file wins over one still being read; any change after a preview drops the preview; the worker holding the rows
 * ends when the file is discarded, replaced or imported, or the tab closes.
 */
export function useConsultationImport(consultation: Consultation) {
  const { t } = useTranslation();
  const runRef = useRef(0);
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [options, setOptionsState] = useState<ImportOptions>({
    lateMode: 'mark',
    defaultChannel: consultation.channels[0] ?? 'web',
    // Most topic-only forms do not ask whether the person is internal or external: «no indicado» until told otherwise.
    defaultValueGroupKind: 'unspecified',
  });
  const [done, setDone] = useState<{ name: string; saved: number } | null>(null);
  const openFile = state.step === 'mapping' ? state.file : null;
  useEffect(() => () => openFile?.close(), [openFile]);
  const dryRun = useImportDryRun(consultation.id);
  const importResponses = useImportResponses(consultation.id);

  const problemText = (problem: ImportFileProblem) =>
    problem === 'tooManyRows' ? t('consultations.import.messages.tooManyRows', { max: formatCount(100_000) }) : t(`consultations.import.messages.${problem}`);

  const resetRequests = () => {
    dryRun.reset();
    importResponses.reset();
  };

  const read = async (file: File) => {
    const run = ++runRef.current;
    resetRequests();
    setDone(null);
    setState({ step: 'reading', name: file.name, size: file.size });
    try {
      const result = await openExportFile(file);
      if (runRef.current !== run) {
        if (result.ok) result.file.close();
        return;
      }
      if (!result.ok) return setState({ step: 'failed', name: file.name, message: problemText(result.problem) });
      setState({ step: 'mapping', name: file.name, file: result.file, ...startMapping(consultation.id, result.file.header) });
    } catch {
      if (runRef.current === run) setState({ step: 'failed', name: file.name, message: problemText('binary') });
    }
  };

  /** The request body, encoded where the rows are (in the worker for a big file: the page does not pause). */
  const body = (s: Extract<ImportState, { step: 'mapping' }>) => s.file.encode({ mapping: s.mapping, ...options });

  const setRole = (header: string, role: ImportColumnRole) => {
    if (state.step !== 'mapping') return;
    resetRequests();
    setState({ ...state, mapping: { ...state.mapping, [header]: role } });
  };

  const setOptions = (patch: Partial<ImportOptions>) => {
    setOptionsState((current) => ({ ...current, ...patch }));
    dryRun.reset();
  };

  const preview = () => {
    if (state.step !== 'mapping') return;
    importResponses.reset();
    const current = state;
    dryRun.mutate(() => body(current));
  };

  const confirm = () => {
    if (state.step !== 'mapping') return;
    const current = state;
    importResponses.mutate(() => body(current), {
      onSuccess: (result) => {
        rememberMapping(consultation.id, current.mapping);
        const saved = result.accepted;
        setDone({ name: current.name, saved });
        setState({ step: 'idle' });
        dryRun.reset();
        notifications.show({ color: 'green', title: t('consultations.import.done'), message: t('consultations.import.doneText', { formatted: formatCount(saved), name: current.name }) });
      },
    });
  };

  const discard = () => {
    resetRequests();
    setState({ step: 'idle' });
  };

  return { state, options, done, dryRun, importResponses, read, setRole, setOptions, preview, confirm, discard, dismissFailure: () => setState({ step: 'idle' }) };
}
