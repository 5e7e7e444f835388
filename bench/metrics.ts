import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { downsample, maxDrawnPoints } from '../src/client/features/metrics/charts/chart-data';
import { liveSummarySchema } from '../src/domain/metrics';
import Papa from 'papaparse';
import { readCsv } from '../src/domain/csv';
import { parseMetricsCsv } from '../src/domain/metrics-import';
import { handWrittenCsvRecords } from './baselines/hand-written-csv';
import { initialScripts } from './bundle';
import { kb, ms, times, type ReportRow } from './report';

export interface MetricsBenchOptions {
  distDir: string;
  /** Rows of the generated Meta export. */
  metaRows: number;
  /** Points of the generated live viewers series. */
  seriesPoints: number;
  runs: number;
  /** Median target of the 10.000-row Meta export, in ms. */
  metaTargetMs: number;
  /** Median target of the 10.000-point series (parse + schema), in ms. */
  seriesTargetMs: number;
  /** Gzip target of all the chart chunks together, in bytes. */
  chartsTargetBytes: number;
}

export const defaultMetricsBench: MetricsBenchOptions = {
  distDir: process.env.BENCH_DIST ?? 'dist',
  metaRows: 10_000,
  seriesPoints: 10_000,
  runs: 5,
  metaTargetMs: 500,
  seriesTargetMs: 500,
  chartsTargetBytes: 160 * 1024,
};

/** A Meta Business Suite video export in es-LA (semicolons, BOM, CRLF, 41 retention columns), like tests/unit/metrics-import. */
export function metaExport(rows: number): string {
  const retention = Array.from({ length: 41 }, (_, i) => `Porcentaje del total de reproducciones en el intervalo ${i}`);
  const header = [
    'Identificador de la publicación',
    'Título',
    'Hora de publicación',
    'Enlace permanente',
    'Fecha',
    'Reproducciones de video de 3 segundos',
    'Reproducciones de video de 1 minuto',
    'Espectadores de 3 segundos',
    'Segundos reproducidos',
    'Segundos en promedio reproducidos',
    'Alcance',
    'Reacciones, comentarios y veces que se compartió',
    'Reacciones',
    'Comentarios',
    'Veces que se compartió',
    ...retention,
  ];
  const curve = Array.from({ length: 41 }, (_, k) => String(Math.max(0, 100 - k * 2))).join(';');
  const lines = [header.join(';')];
  for (let i = 0; i < rows; i++) {
    lines.push(
      [
        String(1e15 + i),
        `"Video ${i}; prueba"`,
        '22/06/2022 10:00',
        `https://www.facebook.com/x/videos/${1e14 + i}/`,
        'De por vida',
        String(i * 3),
        String(i),
        String(i * 2),
        String(i * 90),
        '30,5',
        String(i * 4),
        String(i % 50),
        String(i % 30),
        String(i % 10),
        String(i % 5),
        curve,
      ].join(';'),
    );
  }
  return '\ufeff' + lines.join('\r\n');
}

/** A YouTube Studio live viewership export with one sample a minute: `points` minutes → a `points`-point curve. */
export function youtubeLiveExport(points: number): string {
  const lines = ['Live stream position (seconds),Concurrent viewers,Average concurrent viewers,Live chat messages'];
  for (let i = 0; i < points; i++) lines.push(`${i * 60},${100 + Math.round(80 * Math.sin(i / 50)) + (i % 7)},,${i % 3}`);
  return lines.join('\n');
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median and all samples of `runs` timed calls (after one untimed warm-up). */
function timeRuns<T>(runs: number, fn: () => T): { median: number; samples: number[]; last: T } {
  let last = fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = fn();
    samples.push(performance.now() - start);
  }
  return { median: median(samples), samples, last };
}

/** Medians of several functions timed in turn, `runs` rounds (after one untimed warm-up round): same run, same load. */
function alternate<K extends string>(runs: number, fns: Record<K, () => unknown>): Record<K, number> {
  const keys = Object.keys(fns) as K[];
  for (const k of keys) fns[k]();
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < runs; i++) {
    for (const k of keys) {
      const start = performance.now();
      fns[k]();
      samples[k].push(performance.now() - start);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, median(samples[k])])) as Record<K, number>;
}

/**
 * Issue 12's row: the whole import of a 10.000-row Meta export (bytes → typed rows, as the import route does) beside
 * papaparse's record split alone of the same text; and issue 11's side-by-side of the CSV readers on that text:
 * the imports' reader (papaparse with the exports' handling, src/domain/csv.ts) beside the hand-written scanner
 * it replaced (bench/baselines/hand-written-csv.ts). Alternating, medians.
 */
export function benchCsvReaders(options: Pick<MetricsBenchOptions, 'metaRows'> & { runs: number } = { metaRows: defaultMetricsBench.metaRows, runs: 11 }): ReportRow[] {
  const section = 'Métricas';
  const text = metaExport(options.metaRows);
  const bytes = new TextEncoder().encode(text);
  const body = text.slice(1);
  const check = parseMetricsCsv(bytes);
  const ok = check.ok && check.rows.length === options.metaRows && check.problems.length === 0;
  const t = alternate(options.runs, {
    whole: () => parseMetricsCsv(bytes),
    papaSplit: () => Papa.parse<string[]>(body),
    reader: () => readCsv(text),
    handWritten: () => handWrittenCsvRecords(body, ';'),
  });
  const rows = options.metaRows.toLocaleString('es-CO');
  return [
    {
      section,
      measure: `Exportación de Meta de ${rows} filas: importación completa a filas tipadas (bytes → filas; mediana de ${options.runs}, alternadas)`,
      value: ok ? ms(t.whole) : `ERROR: ${check.ok ? `${check.rows.length} filas, ${check.problems.length} problemas` : check.message}`,
      baseline: `separar registros con papaparse: ${ms(t.papaSplit)}`,
      ratio: times(t.whole / t.papaSplit),
      target: '≤ 1.5×',
      ok: ok && t.whole / t.papaSplit <= 1.5,
    },
    {
      section,
      measure: `  lector CSV de las importaciones (papaparse + BOM, sep=, fines de línea), ${rows} filas`,
      value: ms(t.reader),
      baseline: `escáner escrito a mano (el anterior): ${ms(t.handWritten)}`,
      ratio: times(t.reader / t.handWritten),
    },
  ];
}

const samplesText = (samples: number[]) => samples.map((s) => s.toFixed(0)).join(', ');

/**
 * The JS chunks that hold recharts code (found by its `recharts-…` class names, whatever Rollup named the file): the
 * shared core and the chunks with the chart kinds only one page uses (e.g. Area and Line with ForumMetricsCharts).
 */
function chartChunks(distDir: string): { file: string; gzip: number; initial: boolean }[] {
  const assets = join(distDir, 'assets');
  if (!existsSync(assets)) return [];
  const indexFile = join(distDir, 'index.html');
  const initial = new Set(existsSync(indexFile) ? initialScripts(readFileSync(indexFile, 'utf8')) : []);
  return readdirSync(assets)
    .filter((name) => /\.m?js$/.test(name))
    .flatMap((name) => {
      const bytes = readFileSync(join(assets, name));
      const text = bytes.toString('utf8');
      if (!/\brecharts-[a-z]/.test(text)) return [];
      return [{ file: `assets/${name}`, gzip: gzipSync(bytes, { level: 9 }).length, initial: initial.has(`assets/${name}`) }];
    })
    .sort((a, b) => b.gzip - a.gzip);
}

/** Parse times of a large Meta export and of a long series, and the size of the lazy chart chunks. */
export function benchMetrics(options: MetricsBenchOptions = defaultMetricsBench): ReportRow[] {
  const section = 'Métricas';
  const rows: ReportRow[] = [...benchCsvReaders({ metaRows: options.metaRows, runs: Math.max(options.runs, 11) })];

  const meta = metaExport(options.metaRows);
  const metaRun = timeRuns(options.runs, () => parseMetricsCsv(meta));
  const metaOk = metaRun.last.ok && metaRun.last.rows.length === options.metaRows && metaRun.last.problems.length === 0;
  rows.push({
    section,
    measure: `Importar CSV de Meta: ${options.metaRows.toLocaleString('es-CO')} filas, ${(meta.length / 1e6).toFixed(1)} M caracteres (mediana de ${options.runs}: ${samplesText(metaRun.samples)} ms)`,
    value: metaOk ? ms(metaRun.median) : `ERROR: ${metaRun.last.ok ? `${metaRun.last.rows.length} filas, ${metaRun.last.problems.length} problemas` : metaRun.last.message}`,
    target: `≤ ${options.metaTargetMs} ms`,
    ok: metaOk && metaRun.median <= options.metaTargetMs,
  });

  const live = youtubeLiveExport(options.seriesPoints);
  const seriesRun = timeRuns(options.runs, () => {
    const parsed = parseMetricsCsv(live, { asOf: '2022-06-22' });
    if (!parsed.ok) return { points: -1, error: parsed.message };
    const values = parsed.rows[0]?.values.liveSummary ?? {};
    // What the API does with it on save: the whole snapshot through the domain schema.
    const snapshot = liveSummarySchema.parse({ source: 'youtube_csv', asOf: '2022-06-22', ...values });
    return { points: snapshot.liveViewersCurve.length, error: null, curve: snapshot.liveViewersCurve };
  });
  const seriesOk = seriesRun.last.points === options.seriesPoints;
  rows.push({
    section,
    measure: `Serie de ${options.seriesPoints.toLocaleString('es-CO')} puntos (CSV en vivo de YouTube + validación del esquema; mediana de ${options.runs}: ${samplesText(seriesRun.samples)} ms)`,
    value: seriesOk ? ms(seriesRun.median) : `ERROR: ${seriesRun.last.error ?? `${seriesRun.last.points} puntos`}`,
    target: `≤ ${options.seriesTargetMs} ms`,
    ok: seriesOk && seriesRun.median <= options.seriesTargetMs,
  });
  const curve = seriesRun.last.curve ?? [];
  const drawn = timeRuns(options.runs, () => downsample(curve, (p) => p.viewers));
  rows.push({
    section,
    measure: `  puntos dibujados del gráfico: ${curve.length.toLocaleString('es-CO')} → ${drawn.last.length.toLocaleString('es-CO')} (máx. ${maxDrawnPoints}, pico conservado)`,
    value: ms(drawn.median),
  });

  const distDir = resolve(options.distDir);
  const chunks = chartChunks(distDir);
  if (chunks.length === 0) {
    rows.push({ section, measure: 'JS de los gráficos (recharts, gzip -9)', value: `SIN MEDIR: ningún fragmento de ${options.distDir}/assets contiene recharts (¿se compiló?)`, ok: false });
    return rows;
  }
  const total = chunks.reduce((sum, c) => sum + c.gzip, 0);
  const initial = chunks.filter((c) => c.initial);
  rows.push({
    section,
    measure: `JS de los gráficos (recharts, gzip -9; ${chunks.length} fragmento(s), diferidos)`,
    value: kb(total),
    target: `≤ ${kb(options.chartsTargetBytes)}, fuera del JS inicial`,
    ok: total <= options.chartsTargetBytes && initial.length === 0,
  });
  for (const c of chunks) rows.push({ section, measure: `  ${c.initial ? 'INICIAL' : 'diferido'}: ${c.file}`, value: kb(c.gzip), ok: c.initial ? false : undefined });
  return rows;
}
