import { parentPort } from 'node:worker_threads';
import type { ReportDocument } from '../export/document-model';
import { nodePdfFonts } from './pdf-node';
import { createUncachedNodeRasterizer } from './rasterizer-node';

/**
 * One thread of the rasteriser pool (rasterizer-pool.ts): first `{ wasm }` (resvg's module, compiled once by the
 * pool and shared by its threads, with the optimised code V8 makes of it), then `{ id, svg, width }` in, `{ id, png }`
 * (buffer transferred) or `{ id, error }` out. The fonts load on the first chart. Also a whole report as PDF:
 * `{ id, pdf: model }` in, `{ id, png: <the PDF's bytes> }` out — pdfkit's layout and font subsetting then run here,
 * not on the server's event loop (its charts drawn by this thread's own rasteriser); pdfkit loads on the first PDF.
 */
let gotWasm: (module: WebAssembly.Module) => void = () => undefined;
const wasm = new Promise<WebAssembly.Module>((resolve) => (gotWasm = resolve));
const rasterize = createUncachedNodeRasterizer(() => wasm);

type Job = { id: number; svg: string; width: number } | { id: number; pdf: ReportDocument };

async function run(job: Job): Promise<Uint8Array> {
  if ('pdf' in job) {
    const { buildReportPdf } = await import('../export/pdf');
    return buildReportPdf(job.pdf, { rasterize, fonts: nodePdfFonts() });
  }
  return rasterize(job.svg, job.width);
}

parentPort?.on('message', (job: { wasm: WebAssembly.Module } | Job) => {
  if ('wasm' in job) return gotWasm(job.wasm);
  run(job).then(
    (png) => parentPort?.postMessage({ id: job.id, png }, [png.buffer as ArrayBuffer]),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
