import { bootstrap } from '../src/api/bootstrap';
import { readExportData } from '../src/api/export-routes';
import { openNodeDatabase } from '../src/db/node-driver';
import { demoMetrics2022 } from '../src/domain/demo-metrics-2022';
import type { ForumMetricsInput } from '../src/domain/metrics';
import { buildStatistics } from '../src/domain/report-statistics';
import { docFromParagraphs } from '../src/domain/rich-text';
import type { ExportSection } from '../src/export/document-model';
import { exportReportDocx, type ReportExportData } from '../src/export/export-report';
import { createNodeRasterizer } from '../src/server/rasterizer-node';
import { ms, type ReportRow } from './report';

/**
 * `npm run bench` — export: the Word file of the 2022 demo report and of a generated year of 50 forums (each with
 * its three snapshots and the three series, so four charts per forum), built by the same code as the server route
 * (document model, SVG charts, resvg-wasm PNGs, docx). Median of the runs after one warm-up; the cold first run
 * (wasm compile, fonts) is shown apart.
 */

export interface ExportBenchOptions {
  runs: number;
  forums: number;
  targetMs2022: number;
  targetMsGenerated: number;
}

export const defaultExportBench: ExportBenchOptions = { runs: 3, forums: 50, targetMs2022: 2000, targetMsGenerated: 10_000 };

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

async function time(data: ReportExportData, rasterize: ReturnType<typeof createNodeRasterizer>) {
  const start = performance.now();
  const result = await exportReportDocx(data, { rasterize, generatedAt: new Date().toISOString() });
  return { ms: performance.now() - start, bytes: result.bytes.length, charts: result.document.blocks.filter((b) => b.type === 'chart').length };
}

export async function benchExport(options: ExportBenchOptions = defaultExportBench): Promise<ReportRow[]> {
  const section = 'Exportación a Word';
  const db = await openNodeDatabase(':memory:');
  await bootstrap(db, { demo: true, adminPassword: 'bench-contraseña-larga', passwordIterations: 1000 });
  const data2022 = await readExportData(db, 2022);
  await db.destroy();
  const generated = generatedYear(options.forums);
  const rasterize = createNodeRasterizer();

  const cold = await time(data2022, rasterize);
  const runs2022: number[] = [];
  for (let i = 0; i < options.runs; i++) runs2022.push((await time(data2022, rasterize)).ms);
  await time(generated, rasterize);
  const runsGenerated: number[] = [];
  let last = { bytes: 0, charts: 0 };
  for (let i = 0; i < options.runs; i++) {
    const r = await time(generated, rasterize);
    runsGenerated.push(r.ms);
    last = r;
  }
  const m2022 = median(runs2022);
  const mGenerated = median(runsGenerated);
  return [
    { section, measure: `Informe 2022 (${cold.charts} gráficos, ${(cold.bytes / 1024).toFixed(0)} KB), mediana de ${options.runs}`, value: ms(m2022), target: `≤ ${ms(options.targetMs2022)}`, ok: m2022 <= options.targetMs2022 },
    { section, measure: 'Informe 2022, primera vez (carga wasm y fuentes)', value: ms(cold.ms), target: `≤ ${ms(options.targetMs2022)}`, ok: cold.ms <= options.targetMs2022 },
    {
      section,
      measure: `Vigencia generada de ${options.forums} foros (${last.charts} gráficos, ${(last.bytes / 1024).toFixed(0)} KB), mediana de ${options.runs}`,
      value: ms(mGenerated),
      target: `≤ ${ms(options.targetMsGenerated)}`,
      ok: mGenerated <= options.targetMsGenerated,
    },
  ];
}
