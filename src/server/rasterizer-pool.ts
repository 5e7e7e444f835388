import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderReportPdf } from '../export/pdf';
import { withImageCache, type RasterizeSvg } from '../export/rasterize';
import { resvgWasmBytes } from './rasterizer-node';

/**
 * The server's rasteriser: charts drawn on `size` worker threads (rasterizer-worker.ts), so the first export of a
 * year's 200 charts uses every core instead of one, and the event loop keeps answering other requests while
 * they are drawn. The images are cached by content in this thread (withImageCache), as before.
 * Workers start on the first chart and are not kept alive for the process (unref): an idle server exits as before.
 */

interface Job {
  resolve: (png: Uint8Array) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

/** The worker's file: the bundle's (dist-server/rasterizer-worker.mjs, beside main.mjs or one folder up from a chunk) or the source. */
function workerFile(): { file: string; typescript: boolean } {
  for (const candidate of ['./rasterizer-worker.mjs', '../rasterizer-worker.mjs']) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return { file, typescript: false };
  }
  return { file: fileURLToPath(new URL('./rasterizer-worker.ts', import.meta.url)), typescript: true };
}

export interface RasterizerPool extends RasterizeSvg {
  /** The workers without the image cache (the bench's first export of a year, on threads that drew before). */
  uncached: RasterizeSvg;
  /**
   * Low priority, without the image cache (the charts' warm-up, src/api/chart-images.ts): a chart goes to a thread only
   * when that thread has nothing else to do, so an export asked for meanwhile waits for one chart per thread at most.
   */
  background: RasterizeSvg;
  /** Low-priority charts waiting for an idle thread. */
  queued: () => number;
  /** The report as PDF, built on one of the threads (layout, fonts and its charts there: the event loop stays free). */
  renderPdf: RenderReportPdf;
  /** Starts every worker and loads its wasm and fonts (a blank drawing), so the next export only draws. */
  warm: () => Promise<void>;
  /** Stops the workers (pending charts fail). */
  close: () => Promise<void>;
  cachedImages: () => number;
}

export function createRasterizerPool(options: { size?: number; maxCacheBytes?: number } = {}): RasterizerPool {
  const size = Math.max(1, options.size ?? Math.min(4, availableParallelism()));
  const slots: Array<Slot | null> = Array.from({ length: size }, () => null);
  let nextId = 1;
  // resvg compiled once, here, and handed to every worker: they share its code, so V8 optimises it once, not per thread.
  let compiled: Promise<WebAssembly.Module> | null = null;

  const start = (index: number): Slot => {
    const { file, typescript } = workerFile();
    // From source (tests, bench, `npm run dev`) the worker registers tsx's loader itself: Node 20 does not run a
    // parent's `--import` hooks in worker threads.
    const worker = typescript
      ? new Worker(`import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(pathToFileURL(file).href)});`, { eval: true })
      : new Worker(file);
    worker.unref();
    const slot: Slot = { worker, jobs: new Map() };
    compiled ??= WebAssembly.compile(resvgWasmBytes());
    compiled.then(
      (wasm) => worker.postMessage({ wasm }),
      (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
    );
    function fail(error: Error) {
      if (slots[index] === slot) slots[index] = null;
      for (const job of slot.jobs.values()) job.reject(error);
      slot.jobs.clear();
    }
    worker.on('message', (message: { id: number; png?: Uint8Array; error?: string }) => {
      const job = slot.jobs.get(message.id);
      if (!job) return;
      slot.jobs.delete(message.id);
      if (message.png) job.resolve(new Uint8Array(message.png.buffer, message.png.byteOffset, message.png.byteLength));
      else job.reject(new Error(message.error ?? 'El gráfico no se pudo dibujar.'));
      pump();
      if (slot.jobs.size === 0) worker.unref();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`El proceso de dibujo de gráficos terminó (código ${code}).`)));
    return slot;
  };

  type Message = { svg: string; width: number } | { pdf: unknown };
  /** Sends one job to this worker (a dead one is started again); its answer's bytes. */
  const sendTo = (index: number, job: Message): Promise<Uint8Array> => {
    const slot = (slots[index] ??= start(index));
    const id = nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      slot.jobs.set(id, { resolve, reject });
      // Kept alive while it has work: an export in progress is not cut short by an otherwise idle process.
      slot.worker.ref();
      slot.worker.postMessage({ id, ...job });
    });
  };
  /** Sends one job to the least busy worker. */
  const send = (job: Message): Promise<Uint8Array> => {
    let index = 0;
    for (let i = 0; i < size; i++) {
      const load = slots[i]?.jobs.size ?? 0;
      if (load < (slots[index]?.jobs.size ?? 0)) index = i;
    }
    return sendTo(index, job);
  };
  const draw: RasterizeSvg = (svg, width) => send({ svg, width });

  // The low-priority queue: each job waits here until some worker has no job at all.
  const waiting: Array<{ svg: string; width: number; resolve: (png: Uint8Array) => void; reject: (error: Error) => void }> = [];
  function pump() {
    for (let i = 0; i < size && waiting.length > 0; i++) {
      if ((slots[i]?.jobs.size ?? 0) > 0) continue;
      const next = waiting.shift()!;
      sendTo(i, { svg: next.svg, width: next.width }).then(next.resolve, next.reject);
    }
  }
  const background: RasterizeSvg = (svg, width) =>
    new Promise<Uint8Array>((resolve, reject) => {
      waiting.push({ svg, width, resolve, reject });
      pump();
    });

  const cached = withImageCache(draw, options.maxCacheBytes);
  return Object.assign((svg: string, width: number) => cached(svg, width), {
    cachedImages: cached.cachedImages,
    uncached: draw,
    background,
    queued: () => waiting.length,
    renderPdf: ((model) => send({ pdf: model })) satisfies RenderReportPdf,
    warm: async () => {
      const blank = '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"><text x="0" y="2">0</text></svg>';
      await Promise.all(Array.from({ length: size }, () => draw(blank, 2)));
    },
    close: async () => {
      for (const job of waiting.splice(0)) job.reject(new Error('El proceso de dibujo de gráficos se detuvo.'));
      const running = slots.filter((slot): slot is Slot => slot !== null);
      slots.fill(null);
      await Promise.all(running.map((slot) => slot.worker.terminate()));
    },
  });
}
