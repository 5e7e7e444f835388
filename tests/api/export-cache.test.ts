import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { demoMetrics2022 } from '../../src/domain/demo-metrics-2022';
import { exact } from '../../src/domain/metrics';
import { createNodeRasterizer } from '../../src/server/rasterizer-node';
import { withImageCache } from '../../src/export/rasterize';
import { createTestApi } from '../support/test-api';
import { readDocx } from '../support/docx-reader';

/**
 * The Word export keeps each chart's PNG by the hash of its SVG (src/export/rasterize.ts). A changed figure is a
 * different chart, so the next export must carry it, in the text and in the chart's images.
 */
describe('chart image cache of the Word export', () => {
  const media = (bytes: Uint8Array) => {
    const zip = unzipSync(bytes);
    return Object.entries(zip).filter(([name]) => name.startsWith('word/media/'));
  };

  it('an export after a metrics change carries the new figures, in the tables and in the chart (SVG and PNG)', async () => {
    const api = await createTestApi({ demo: true });
    const editor = await api.login('editora');
    const reviewer = await api.login('revisor');
    const exportDocx = async () => {
      const res = await api.call('GET', '/api/reports/2022/export.docx', { cookie: reviewer });
      expect(res.status).toBe(200);
      return new Uint8Array(await res.arrayBuffer());
    };

    const before = await exportDocx();
    expect(readDocx(before).paragraphs.join('\n')).not.toContain('4.321');
    const pngsBefore = new Set(media(before).filter(([n]) => n.endsWith('.png')).map(([, b]) => strFromU8(b, true)));
    const again = await exportDocx();
    expect(new Set(media(again).filter(([n]) => n.endsWith('.png')).map(([, b]) => strFromU8(b, true)))).toEqual(pngsBefore);

    const { id } = await api.db.selectFrom('forums').select('id').where('date', '=', '2022-06-22').executeTakeFirstOrThrow();
    const current = await (await api.call('GET', `/api/forums/${id}/metrics`, { cookie: editor })).json();
    const changed = structuredClone(demoMetrics2022['2022-06-22']);
    changed.postCard!.plays = exact(4321);
    const saved = await api.call('PUT', `/api/forums/${id}/metrics`, { cookie: editor, body: { ...changed, version: current.version, acknowledgedWarnings: current.acknowledgedWarnings ?? [] } });
    expect(saved.status, await saved.clone().text()).toBe(200);

    const after = await exportDocx();
    const docx = readDocx(after);
    expect(docx.paragraphs.join('\n')).toContain('4.321');
    const svgs = media(after).filter(([n]) => n.endsWith('.svg')).map(([, b]) => strFromU8(b));
    expect(svgs.filter((svg) => svg.includes('4.321'))).toHaveLength(1);
    const pngsAfter = media(after).filter(([n]) => n.endsWith('.png')).map(([, b]) => strFromU8(b, true));
    expect(pngsAfter).toHaveLength(3);
    // Exactly one chart changed: its PNG is new, the other two are the cached ones.
    expect(pngsAfter.filter((png) => !pngsBefore.has(png))).toHaveLength(1);
  });

  it('draws a chart once per content and width, again when either changes, and keeps within its byte bound', async () => {
    const drawn: string[] = [];
    const real = createNodeRasterizer();
    const cache = withImageCache(async (svg, width) => {
      drawn.push(`${width}:${svg.length}`);
      return real(svg, width);
    }, 2_000);
    const svg = (label: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50" fill="#eef"/><text x="10" y="30">${label}</text></svg>`;
    const [a1, a2] = await Promise.all([cache(svg('uno'), 200), cache(svg('uno'), 200)]);
    expect(a1).toBe(a2);
    expect(drawn).toHaveLength(1);
    expect(await cache(svg('uno'), 200)).toBe(a1);
    expect(drawn).toHaveLength(1);
    await cache(svg('uno'), 300);
    await cache(svg('dos'), 200);
    expect(drawn).toHaveLength(3);
    // Three PNGs of ~1 KB each do not fit in 2 KB: the oldest went out, so it is drawn again.
    expect(cache.cachedImages()).toBeLessThan(3);
    await cache(svg('uno'), 200);
    expect(drawn).toHaveLength(4);
  });
});
