import { inWorkerOrHere } from '../../lib/worker-or-here';
import { exportKind, importFileLimits, readExport, type ReadExport, type ReadSheet } from './consultation-import-read';

/** The XLSX reader, loaded only when a spreadsheet is read on this thread. */
const loadReadSheet = async () => (await import('read-excel-file/universal')).readSheet as ReadSheet;

/** Reads a chosen file: limits first, then the parse in a Web Worker (on the main thread where there is none, e.g. jsdom). */
export async function parseExportFile(file: File): Promise<ReadExport> {
  if (file.size === 0) return { ok: false, problem: 'empty' };
  if (file.size > importFileLimits.maxBytes) return { ok: false, problem: 'tooLarge' };
  const bytes = await readBytes(file);
  const kind = exportKind(file.name, bytes);
  if (!kind) return { ok: false, problem: 'unsupported' };
  // Copied, not transferred: if the worker fails, the bytes are still here to read on this thread.
  return inWorkerOrHere<ReadExport>(
    () => new Worker(new URL('./consultation-import-worker.ts', import.meta.url), { type: 'module' }),
    { kind, bytes },
    () => readExport(kind, bytes, loadReadSheet),
  );
}

function readBytes(file: File): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}
