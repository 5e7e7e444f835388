import wasmUrl from '@resvg/resvg-wasm/index_bg.wasm?url';
import sansUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import sansBoldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { createResvgRasterizer, type RasterizeSvg } from './rasterize';

/**
 * The rasteriser in the browser (the «Descargar Word» button and the mock API): Vite emits the wasm and the two
 * DejaVu Sans files as assets, fetched only on the first export. Import this file lazily (it is Vite-only).
 */
async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`No se pudo cargar ${url} (${res.status}).`);
  return new Uint8Array(await res.arrayBuffer());
}

let shared: RasterizeSvg | null = null;

export function browserRasterizer(): RasterizeSvg {
  shared ??= createResvgRasterizer(async () => {
    const [wasm, ...fonts] = await Promise.all([fetchBytes(wasmUrl), fetchBytes(sansUrl), fetchBytes(sansBoldUrl)]);
    return { wasm, fonts };
  });
  return shared;
}
