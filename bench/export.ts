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
import { ms, times, type ReportRow } from './report';

/**
 * `npm run bench` — export: the Word file of the 2022 demo report and of a generated year of 50 forums (each with
 * its three snapshots and the three series, so four charts per forum), built by the same code as the server route
 * (document model, SVG charts, resvg-wasm PNGs, docx), beside the same export with every chart image ready
 * (the baseline, same run). Charts are drawn as the server draws them: on its pool of worker threads
 * (src/server/rasterizer-pool.ts), images cached by content. Medians of the runs after one warm-up; the first export
 * (no image cached yet, on threads that have drawn before) and the first in the process (wasm compile, fonts) are shown apart.
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

/**
 * One export measured three ways in the same run: the first export after start (no chart drawn yet), the next
 * ones (charts from the image cache, as when a report is exported again), and the baseline with every image ready.
 */
async function measure(label: string, data: ReportExportData, runs: number, targets: { ratio?: number; ms?: number }, pool: RasterizerPool): Promise<ReportRow[]> {
  const section = 'Exportación a Word';
  // The server's rasteriser: its pool of worker threads (started, as on a server that has exported before),
  // with an empty image cache for the first export, then the cache filled by it for the next ones.
  const first = await time(data, withImageCache(pool.uncached));
  const cached = withImageCache(pool.uncached);
  await time(data, cached);
  const ready = await imagesReady(data, createUncachedNodeRasterizer());
  await time(data, ready);
  const again: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    again.push((await time(data, cached)).ms);
    base.push((await time(data, ready)).ms);
  }
  const [whole, baseline] = [median(again), median(base)];
  const name = `${label} (${first.charts} gráficos, ${(first.bytes / 1024).toFixed(0)} KB)`;
  const ok = (targets.ratio === undefined || whole / baseline <= targets.ratio) && (targets.ms === undefined || whole <= targets.ms);
  const target = [targets.ms !== undefined ? `≤ ${ms(targets.ms)}` : '', targets.ratio !== undefined ? `≤ ${targets.ratio}×` : ''].filter(Boolean).join(', ');
  return [
    { section, measure: `${name}, exportación completa, mediana de ${runs}`, value: ms(whole), baseline: `imágenes listas: ${ms(baseline)}`, ratio: times(whole / baseline), target, ok },
    { section, measure: `${name}, primera exportación (ningún gráfico en caché; hilos de dibujo ya iniciados)`, value: ms(first.ms), baseline: `imágenes listas: ${ms(baseline)}`, ratio: times(first.ms / baseline) },
  ];
}

export async function benchExport(options: ExportBenchOptions = defaultExportBench): Promise<ReportRow[]> {
  const section = 'Exportación a Word';
  const db = await openNodeDatabase(':memory:');
  await bootstrap(db, { demo: true, adminPassword: 'bench-contraseña-larga', passwordIterations: 1000 });
  const data2022 = await readExportData(db, 2022, '2026-12-01');
  await db.destroy();
  const pool = createRasterizerPool();
  try {
    const cold = await time(data2022, pool);
    return [
      { section, measure: 'Informe 2022, primera vez en el proceso (inicia los hilos de dibujo, compila el wasm, carga fuentes)', value: ms(cold.ms), target: `≤ ${ms(options.targetMs2022)}`, ok: cold.ms <= options.targetMs2022 },
      ...(await measure('Informe 2022', data2022, options.runs, { ratio: 1.5 }, pool)),
      ...(await measure(`Vigencia generada de ${options.forums} foros`, generatedYear(options.forums), options.runs, { ms: options.targetMsGenerated }, pool)),
    ];
  } finally {
    await pool.close();
  }
}
