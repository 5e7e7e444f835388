/// <reference lib="webworker" />
import { readSheet } from 'read-excel-file/universal';
import { readExport, type ExportKind, type ReadSheet } from './consultation-import-read';

/**
 * Reads a form export off the main thread, so a 100.000-row file does not freeze the page.
 * In: `{ kind, bytes }`. Out: `{ type: 'result', result }` (a ReadExport).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<{ kind: ExportKind; bytes: ArrayBuffer }>) => {
  const { kind, bytes } = event.data;
  void readExport(kind, bytes, async () => readSheet as ReadSheet).then(
    (result) => scope.postMessage({ type: 'result', result }),
    () => scope.postMessage({ type: 'result', result: { ok: false, problem: kind === 'xlsx' ? 'xlsxFailed' : 'binary' } }),
  );
};
