import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createChartImages, storeChartImages, type ChartImagesOptions } from '../../src/api/chart-images';
import type { ApiLogger } from '../../src/api/deps';
import { evictChartImages, readChartImages, saveChartImages } from '../../src/db/chart-image-queries';
import { forOrganization } from '../../src/db/org-scope';
import { demoMetrics2022 } from '../../src/domain/demo-metrics-2022';
import { exact } from '../../src/domain/metrics';
import type { RasterizeSvg } from '../../src/export/rasterize';
import { createUncachedNodeRasterizer } from '../../src/server/rasterizer-node';
import { readDocx } from '../support/docx-reader';
import { createTestApi, testApiOn, type TestApi } from '../support/test-api';

/**
 * The charts' PNGs kept in the database (0030, src/api/chart-images.ts) and drawn in the background after a metrics
 * change: a restart does not draw them again, a changed figure is a new image, the store keeps its bound, and an
 * export always carries the current figures — also when the warm-up has not finished.
 */

const real = createUncachedNodeRasterizer();

/** A rasteriser that counts what it draws (and draws it for real). */
function counting(): RasterizeSvg & { drawn: string[] } {
  const drawn: string[] = [];
  return Object.assign(
    async (svg: string, width: number) => {
      drawn.push(svg);
      return real(svg, width);
    },
    { drawn },
  );
}

const pngsOf = (bytes: Uint8Array) =>
  Object.entries(unzipSync(bytes))
    .filter(([name]) => name.startsWith('word/media/') && name.endsWith('.png'))
    .map(([, png]) => strFromU8(png, true));
const svgsOf = (bytes: Uint8Array) =>
  Object.entries(unzipSync(bytes))
    .filter(([name]) => name.startsWith('word/media/') && name.endsWith('.svg'))
    .map(([, svg]) => strFromU8(svg));

async function exportDocx(api: TestApi, cookie: string) {
  const res = await api.call('GET', '/api/reports/2022/export.docx', { cookie });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

/** Saves 4.321 plays on the forum of 22 June 2022 through the API, as an editor does. */
async function changePlays(api: TestApi, plays = 4321) {
  const editor = await api.login('editora');
  const { id } = await api.db.selectFrom('forums').select('id').where('date', '=', '2022-06-22').executeTakeFirstOrThrow();
  const current = await (await api.call('GET', `/api/forums/${id}/metrics`, { cookie: editor })).json();
  const changed = structuredClone(demoMetrics2022['2022-06-22']);
  changed.postCard!.plays = exact(plays);
  const saved = await api.call('PUT', `/api/forums/${id}/metrics`, { cookie: editor, body: { ...changed, version: current.version, acknowledgedWarnings: current.acknowledgedWarnings ?? [] } });
  expect(saved.status, await saved.clone().text()).toBe(200);
}

const storedCount = async (api: TestApi) => Number((await api.db.selectFrom('chart_images').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

function recordingLogger(): ApiLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => undefined, error: () => undefined, warn: (_fields, message) => warnings.push(message) };
}

async function withImages(options: ChartImagesOptions = {}) {
  const rasterizeSvg = counting();
  const chartImages = createChartImages(options);
  const api = await createTestApi({ demo: true, rasterizeSvg, chartImages });
  return { api, rasterizeSvg, chartImages, reviewer: await api.login('revisor') };
}

describe('chart images kept in the database', () => {
  it('a new server on the same database finds the images drawn before the restart: nothing is drawn again, the same PNGs', async () => {
    const { api, rasterizeSvg, chartImages, reviewer } = await withImages();
    const first = await exportDocx(api, reviewer);
    expect(rasterizeSvg.drawn).toHaveLength(3);
    await chartImages.idle();
    expect(await storedCount(api)).toBe(3);

    // The restart: a new API instance, a new (empty) in-memory rasteriser, the same database.
    const again = counting();
    const restarted = testApiOn(api.db, { rasterizeSvg: again, chartImages: createChartImages() });
    const second = await exportDocx(restarted, await restarted.login('revisor'));
    expect(again.drawn).toHaveLength(0);
    expect(pngsOf(second)).toEqual(pngsOf(first));
  });

  it('the published report’s Word file reads the stored images too: after a restart a citizen’s download draws nothing', async () => {
    const { api, chartImages, reviewer } = await withImages();
    const staff = await exportDocx(api, reviewer);
    await chartImages.idle();
    const again = counting();
    const restarted = testApiOn(api.db, { rasterizeSvg: again, chartImages: createChartImages() });
    const res = await restarted.call('GET', '/api/public/years/2022/report.docx');
    expect(res.status).toBe(200);
    expect(again.drawn).toHaveLength(0);
    expect(pngsOf(new Uint8Array(await res.arrayBuffer()))).toEqual(pngsOf(staff));
  });

  it('a changed figure is a new image: the export after a metrics change carries it, and only that chart is drawn', async () => {
    const { api, rasterizeSvg, chartImages, reviewer } = await withImages();
    const before = await exportDocx(api, reviewer);
    await chartImages.idle();
    const pngsBefore = new Set(pngsOf(before));

    await changePlays(api);
    rasterizeSvg.drawn.length = 0;
    const after = await exportDocx(api, reviewer);
    expect(readDocx(after).paragraphs.join('\n')).toContain('4.321');
    expect(svgsOf(after).filter((svg) => svg.includes('4.321'))).toHaveLength(1);
    expect(rasterizeSvg.drawn).toHaveLength(1);
    expect(rasterizeSvg.drawn[0]).toContain('4.321');
    expect(pngsOf(after).filter((png) => !pngsBefore.has(png))).toHaveLength(1);
    await chartImages.idle();
    // The old image stays (an older figure may come back) until the bound evicts it.
    expect(await storedCount(api)).toBe(4);
  });

  it('keeps an organisation’s images within the bound, the most recently used first, and each organisation sees only its own', async () => {
    const api = await createTestApi();
    // The API reads and writes them through the organisation's scoped store (the first organisation's here).
    const mine = forOrganization(api.db, 1);
    const png = (n: number) => new Uint8Array(1000).fill(n);
    await saveChartImages(mine, [{ key: 'a', png: png(1) }], '2026-01-01T00:00:00.000Z');
    await saveChartImages(mine, [{ key: 'b', png: png(2) }], '2026-01-02T00:00:00.000Z');
    await saveChartImages(mine, [{ key: 'c', png: png(3) }], '2026-01-03T00:00:00.000Z');
    // «a» used again by the latest export: the least recently used is now «b».
    await saveChartImages(mine, [{ key: 'a', png: png(1) }], '2026-01-04T00:00:00.000Z');
    expect(await evictChartImages(mine, 2500)).toBe(1);
    const left = await readChartImages(mine, ['a', 'b', 'c']);
    expect([...left.keys()].sort()).toEqual(['a', 'c']);
    expect([...left.get('a')!]).toEqual([...png(1)]);
    expect(await evictChartImages(mine, 2500)).toBe(0);

    const { id: other } = await api.db.insertInto('organizations').values({ name: 'Otra entidad', slug: 'otra', created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    const theirs = forOrganization(api.db, Number(other));
    expect((await readChartImages(theirs, ['a', 'c'])).size).toBe(0);
    await saveChartImages(theirs, [{ key: 'a', png: png(9) }], '2026-01-05T00:00:00.000Z');
    expect([...(await readChartImages(mine, ['a'])).get('a')!]).toEqual([...png(1)]);
    expect([...(await readChartImages(theirs, ['a'])).get('a')!]).toEqual([...png(9)]);
  });

  it('a warm-up of a big year stores every chart it draws (stored by twenties as they come)', async () => {
    const api = await createTestApi();
    const db = forOrganization(api.db, 1);
    const charts = Array.from({ length: 45 }, (_, i) => ({ id: `g${i}`, svg: `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>${i}</text></svg>`, width: 20 }));
    let drawn = 0;
    const fake: RasterizeSvg = async () => new Uint8Array([++drawn]);
    expect(await storeChartImages(db, charts, fake)).toEqual({ charts: 45, drawn: 45 });
    expect(await storedCount(api)).toBe(45);
    // Run again: everything is stored, nothing is drawn.
    expect(await storeChartImages(db, charts, fake)).toEqual({ charts: 45, drawn: 0 });
  });

  it('an export over the bound stores its images and leaves the store within it', async () => {
    const { api, chartImages, reviewer } = await withImages({ maxBytes: 1 });
    await exportDocx(api, reviewer);
    await chartImages.idle();
    // Each PNG is larger than the bound: none is kept.
    expect(await storedCount(api)).toBe(0);
  });
});

describe('charts drawn in the background after a metrics change', () => {
  it('after a save the changed chart is drawn and stored before anyone exports: the export draws nothing and carries the new figures', async () => {
    const background = counting();
    const { api, rasterizeSvg, chartImages, reviewer } = await withImages({ drawInBackground: background });
    await changePlays(api);
    await chartImages.idle();
    // The whole year's charts were missing from the store: all three drawn in the background.
    expect(background.drawn).toHaveLength(3);
    expect(background.drawn.filter((svg) => svg.includes('4.321'))).toHaveLength(1);

    const docx = await exportDocx(api, reviewer);
    expect(rasterizeSvg.drawn).toHaveLength(0);
    expect(readDocx(docx).paragraphs.join('\n')).toContain('4.321');

    // A second change draws only the chart it changed.
    background.drawn.length = 0;
    await changePlays(api, 5432);
    await chartImages.idle();
    expect(background.drawn).toHaveLength(1);
    expect(background.drawn[0]).toContain('5.432');
  });

  it('an export asked for before the warm-up is done draws what is missing itself, with the new figures', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const warmUpStarted = new Promise<void>((resolve) => (started = resolve));
    const background: RasterizeSvg = async (svg, width) => {
      started();
      await gate;
      return real(svg, width);
    };
    const { api, rasterizeSvg, chartImages, reviewer } = await withImages({ drawInBackground: background, debounceMs: 0 });
    await changePlays(api);
    await warmUpStarted;

    const docx = await exportDocx(api, reviewer);
    expect(readDocx(docx).paragraphs.join('\n')).toContain('4.321');
    expect(svgsOf(docx).filter((svg) => svg.includes('4.321'))).toHaveLength(1);
    expect(rasterizeSvg.drawn).toHaveLength(3);
    expect(rasterizeSvg.drawn.filter((svg) => svg.includes('4.321'))).toHaveLength(1);

    release();
    await chartImages.idle();
    expect(await storedCount(api)).toBe(3);
  });

  it('a warm-up that fails neither delays nor fails the save: the error is logged, the export draws', async () => {
    const logger = recordingLogger();
    const { api, rasterizeSvg, chartImages, reviewer } = await withImages({
      drawInBackground: async () => {
        throw new Error('sin hilos de dibujo');
      },
      logger,
    });
    await changePlays(api);
    await chartImages.idle();
    expect(logger.warnings).toEqual(['imágenes de gráficos: la preparación falló']);
    const docx = await exportDocx(api, reviewer);
    expect(readDocx(docx).paragraphs.join('\n')).toContain('4.321');
    expect(rasterizeSvg.drawn).toHaveLength(3);
  });

  it('many saves of the same year in a row are one warm-up', async () => {
    const background = counting();
    const { api, chartImages } = await withImages({ drawInBackground: background, debounceMs: 60_000 });
    await changePlays(api, 1111);
    await changePlays(api, 2222);
    await changePlays(api, 3333);
    await chartImages.idle();
    expect(background.drawn.filter((svg) => svg.includes('1.111') || svg.includes('2.222'))).toHaveLength(0);
    expect(background.drawn.filter((svg) => svg.includes('3.333'))).toHaveLength(1);
  });
});
