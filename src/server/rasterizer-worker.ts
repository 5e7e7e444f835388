import { parentPort } from 'node:worker_threads';
import { createUncachedNodeRasterizer } from './rasterizer-node';

/**
 * One thread of the rasteriser pool (rasterizer-pool.ts): first `{ wasm }` (resvg's module, compiled once by the
 * pool and shared by its threads, with the optimised code V8 makes of it), then `{ id, svg, width }` in, `{ id, png }`
 * (buffer transferred) or `{ id, error }` out. The fonts load on the first chart.
 */
let gotWasm: (module: WebAssembly.Module) => void = () => undefined;
const wasm = new Promise<WebAssembly.Module>((resolve) => (gotWasm = resolve));
const rasterize = createUncachedNodeRasterizer(() => wasm);

parentPort?.on('message', (job: { wasm: WebAssembly.Module } | { id: number; svg: string; width: number }) => {
  if ('wasm' in job) return gotWasm(job.wasm);
  rasterize(job.svg, job.width).then(
    (png) => parentPort?.postMessage({ id: job.id, png }, [png.buffer as ArrayBuffer]),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
