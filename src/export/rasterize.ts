import { initWasm, Resvg } from '@resvg/resvg-wasm';

/**
 * SVG → PNG with resvg compiled to WebAssembly: the same renderer, the same font and so the same pixels in Node
 * (the server's export route, tests, bench) and in the browser (the «Descargar Word» button, mock mode). The
 * caller hands over the wasm and the font bytes, loaded its own way (node:fs on the server, a `?url` fetch in
 * the browser), so this file stays free of Node imports.
 */

/** Renders an SVG document to a PNG `width` pixels wide (height keeps the aspect ratio). */
export type RasterizeSvg = (svg: string, width: number) => Promise<Uint8Array>;

export interface ResvgAssets {
  /** The `index_bg.wasm` of @resvg/resvg-wasm: bytes, a compiled module, a Response or a URL. */
  wasm: Parameters<typeof initWasm>[0];
  /** TTF files; the first family is the default (DejaVu Sans). */
  fonts: Uint8Array[];
  defaultFontFamily?: string;
}

let ready: Promise<void> | null = null;

/** initWasm may run only once per page or process: every rasteriser shares it. */
function init(wasm: ResvgAssets['wasm']): Promise<void> {
  ready ??= initWasm(wasm).catch((error: unknown) => {
    // "Already initialized" (e.g. after a hot reload) is fine; anything else is retried next time.
    if (error instanceof Error && /already/i.test(error.message)) return;
    ready = null;
    throw error;
  });
  return ready;
}

/** A rasteriser over resvg-wasm with the given assets (loaded lazily on the first call). */
export function createResvgRasterizer(load: () => Promise<ResvgAssets>): RasterizeSvg {
  let assets: Promise<ResvgAssets> | null = null;
  return async (svg, width) => {
    assets ??= load().then(async (a) => {
      await init(a.wasm);
      return a;
    });
    const { fonts, defaultFontFamily = 'DejaVu Sans' } = await assets;
    const resvg = new Resvg(svg, {
      fitTo: { mode: 'width', value: Math.round(width) },
      background: '#ffffff',
      font: { fontBuffers: fonts, defaultFontFamily, sansSerifFamily: defaultFontFamily },
      textRendering: 1,
      shapeRendering: 2,
    });
    try {
      const image = resvg.render();
      try {
        return image.asPng();
      } finally {
        image.free();
      }
    } finally {
      resvg.free();
    }
  };
}
