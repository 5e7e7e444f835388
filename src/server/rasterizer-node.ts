import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { createResvgRasterizer, createUncachedResvgRasterizer, type RasterizeSvg, type ResvgAssets } from '../export/rasterize';

const require = createRequire(import.meta.url);

/** The bytes of resvg's wasm, from node_modules. */
export const resvgWasmBytes = () => readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm'));

/** The wasm and the fonts of the rasteriser, read from node_modules (the same files the browser fetches). */
export function nodeResvgAssets(wasm: ResvgAssets['wasm'] = resvgWasmBytes()): ResvgAssets {
  return {
    wasm,
    fonts: [readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')), readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))].map((b) => new Uint8Array(b)),
    // Node's native zlib for the PNGs (png.ts): a few times faster than fflate.
    deflate: (raw) => deflateSync(raw, { level: 1 }),
  };
}

/** SVG → PNG in Node on this thread, images cached (tests, bench; the server uses the pool, rasterizer-pool.ts). */
export function createNodeRasterizer(): RasterizeSvg {
  return createResvgRasterizer(async () => nodeResvgAssets());
}

/** The same without the image cache (the bench's baseline draws every image beforehand with it; the pool's workers), optionally on a wasm module compiled already. */
export function createUncachedNodeRasterizer(wasm?: () => Promise<WebAssembly.Module>): RasterizeSvg {
  return createUncachedResvgRasterizer(async () => nodeResvgAssets(wasm ? await wasm() : undefined));
}
