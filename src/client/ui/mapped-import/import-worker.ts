/// <reference lib="webworker" />
import { readSheet } from 'read-excel-file/universal';
import { importBodyJson, readExport, summarizeExport, type ExportKind, type ImportChoices, type ReadSheet } from './read-export';

/**
 * Holds one form export off the main thread, so a 100.000-row file neither freezes the page while it is read nor
 * when it is sent: the rows stay here, the page gets a summary, and each request body is built here as a Blob
 * (the page hands it to fetch by reference: a 20 MB typed array would be copied by fetch on the main thread,
 * about 0,6 s in Chromium).
 * In: `{ type: 'read', kind, bytes }` → `{ type: 'read', result }` (a ReadSummary);
 *     `{ type: 'encode', id, choices }` → `{ type: 'encoded', id, body }` (a Blob).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
let header: string[] = [];
let rows: string[][] = [];

type Message = { type: 'read'; kind: ExportKind; bytes: ArrayBuffer } | { type: 'encode'; id: number; choices: ImportChoices };

scope.onmessage = (event: MessageEvent<Message>) => {
  const message = event.data;
  if (message.type === 'encode') {
    const body = new Blob([importBodyJson(header, rows, message.choices)], { type: 'application/json' });
    scope.postMessage({ type: 'encoded', id: message.id, body });
    return;
  }
  const { kind, bytes } = message;
  void readExport(kind, bytes, async () => readSheet as ReadSheet).then(
    (result) => {
      if (result.ok) ({ header, rows } = result);
      scope.postMessage({ type: 'read', result: summarizeExport(result) });
    },
    () => scope.postMessage({ type: 'read', result: { ok: false, problem: kind === 'xlsx' ? 'xlsxFailed' : 'binary' } }),
  );
};
