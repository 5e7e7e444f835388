import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../domain/metrics-format';
import { loadMapping, saveMapping } from './mapping-store';
import { openExportFile, type OpenedExport } from './open-export';
import { importFileLimits, type ImportBody, type ImportChoices, type ImportFileProblem } from './read-export';

export type MappedImportState<Role extends string> =
  | { step: 'idle' }
  | { step: 'reading'; name: string; size: number }
  | { step: 'failed'; name: string; message: string }
  | { step: 'mapping'; name: string; file: OpenedExport; mapping: Record<string, Role>; remembered: boolean };

export interface MappedImportConfig<Role extends string, Result> {
  /** Every role a column can take, and the one of a column that is not imported. */
  roles: readonly Role[];
  ignoreRole: Role;
  /** The role suggested for each header (by its name). */
  suggest: (header: string[]) => Partial<Record<string, Role>>;
  /** Where the mapping is remembered in this browser (null: not remembered). */
  rememberKey: string | null;
  /** More of the request body beside `header`, `rows` and `mapping` (e.g. the forum, how to read late rows). */
  choices?: ImportChoices;
  /** The import route asked with `?dryRun=1` (nothing saved) and without (all or nothing). */
  dryRun: (body: ImportBody) => Promise<Result>;
  commit: (body: ImportBody) => Promise<Result>;
  onDone?: (result: Result, name: string) => void;
}

/** The mapping a new file starts with: the remembered roles first, then the suggested ones, else «ignore». */
export function initialMapping<Role extends string>(header: string[], remembered: Record<string, Role>, suggested: Partial<Record<string, Role>>, ignore: Role) {
  let usedMemory = false;
  const mapping: Record<string, Role> = {};
  for (const column of header) {
    if (column in mapping) continue;
    if (remembered[column]) usedMemory = true;
    mapping[column] = remembered[column] ?? suggested[column] ?? ignore;
  }
  return { mapping, remembered: usedMemory };
}

/**
 * The steps of every mapped import: a file read off the main thread (CSV or XLSX, in a worker that keeps the rows)
 * → its columns mapped → the route's dry run (the preview, or the rows' problems as a 422) → the import on
 * confirmation, all or nothing. A newer file wins over one still being read; any change after a preview drops it.
 * The body is `{ header, rows, mapping, ...choices }`, built where the rows are.
 */
export function useMappedImport<Role extends string, Result>(config: MappedImportConfig<Role, Result>) {
  const { t } = useTranslation();
  const runRef = useRef(0);
  const [state, setState] = useState<MappedImportState<Role>>({ step: 'idle' });
  const [done, setDone] = useState<{ name: string; result: Result } | null>(null);
  const openFile = state.step === 'mapping' ? state.file : null;
  useEffect(() => () => openFile?.close(), [openFile]);
  const dryRun = useMutation({ mutationFn: async (encode: () => Promise<ImportBody>) => config.dryRun(await encode()) });
  const commit = useMutation({ mutationFn: async (encode: () => Promise<ImportBody>) => config.commit(await encode()) });

  const problemText = (problem: ImportFileProblem) =>
    problem === 'tooManyRows' ? t('mappedImport.messages.tooManyRows', { max: formatCount(importFileLimits.maxRows) }) : t(`mappedImport.messages.${problem}`);

  const resetRequests = () => {
    dryRun.reset();
    commit.reset();
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
      const remembered = config.rememberKey ? loadMapping(config.rememberKey, config.roles) : {};
      const header = result.file.header;
      setState({ step: 'mapping', name: file.name, file: result.file, ...initialMapping(header, remembered, config.suggest(header), config.ignoreRole) });
    } catch {
      if (runRef.current === run) setState({ step: 'failed', name: file.name, message: problemText('binary') });
    }
  };

  const body = (s: Extract<MappedImportState<Role>, { step: 'mapping' }>) => s.file.encode({ ...config.choices, mapping: s.mapping });

  const setRole = (header: string, role: Role) => {
    if (state.step !== 'mapping') return;
    resetRequests();
    setState({ ...state, mapping: { ...state.mapping, [header]: role } });
  };

  const preview = () => {
    if (state.step !== 'mapping') return;
    commit.reset();
    const current = state;
    dryRun.mutate(() => body(current));
  };

  const confirm = () => {
    if (state.step !== 'mapping') return;
    const current = state;
    commit.mutate(() => body(current), {
      onSuccess: (result) => {
        if (config.rememberKey) saveMapping(config.rememberKey, config.roles, current.mapping);
        setDone({ name: current.name, result });
        setState({ step: 'idle' });
        dryRun.reset();
        config.onDone?.(result, current.name);
      },
    });
  };

  const discard = () => {
    resetRequests();
    setState({ step: 'idle' });
  };

  return { state, done, dryRun, commit, read, setRole, preview, confirm, discard, dismissFailure: () => setState({ step: 'idle' }), resetPreview: () => dryRun.reset() };
}

export type MappedImport<Role extends string, Result> = ReturnType<typeof useMappedImport<Role, Result>>;
