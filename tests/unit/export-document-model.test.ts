import { beforeAll, describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../src/db/node-driver';
import { bootstrap } from '../../src/api/bootstrap';
import { readExportData } from '../../src/api/export-routes';
import { buildReportDocument, documentCharts, runsText, type DocBlock, type ParagraphBlock, type ReportDocument, type TableBlock } from '../../src/export/document-model';
import type { ReportExportData } from '../../src/export/export-report';
import { reportDocumentOf } from '../../src/export/export-report';
import { renderChartSvg } from '../../src/export/chart-svg';

/** The 2022 demo (the seed's report) read as the export reads it, and its document model. */
let data: ReportExportData;
let doc: ReportDocument;

beforeAll(async () => {
  const db = await openNodeDatabase(':memory:');
  await bootstrap(db, { demo: true, adminPassword: 'x-contraseña-larga', passwordIterations: 1000 });
  data = await readExportData(db, 2022, '2026-12-01');
  doc = reportDocumentOf(data, '2022-10-21T15:00:00.000Z');
  await db.destroy();
});

const headings = (blocks: DocBlock[], level: number) => blocks.filter((b) => b.type === 'heading' && b.level === level).map((b) => (b.type === 'heading' ? `${b.number ? `${b.number}. ` : ''}${b.text}` : ''));
const tables = () => doc.blocks.filter((b): b is TableBlock => b.type === 'table');
const row = (table: TableBlock, label: string) => table.rows.find((r) => r.label === label)?.value;

describe('report document model (2022 demo)', () => {
  it('has every section of the seed in its order and numbering, then the Elaboró block', () => {
    expect(headings(doc.blocks, 1)).toEqual([
      '1. Introducción',
      '2. Metodología',
      '3. Foro Políticas Públicas',
      '4. Foro Modelo Integrado de Planeación y Gestión — MIPG',
      '5. Foro Causas Ciudadanas',
      '6. Estadísticas de interacción ciudadana',
      '7. Conclusiones',
      '8. Recomendaciones',
    ]);
    expect(doc.blocks.filter((b) => b.type === 'heading' && b.level === 1).every((b) => b.type === 'heading' && b.pageBreakBefore)).toBe(true);
    const last = doc.blocks[doc.blocks.length - 1];
    expect(last).toEqual({ type: 'signature', title: 'Elaboró', name: 'Edwin Alvaro Herrera Gonzalez', role: 'Líder Rendición de Cuentas y Política Pública de Participación', office: 'Oficina Asesora de Planeación', anchor: 'elaboro' });
    expect(doc.toc.filter((e) => e.level === 1).map((e) => `${e.number}. ${e.title}`)).toEqual(headings(doc.blocks, 1));
    expect(doc.toc.filter((e) => e.level === 2).map((e) => e.title)).toEqual(['Foro Políticas Públicas', 'Foro Modelo Integrado de Planeación y Gestión — MIPG', 'Foro Causas Ciudadanas']);
  });

  it('carries no instructions for editors (issue 10, item 8): the Word file and the print view are for readers', () => {
    expect(JSON.stringify(doc)).not.toMatch(/impórtela|péguela|cámbiel|formulario de métricas|página de métricas|Tema de ejemplo/i);
  });

  it('is final (no draft, nothing pending) with the title page data', () => {
    expect(doc.draft).toBe(false);
    expect(doc.pendingSections).toEqual([]);
    expect(doc.title).toBe('Foros Virtuales de Participación 2022');
    expect(doc.entity).toContain('IDIPRON');
    expect(doc.year).toBe(2022);
    expect(doc.generatedAtText).toBe('21/10/2022, 10:00');
  });

  it('writes the export’s time on the organisation’s clock when its data names another zone', () => {
    const elsewhere = reportDocumentOf({ ...data, timeZone: 'Pacific/Kiritimati' }, '2022-10-21T15:00:00.000Z');
    expect(elsewhere.generatedAtText).toBe('22/10/2022, 05:00');
  });

  it('keeps the formatting: the introduction link, the recommendations as a bulleted list before their closing text', () => {
    const intro = doc.blocks.find((b) => b.type === 'paragraph' && b.runs.some((r) => r.type === 'text' && r.link));
    expect(intro && intro.type === 'paragraph' && intro.runs.find((r) => r.type === 'text' && r.link)).toMatchObject({ text: 'naturaleza pública', link: expect.stringMatching(/^http:\/\/intranet\.idipron\.gov\.co/) });
    const at = doc.blocks.findIndex((b) => b.type === 'heading' && b.text === 'Recomendaciones');
    const list = doc.blocks[at + 1];
    expect(list.type).toBe('list');
    if (list.type !== 'list') return;
    expect(list.ordered).toBe(false);
    expect(list.items).toHaveLength(3);
    expect(runsText((list.items[0].blocks[0] as ParagraphBlock).runs)).toMatch(/^Vincular otras áreas en la estrategia de Foros Virtuales/);
    const closing = doc.blocks[at + 2];
    expect(closing.type === 'paragraph' && runsText(closing.runs)).toMatch(/^Se seguirá fortaleciendo la articulación/);
  });

  it('has every figure of the seed section 6, es-CO, approximate ones marked', () => {
    const t = tables();
    expect(t.map((x) => x.caption)).toEqual([
      'Tabla 1. Publicación — Foro Políticas Públicas',
      'Tabla 2. Resumen de la transmisión en vivo — Foro Políticas Públicas',
      'Tabla 3. Rendimiento desde la publicación — Foro Políticas Públicas',
      'Tabla 4. Publicación — Foro Modelo Integrado de Planeación y Gestión — MIPG',
      'Tabla 5. Resumen de la transmisión en vivo — Foro Modelo Integrado de Planeación y Gestión — MIPG',
      'Tabla 6. Rendimiento desde la publicación — Foro Modelo Integrado de Planeación y Gestión — MIPG',
      'Tabla 7. Publicación — Foro Causas Ciudadanas',
      'Tabla 8. Resumen de la transmisión en vivo — Foro Causas Ciudadanas',
      'Tabla 9. Rendimiento desde la publicación — Foro Causas Ciudadanas',
    ]);
    // Políticas Públicas: post card, live summary, since publication.
    expect([row(t[0], 'Reacciones'), row(t[0], 'Comentarios'), row(t[0], 'Reproducciones'), row(t[0], 'Personas alcanzadas'), row(t[0], 'Reproducciones de video de 3 segundos')]).toEqual(['24', '11', '236', '650', '236']);
    expect(row(t[0], 'Interacciones (reacciones, comentarios y veces compartido)')).toBe('50');
    expect([row(t[1], 'Duración de la transmisión'), row(t[1], 'Número máximo de espectadores en vivo'), row(t[1], 'Reacciones'), row(t[1], 'Comentarios'), row(t[1], 'Veces compartido')]).toEqual(['01:11:33', '19', '16', '11', '1']);
    expect([row(t[1], 'Reproducciones de video de 3 segundos'), row(t[1], 'Reproducciones de video de 1 minuto'), row(t[1], 'Promedio de minutos reproducidos'), row(t[1], 'Minutos reproducidos')]).toEqual(['113', '39', '2:42', '549 min 57 s']);
    expect([row(t[2], 'Reproducciones de video de 3 segundos'), row(t[2], 'Reproducciones de video de 1 minuto'), row(t[2], 'Promedio de minutos reproducidos'), row(t[2], 'Minutos reproducidos')]).toEqual(['236', '47', '1:04', '627 min']);
    expect([row(t[2], 'Reproducciones de video de 15 segundos'), row(t[2], 'Espectadores de 3 segundos'), row(t[2], 'Personas alcanzadas')]).toEqual(['85', '199', '650']);
    // MIPG.
    expect([row(t[3], 'Reacciones'), row(t[3], 'Comentarios'), row(t[3], 'Reproducciones'), row(t[3], 'Personas alcanzadas')]).toEqual(['44', '10', '441', '883']);
    expect([row(t[4], 'Duración de la transmisión'), row(t[4], 'Número máximo de espectadores en vivo'), row(t[4], 'Promedio de minutos reproducidos'), row(t[4], 'Minutos reproducidos')]).toEqual(['00:56:39', '40', '2:57', '1.153 min 5 s']);
    expect([row(t[5], 'Reproducciones de video de 1 minuto'), row(t[5], 'Promedio de minutos reproducidos'), row(t[5], 'Minutos reproducidos'), row(t[5], 'Reproducciones de video de 15 segundos'), row(t[5], 'Espectadores de 3 segundos')]).toEqual(['105', '1:07', '≈ 1.700 min', '178', '349']);
    expect(t[5].rows.find((r) => r.label === 'Minutos reproducidos')?.approximate).toBe(true);
    // Causas Ciudadanas (reactions unreadable in the seed: not shown).
    expect(row(t[6], 'Reacciones')).toBeUndefined();
    expect([row(t[6], 'Comentarios'), row(t[6], 'Reproducciones'), row(t[6], 'Personas alcanzadas'), row(t[6], 'Reproducciones de video de 3 segundos')]).toEqual(['26', '573', '635', '436']);
    expect([row(t[7], 'Duración de la transmisión'), row(t[7], 'Número máximo de espectadores en vivo'), row(t[7], 'Veces compartido'), row(t[7], 'Promedio de minutos reproducidos'), row(t[7], 'Minutos reproducidos')]).toEqual(['00:42:34', '7', '4', '3:03', '807 min 27 s']);
    expect([row(t[8], 'Reproducciones de video de 3 segundos'), row(t[8], 'Reproducciones de video de 1 minuto'), row(t[8], 'Promedio de minutos reproducidos'), row(t[8], 'Interacciones (reacciones, comentarios y veces compartido)'), row(t[8], 'Minutos reproducidos')]).toEqual(['436', '65', '0:41', '57', '≈ 1.100 min']);
    // Only the two «mil» figures are approximate, and each forum with one carries the note.
    expect(t.flatMap((x) => x.rows.filter((r) => r.approximate).map((r) => r.value))).toEqual(['≈ 1.700 min', '≈ 1.100 min']);
    expect(doc.blocks.filter((b) => b.type === 'paragraph' && b.style === 'note')).toHaveLength(2);
  });

  it('draws one key-figures chart per forum as SVG with its title and description', () => {
    const charts = documentCharts(doc);
    expect(charts.map((c) => c.caption)).toEqual([
      'Gráfico 1. Cifras principales — Foro Políticas Públicas',
      'Gráfico 2. Cifras principales — Foro Modelo Integrado de Planeación y Gestión — MIPG',
      'Gráfico 3. Cifras principales — Foro Causas Ciudadanas',
    ]);
    const svg = renderChartSvg(charts[0].chart);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title id="grafico-foro-');
    expect(svg).toContain('>650</text>');
    expect(svg).toContain('Personas alcanzadas');
  });

  it('marks a draft and lists the sections still pending, with their state', () => {
    const sections = data.sections.map((s) => (s.kind === 'conclusions' ? { ...s, state: 'changes_requested' as const } : s.kind === 'methodology' ? { ...s, state: 'draft' as const } : s));
    const draft = buildReportDocument({ ...data, sections, metricsByForumId: Object.fromEntries(Object.entries(data.metricsByForumId).map(([k, v]) => [Number(k), v])), generatedAt: '2022-10-21T15:00:00.000Z' });
    expect(draft.draft).toBe(true);
    expect(draft.pendingSections.map((p) => p.text)).toEqual(['2. Metodología (borrador)', '7. Conclusiones (con cambios solicitados)']);
  });

  it('draws the live, daily and retention series as charts when present, and says when a forum has no metrics', () => {
    const first = data.forums[0].id;
    const metrics = Object.fromEntries(Object.entries(data.metricsByForumId).map(([k, v]) => [Number(k), v]));
    const m = metrics[first]!;
    metrics[first] = {
      ...m,
      liveSummary: { ...m.liveSummary!, liveViewersCurve: Array.from({ length: 72 }, (_, i) => ({ minute: i, viewers: i % 20 })) },
      sincePublication: {
        ...m.sincePublication!,
        dailyViews: [
          { date: '2022-06-22', views: 150 },
          { date: '2022-06-23', views: 40 },
          { date: '2022-06-24', views: 12 },
        ],
        retentionCurve: [
          { interval: 0, percent: 100 },
          { interval: 1, percent: 62.5 },
        ],
      },
    };
    metrics[data.forums[2].id] = null;
    const withSeries = buildReportDocument({ ...data, statistics: null, metricsByForumId: metrics, generatedAt: '2022-10-21T15:00:00.000Z' });
    const kinds = documentCharts(withSeries).map((c) => c.chart.kind);
    expect(kinds).toEqual(['bars', 'line', 'columns', 'line', 'bars']);
    const daily = documentCharts(withSeries)[2];
    expect(daily.chart.description).toContain('202 en total');
    expect(renderChartSvg(daily.chart)).toContain('22 jun');
    expect(withSeries.blocks.some((b) => b.type === 'paragraph' && runsText(b.runs) === 'Este foro no tiene métricas registradas.')).toBe(true);
  });
});
