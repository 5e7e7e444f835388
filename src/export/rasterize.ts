import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { encodePng, type ZlibDeflate } from './png';

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
  /** zlib for the PNG (png.ts): Node's native one on the server; without it resvg's own `asPng()`. */
  deflate?: ZlibDeflate;
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

/**
 * Keeps the PNG of each chart by the SHA-256 of its SVG and width: a chart whose figures did not change is not
 * drawn again (rasterising was ~80% of a Word export). The key is the content itself, so a changed figure, label
 * or size is a different key: nothing to invalidate. Bounded by the bytes kept (oldest out first); a chart asked
 * for twice at once is drawn once.
 */
export function withImageCache(rasterize: RasterizeSvg, maxBytes = 64 * 1024 * 1024): RasterizeSvg & { cachedImages: () => number } {
  const images = new Map<string, Promise<Uint8Array>>();
  const sizes = new Map<string, number>();
  let bytes = 0;
  const keyOf = async (svg: string, width: number) => {
    // Without Web Crypto (a page served over plain HTTP to another host) the text itself is the key.
    if (!globalThis.crypto?.subtle) return `${width}\n${svg}`;
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${width}\n${svg}`));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  };
  const cached = async (svg: string, width: number) => {
    const key = await keyOf(svg, width);
    const hit = images.get(key);
    if (hit) {
      images.delete(key);
      images.set(key, hit);
      return hit;
    }
    const png = rasterize(svg, width);
    images.set(key, png);
    try {
      const done = await png;
      sizes.set(key, done.length);
      bytes += done.length;
      for (const [oldest] of images) {
        if (bytes <= maxBytes || oldest === key) break;
        images.delete(oldest);
        bytes -= sizes.get(oldest) ?? 0;
        sizes.delete(oldest);
      }
      return done;
    } catch (error) {
      images.delete(key);
      throw error;
    }
  };
  return Object.assign(cached, { cachedImages: () => images.size });
}

/** A rasteriser over resvg-wasm with the given assets (loaded lazily on the first call), its images cached (withImageCache). */
export function createResvgRasterizer(load: () => Promise<ResvgAssets>): RasterizeSvg {
  return withImageCache(createUncachedResvgRasterizer(load));
}

/** The same without the image cache (the bench compares both). */
export function createUncachedResvgRasterizer(load: () => Promise<ResvgAssets>): RasterizeSvg {
  let assets: Promise<ResvgAssets> | null = null;
  return async (svg, width) => {
    assets ??= load().then(async (a) => {
      await init(a.wasm);
      return a;
    });
    const { fonts, defaultFontFamily = 'DejaVu Sans', deflate } = await assets;
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
        // asPng()'s compression took 60% of a chart's time: with a fast zlib at hand, png.ts writes the file.
        return deflate ? encodePng(image.pixels, image.width, image.height, deflate) : image.asPng();
      } finally {
        image.free();
      }
    } finally {
      resvg.free();
    }
  };
}
