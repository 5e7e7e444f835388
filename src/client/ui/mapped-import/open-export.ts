import { readFileBytes } from '../../lib/read-file';
import {
  exportKind,
  importBodyJson,
  importFileLimits,
  readExport,
  summarizeExport,
  type ExportKind,
  type ExportSummary,
  type ImportBody,
  type ImportChoices,
  type ImportFileProblem,
  type ReadSheet,
  type ReadSummary,
} from './read-export';

/** The XLSX reader, loaded only when a spreadsheet is read on this thread. */
const loadReadSheet = async () => (await import('read-excel-file/universal')).readSheet as ReadSheet;

/** A read export: its summary for the page, the request body on demand (built where the rows are), and close. */
export interface OpenedExport extends ExportSummary {
  encode: (choices: ImportChoices) => Promise<ImportBody>;
  close: () => void;
}

export type OpenResult = { ok: true; file: OpenedExport } | { ok: false; problem: ImportFileProblem };

/**
 * Reads a chosen file: limits first, then the parse in a Web Worker that keeps the rows (on the main thread where
 * there is no Worker, e.g. jsdom, or when the worker cannot start).
 */
export async function openExportFile(file: File): Promise<OpenResult> {
  if (file.size === 0) return { ok: false, problem: 'empty' };
  if (file.size > importFileLimits.maxBytes) return { ok: false, problem: 'tooLarge' };
  const bytes = await readFileBytes(file);
  const kind = exportKind(file.name, bytes);
  if (!kind) return { ok: false, problem: 'unsupported' };
  if (typeof Worker !== 'undefined') {
    try {
      return await openInWorker(kind, bytes);
    } catch {
      // The worker failed to start or to read: read here instead.
    }
  }
  return openHere(kind, bytes);
}

async function openHere(kind: ExportKind, bytes: ArrayBuffer): Promise<OpenResult> {
  const result = await readExport(kind, bytes, loadReadSheet);
  if (!result.ok) return result;
  const { header, rows } = result;
  const summary = summarizeExport(result) as ExportSummary;
  return { ok: true, file: { ...summary, encode: async (choices) => new TextEncoder().encode(importBodyJson(header, rows, choices)), close: () => {} } };
}

function openInWorker(kind: ExportKind, bytes: ArrayBuffer): Promise<OpenResult> {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve: (body: ImportBody) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let failed = false;
  const fail = () => {
    failed = true;
    worker.terminate();
    for (const { reject } of pending.values()) reject(new Error('worker failed'));
    pending.clear();
  };
  return new Promise<OpenResult>((resolve, reject) => {
    worker.onerror = (event) => {
      event.preventDefault();
      fail();
      reject(new Error('worker failed'));
    };
    worker.onmessage = (event: MessageEvent<{ type: 'read'; result: ReadSummary } | { type: 'encoded'; id: number; body: Blob }>) => {
      const message = event.data;
      if (message.type === 'encoded') {
        pending.get(message.id)?.resolve(message.body);
        pending.delete(message.id);
        return;
      }
      const result = message.result;
      if (!result.ok) {
        worker.terminate();
        return resolve(result);
      }
      const { header, sample, rowCount } = result;
      resolve({
        ok: true,
        file: {
          header,
          sample,
          rowCount,
          encode: (choices) =>
            new Promise((done, refuse) => {
              if (failed) return refuse(new Error('worker failed'));
              const id = ++nextId;
              pending.set(id, { resolve: done, reject: refuse });
              worker.postMessage({ type: 'encode', id, choices });
            }),
          // A body still being built when the file is closed is refused, not left waiting.
          close: fail,
        },
      });
    };
    // Copied, not transferred: if the worker fails, the bytes are still here to read on this thread.
    worker.postMessage({ type: 'read', kind, bytes });
  });
}
