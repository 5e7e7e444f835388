import { bootstrap } from '../src/api/bootstrap';
import { readExportData } from '../src/api/export-routes';
import { openNodeDatabase } from '../src/db/node-driver';
import { demoMetrics2022 } from '../src/domain/demo-metrics-2022';
import type { ForumMetricsInput } from '../src/domain/metrics';
import { buildStatistics } from '../src/domain/report-statistics';
import { docFromParagraphs } from '../src/domain/rich-text';
import type { ExportSection } from '../src/export/document-model';
import { exportReportDocx, type ReportExportData } from '../src/export/export-report';
import { createUncachedNodeRasterizer } from '../src/server/rasterizer-node';
import { createRasterizerPool, type RasterizerPool } from '../src/server/rasterizer-pool';
import { withImageCache, type RasterizeSvg } from '../src/export/rasterize';
import { createChartImages, storeChartImages } from '../src/api/chart-images';
import { chartImagesOf } from '../src/export/chart-images';
import { reportDocumentOf } from '../src/export/export-data';
import { forOrganization } from '../src/db/org-scope';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ms, times, type ReportRow } from './report';

/**
 * `npm run bench` — export: the Word file of the 2022 demo report and of a generated year of 50 forums (each with
 * its three snapshots and the three series, so four charts per forum), built by the same code as the server route
 * (document model, SVG charts, resvg-wasm PNGs, docx), beside the same export with every chart image ready
 * (the baseline, same run). Charts are drawn as the server draws them: on its pool of worker threads
 * (src/server/rasterizer-pool.ts), images cached by content in memory and in the database (src/api/chart-images.ts).
 * Medians of the runs after one warm-up; the first export after the background warm-up, the truly cold one (nothing
 * stored, on threads that have drawn before) and the first in the process (wasm compile, fonts) are shown apart.
 */

export interface ExportBenchOptions {
  runs: number;
  forums: number;
  targetMs2022: number;
  targetMsGenerated: number;
}

export const defaultExportBench: ExportBenchOptions = { runs: 3, forums: 50, targetMs2022: 2000, targetMsGenerated: 2000 };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A year of `count` forums with metrics and series, and a report with one section per forum, all approved. */
export function generatedYear(count: number): ReportExportData {
  const base = demoMetrics2022['2022-06-22'];
  const forums = Array.from({ length: count }, (_, i) => ({ id: i + 1, title: `Foro Virtual de Participación: Tema ${i + 1}`, date: `2030-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}` }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  const metricsByForumId: Record<string, ForumMetricsInput> = {};
  for (const forum of forums) {
    const days = Array.from({ length: 120 }, (_, d) => ({ date: new Date(Date.UTC(2030, 0, 1 + d)).toISOString().slice(0, 10), views: Math.round(300 / (1 + d) + (d % 7)) }));
    metricsByForumId[String(forum.id)] = {
      postCard: base.postCard,
      liveSummary: { ...base.liveSummary!, liveViewersCurve: Array.from({ length: 90 }, (_, m) => ({ minute: m, viewers: 5 + ((m * 7 + forum.id) % 40) })) },
      sincePublication: { ...base.sincePublication!, asOf: '2030-12-31', dailyViews: days, retentionCurve: Array.from({ length: 41 }, (_, k) => ({ interval: k, percent: Math.round(1000 * Math.exp(-k / 12)) / 10 })) },
    };
  }
  const paragraphs = ['Párrafo de prueba con el texto de la sección. '.repeat(12), 'Segundo párrafo de la sección, con más texto. '.repeat(8)];
  const kinds: Array<Pick<ExportSection, 'kind' | 'title' | 'forumId'>> = [
    { kind: 'introduction', title: 'Introducción', forumId: null },
    { kind: 'methodology', title: 'Metodología', forumId: null },
    ...forums.map((f) => ({ kind: 'forum' as const, title: `Foro Tema ${f.id}`, forumId: f.id })),
    { kind: 'statistics', title: 'Estadísticas de interacción ciudadana', forumId: null },
    { kind: 'conclusions', title: 'Conclusiones', forumId: null },
    { kind: 'recommendations', title: 'Recomendaciones', forumId: null },
  ];
  const sections: ExportSection[] = kinds.map((k, i) => ({ ...k, id: i + 1, position: i + 1, content: docFromParagraphs(paragraphs), recommendations: k.kind === 'recommendations' ? ['Primera recomendación', 'Segunda recomendación'] : [], state: 'approved' }));
  const metricsMap = new Map(Object.entries(metricsByForumId).map(([id, m]) => [Number(id), m]));
  return {
    report: { year: 2030, title: 'Foros Virtuales de Participación 2030', entity: 'Entidad de prueba', strategy: 'Estrategia de Rendición de Cuentas', preparedBy: { name: 'Nombre Apellido', role: 'Cargo', office: 'Oficina' } },
    sections,
    forums,
    metricsByForumId,
    statistics: buildStatistics(forums, metricsMap),
  };
}

async function time(data: ReportExportData, rasterize: RasterizeSvg) {
  const start = performance.now();
  const result = await exportReportDocx(data, { rasterize, generatedAt: new Date().toISOString() });
  return { ms: performance.now() - start, bytes: result.bytes.length, charts: result.document.blocks.filter((b) => b.type === 'chart').length };
}

/** Baseline: every chart's PNG drawn beforehand (by the same rasteriser), handed over at once. */
async function imagesReady(data: ReportExportData, draw: RasterizeSvg): Promise<RasterizeSvg> {
  const images = new Map<string, Uint8Array>();
  await exportReportDocx(data, {
    rasterize: async (svg, width) => {
      const png = await draw(svg, width);
      images.set(`${width}\n${svg}`, png);
      return png;
    },
    generatedAt: new Date().toISOString(),
  });
  return async (svg, width) => {
    const png = images.get(`${width}\n${svg}`);
    if (!png) throw new Error('Falta una imagen preparada: el documento cambió entre corridas.');
    return png;
  };
}

/** The server's path: the images stored in the database (chart-images.ts) first, then `draw` (the pool with its memory cache) for the rest. */
async function timeStored(data: ReportExportData, db: Kysely<Database>, draw: RasterizeSvg) {
  const images = createChartImages();
  const exported = images.forExport(db, draw);
  const start = performance.now();
  const result = await exportReportDocx(data, { rasterize: draw, generatedAt: new Date().toISOString(), prepare: exported.prepare });
  const took = performance.now() - start;
  exported.finish();
  // What the export drew is stored after its answer: waited for here, outside the time, so runs do not overlap.
  await images.idle();
  return { ms: took, bytes: result.bytes.length, charts: result.document.blocks.filter((b) => b.type === 'chart').length };
}

/**
 * One export measured in the same run, each beside the baseline (every image ready in memory):
 * - truly cold: nothing stored in the database, nothing in the memory cache (threads started);
 * - the first export after the warm-up (metrics saved, their charts drawn in the background and stored), by a
 *   server whose memory cache is empty (as after a restart, or weeks later): what an office sees;
 * - again: the next exports on the same server (database and memory cache warm).
 * The database is a SQLite file, closed and opened again between the warm-up and the export (a restart).
 */
async function measure(label: string, data: ReportExportData, runs: number, targets: { ratio?: number; ms?: number }, pool: RasterizerPool, open: () => Promise<Kysely<Database>>): Promise<ReportRow[]> {
  const section = 'Exportación a Word';
  const ready = await imagesReady(data, createUncachedNodeRasterizer());
  await time(data, ready);
  const charts = chartImagesOf(reportDocumentOf(data, new Date().toISOString()));
  const rows = { cold: [] as number[], first: [] as number[], again: [] as number[], memoryOnly: [] as number[], base: [] as number[], warmUp: [] as number[] };
  let shape = { bytes: 0, charts: 0 };
  // Rounds alternate every kind of export, so a burst of load on this shared machine hits all of them alike.
  for (let i = 0; i < runs; i++) {
    let db = await open();
    const scoped = () => forOrganization(db, 1);
    await db.deleteFrom('chart_images').execute();
    rows.cold.push((await timeStored(data, scoped(), withImageCache(pool.uncached))).ms);
    rows.base.push((await time(data, ready)).ms);

    // The warm-up after a metrics save: the year's charts drawn at low priority on the pool and stored.
    await db.deleteFrom('chart_images').execute();
    const warmStart = performance.now();
    await storeChartImages(scoped(), charts, pool.background);
    rows.warmUp.push(performance.now() - warmStart);
    await db.destroy();
    db = await open();

    // Weeks later, or after a restart: the database has the images, the memory cache is empty.
    const memory = withImageCache(pool.uncached);
    const first = await timeStored(data, scoped(), memory);
    shape = first;
    rows.first.push(first.ms);
    rows.base.push((await time(data, ready)).ms);
    rows.again.push((await timeStored(data, scoped(), memory)).ms);
    rows.memoryOnly.push((await time(data, memory)).ms);
    rows.base.push((await time(data, ready)).ms);
    await db.destroy();
  }
  const baseline = median(rows.base);
  const name = `${label} (${shape.charts} gráficos, ${(shape.bytes / 1024).toFixed(0)} KB)`;
  const meets = (value: number) => (targets.ratio === undefined || value / baseline <= targets.ratio) && (targets.ms === undefined || value <= targets.ms);
  const target = [targets.ms !== undefined ? `≤ ${ms(targets.ms)}` : '', targets.ratio !== undefined ? `≤ ${targets.ratio}×` : ''].filter(Boolean).join(', ');
  const beside = `imágenes listas: ${ms(baseline)}`;
  const row = (measure: string, values: number[], judged = true): ReportRow => {
    const value = median(values);
    return { section, measure: `${name}, ${measure}, mediana de ${values.length}`, value: ms(value), baseline: beside, ratio: times(value / baseline), ...(judged ? { target, ok: meets(value) } : {}) };
  };
  return [
    row('primera exportación tras guardar métricas (preparación terminada; imágenes en la base, caché de memoria vacía)', rows.first),
    row('primera exportación en frío (nada guardado ni en memoria; hilos iniciados)', rows.cold),
    row('otra vez (base + memoria)', rows.again),
    row('otra vez solo con la caché de memoria (sin la base)', rows.memoryOnly, false),
    { section, measure: `${name}, la preparación en segundo plano (${charts.length} gráficos dibujados con prioridad baja y guardados), mediana de ${runs}`, value: ms(median(rows.warmUp)) },
  ];
}

export async function benchExport(options: ExportBenchOptions = defaultExportBench): Promise<ReportRow[]> {
  const section = 'Exportación a Word';
  const dir = mkdtempSync(join(tmpdir(), 'foros-bench-export-'));
  const file = join(dir, 'foros.db');
  const db = await openNodeDatabase(file);
  await bootstrap(db, { demo: true, adminPassword: 'bench-contraseña-larga', passwordIterations: 1000 });
  const data2022 = await readExportData(db, 2022, '2026-12-01');
  await db.destroy();
  const open = () => openNodeDatabase(file);
  const pool = createRasterizerPool();
  try {
    const cold = await time(data2022, pool);
    return [
      { section, measure: 'Informe 2022, primera vez en el proceso (inicia los hilos de dibujo, compila el wasm, carga fuentes)', value: ms(cold.ms), target: `≤ ${ms(options.targetMs2022)}`, ok: cold.ms <= options.targetMs2022 },
      ...(await measure('Informe 2022', data2022, options.runs, { ratio: 1.5 }, pool, open)),
      ...(await measure(`Vigencia generada de ${options.forums} foros`, generatedYear(options.forums), options.runs, { ms: options.targetMsGenerated }, pool, open)),
    ];
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
