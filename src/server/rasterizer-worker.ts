import { parentPort } from 'node:worker_threads';
import { createUncachedNodeRasterizer } from './rasterizer-node';

/**
 * One thread of the rasteriser pool (rasterizer-pool.ts): `{ id, svg, width }` in, `{ id, png }` (buffer
 * transferred) or `{ id, error }` out. The wasm and fonts load on the first chart.
 */
const rasterize = createUncachedNodeRasterizer();

parentPort?.on('message', (job: { id: number; svg: string; width: number }) => {
  rasterize(job.svg, job.width).then(
    (png) => parentPort?.postMessage({ id: job.id, png }, [png.buffer as ArrayBuffer]),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
