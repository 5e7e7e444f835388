import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../src/export/png';
import { createNodeRasterizer, nodeResvgAssets } from '../../src/server/rasterizer-node';
import { createRasterizerPool } from '../../src/server/rasterizer-pool';
import { createNodePdfRenderer } from '../../src/server/pdf-node';
import { reportDocumentOf, type ReportExportData } from '../../src/export/export-data';
import { createTestApi } from '../support/test-api';
import { readPdf } from '../support/pdf-reader';

/**
 * The server draws the Word export's charts on worker threads (rasterizer-pool.ts) and writes their PNGs itself
 * (png.ts) instead of resvg's slower `asPng()`. The files must be valid PNGs with the drawn pixels, the same
 * from the pool as from this thread, and the pool keeps the content cache: a changed chart is drawn again.
 */

const chart = (label: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#eef"/><rect x="10" y="20" width="30" height="30" fill="#c33"/><text x="50" y="40" font-size="14">${label}</text></svg>`;

interface Chunk {
  type: string;
  data: Uint8Array;
}

function chunksOf(png: Uint8Array): Chunk[] {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    expect(view.getUint32(at + 8 + length), `CRC de ${type}`).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    out.push({ type, data });
    at += 12 + length;
  }
  return out;
}

/** The pixels of a PNG as drawn by resvg itself when the PNG is an <image> of an SVG of the same size. */
async function pixelsThroughResvg(png: Uint8Array, width: number, height: number): Promise<Uint8Array> {
  await createNodeRasterizer()(chart('x'), 10); // initialises the shared wasm
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/></svg>`;
  const resvg = new Resvg(svg, { background: '#ffffff' });
  const image = resvg.render();
  const pixels = image.pixels;
  image.free();
  resvg.free();
  return pixels;
}

describe('chart PNGs of the Word export', () => {
  const pool = createRasterizerPool({ size: 2 });
  afterAll(() => pool.close());

  it('writes a valid RGBA PNG whose rows are the pixels given', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255, 10, 20, 30, 255, 40, 50, 60, 255]);
    const png = encodePng(rgba, 3, 2, (raw) => new Uint8Array(deflateSync(raw)));
    const chunks = chunksOf(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const header = new DataView(chunks[0].data.buffer, chunks[0].data.byteOffset, 13);
    expect([header.getUint32(0), header.getUint32(4), chunks[0].data[8], chunks[0].data[9]]).toEqual([3, 2, 8, 6]);
    const raw = inflateSync(chunks[1].data);
    expect([...raw]).toEqual([0, ...rgba.subarray(0, 12), 0, ...rgba.subarray(12)]);
    expect(() => encodePng(rgba, 4, 2, (r) => r)).toThrow(/4×2/);
  });

  it('draws in the pool the same image as on this thread, and resvg reads it back pixel for pixel', async () => {
    const [fromPool, here] = await Promise.all([pool(chart('Hola'), 240), createNodeRasterizer()(chart('Hola'), 240)]);
    expect(Buffer.from(fromPool).equals(Buffer.from(here))).toBe(true);
    const { wasm } = nodeResvgAssets();
    await initWasm(wasm).catch(() => undefined);
    const direct = new Resvg(chart('Hola'), { fitTo: { mode: 'width', value: 240 }, background: '#ffffff', font: { fontBuffers: nodeResvgAssets().fonts, defaultFontFamily: 'DejaVu Sans' }, textRendering: 1, shapeRendering: 2 });
    const image = direct.render();
    const expected = image.pixels;
    const [width, height] = [image.width, image.height];
    image.free();
    direct.free();
    expect([width, height]).toEqual([240, 120]);
    expect(Buffer.from(await pixelsThroughResvg(fromPool, width, height)).equals(Buffer.from(expected))).toBe(true);
  });

  it('draws many charts at once on its threads, each once per content, and a changed chart again', async () => {
    const labels = Array.from({ length: 12 }, (_, i) => `Foro ${i}`);
    const first = await Promise.all(labels.map((label) => pool(chart(label), 200)));
    expect(new Set(first.map((png) => Buffer.from(png).toString('base64'))).size).toBe(12);
    expect(pool.cachedImages()).toBeGreaterThanOrEqual(12);
    // Asked again: the very same bytes (the cache), not a new drawing.
    expect(await pool(chart('Foro 3'), 200)).toBe(first[3]);
    // The figure changed: a different SVG, a different image.
    const changed = await pool(chart('Foro 3 (cambiado)'), 200);
    expect(Buffer.from(changed).equals(Buffer.from(first[3]))).toBe(false);
  });

  it('draws a warm-up\'s charts (low priority) only on idle threads: an export asked for meanwhile is not queued behind them', async () => {
    const background = Array.from({ length: 12 }, (_, i) => pool.background(chart(`Fondo ${i}`), 400));
    // One per thread went out; the other ten wait in the pool, not on the threads.
    expect(pool.queued()).toBe(10);
    const exported = Promise.all(Array.from({ length: 2 }, (_, i) => pool.uncached(chart(`Exportación ${i}`), 400)));
    // The export's charts went straight to the threads, ahead of the ten.
    expect(pool.queued()).toBe(10);
    expect(await exported).toHaveLength(2);
    expect(await Promise.all(background)).toHaveLength(12);
    expect(pool.queued()).toBe(0);
    // The same pixels as a chart drawn at normal priority.
    expect(Buffer.from(await pool.background(chart('igual'), 200)).equals(Buffer.from(await pool.uncached(chart('igual'), 200)))).toBe(true);
  });

  it('fails a chart that cannot be drawn, and keeps drawing the next ones', async () => {
    await expect(pool('<svg esto no es SVG', 200)).rejects.toThrow();
    expect((await pool(chart('después'), 200)).length).toBeGreaterThan(100);
  });
});

describe('the report PDF on the pool\'s threads', () => {
  const pool = createRasterizerPool({ size: 1 });
  afterAll(() => pool.close());

  it('builds the same PDF text as on this thread, off the event loop (the server\'s renderReportPdf)', async () => {
    const api = await createTestApi({ demo: true });
    const data = (await (await api.call('GET', '/api/reports/2022/export-data', { cookie: await api.login('editora') })).json()) as ReportExportData;
    const model = reportDocumentOf(data, '2026-03-02T15:00:00.000Z');
    const [onPool, here] = await Promise.all([pool.renderPdf(model), createNodePdfRenderer(createNodeRasterizer())(model)]);
    const read = readPdf(onPool);
    expect(read.title).toBe('Foros Virtuales de Participación 2022');
    expect(read.flatText).toContain('Gráfico 1. Cifras principales — Foro Políticas Públicas');
    expect(read.flatText).toBe(readPdf(here).flatText);
  }, 120_000);
});
