/// <reference lib="webworker" />
import type { ReportExportData } from '../../../../export/export-data';
import { buildWord } from './word-build';

/**
 * Builds the .docx off the main thread: rasterising the charts and zipping the document take about half a second
 * for the 2022 report and seconds for a year of 50 forums, time in which the page would not answer.
 * In: `{ data, generatedAt }`. Out: `{ type: 'result', result }`: `{ ok: true, word }` (bytes transferred) or
 * `{ ok: false, message }`.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<{ data: ReportExportData; generatedAt: string }>) => {
  buildWord(event.data.data, event.data.generatedAt).then(
    (word) => scope.postMessage({ type: 'result', result: { ok: true, word } }, [word.bytes.buffer]),
    (error: unknown) => scope.postMessage({ type: 'result', result: { ok: false, message: error instanceof Error ? error.message : String(error) } }),
  );
};
