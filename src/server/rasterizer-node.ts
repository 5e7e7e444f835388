import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createResvgRasterizer, createUncachedResvgRasterizer, type RasterizeSvg } from '../export/rasterize';

const require = createRequire(import.meta.url);

/** The wasm and the fonts of the rasteriser, read from node_modules (the same files the browser fetches). */
export function nodeResvgAssets() {
  return {
    wasm: readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')),
    fonts: [readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')), readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))].map((b) => new Uint8Array(b)),
  };
}

/** SVG → PNG in Node, for the server's export route, the tests and the bench. */
export function createNodeRasterizer(): RasterizeSvg {
  return createResvgRasterizer(async () => nodeResvgAssets());
}

/** The same without the image cache (the bench's baseline draws every image beforehand with it). */
export function createUncachedNodeRasterizer(): RasterizeSvg {
  return createUncachedResvgRasterizer(async () => nodeResvgAssets());
}
