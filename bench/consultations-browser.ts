import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { googleFormsExport, topicTitles } from './consultations';
import { benchAdminPassword, createWorkspace, startBenchServer } from './server';
import { ms, type ReportRow } from './report';

export interface ConsultationBrowserBenchOptions {
  responses: number;
  /** The longest main-thread task allowed while the import runs, in ms (the page "stays responsive"). */
  longestTaskTargetMs: number;
}

export const defaultConsultationBrowserBench: ConsultationBrowserBenchOptions = { responses: 100_000, longestTaskTargetMs: 200 };

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Long tasks (> 50 ms on the main thread) seen by the page since it loaded, in ms. */
const observeLongTasks = () => {
  const w = window as unknown as { __longTasks: number[] };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
};

/**
 * The import as a person does it, in Debian's Chromium against the real server: choose a 100.000-row Google Forms
 * CSV, see the column mapping, preview, confirm. Reports the time of each step and the main thread's long tasks
 * (PerformanceObserver "longtask") over the whole run: the longest one is how long the page could not answer.
 */
export async function benchConsultationsBrowser(options: ConsultationBrowserBenchOptions = defaultConsultationBrowserBench): Promise<ReportRow[]> {
  const section = 'Consultas (navegador)';
  const n = options.responses.toLocaleString('es-CO');
  const workspace = createWorkspace();
  const server = await startBenchServer(workspace.dbFile);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const file = googleFormsExport(options.responses);
    const csvPath = join(workspace.dir, 'respuestas.csv');
    writeFileSync(csvPath, [file.header, ...file.rows].map((row) => row.map(csvCell).join(',')).join('\n'));

    const context = await browser.newContext({ baseURL: server.url, locale: 'es-CO', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.addInitScript(observeLongTasks);
    await page.goto('/login');
    await page.getByLabel('Usuario').fill('admin');
    await page.getByLabel('Contraseña').fill(benchAdminPassword);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL('**/foros');
    const created = await page.request.post('/api/consultations', {
      data: {
        year: 2022,
        title: 'Consulta de benchmark',
        openDate: '2022-05-01',
        closeDate: '2022-05-31',
        channels: ['web', 'email', 'official'],
        status: 'open',
        topics: topicTitles.map((title) => ({ title, description: '', proposingTeam: '' })),
      },
    });
    if (created.status() !== 201) throw new Error(`No se pudo crear la consulta: HTTP ${created.status()}`);
    const { id } = (await created.json()) as { id: number };
    await page.goto(`/consultas/${id}?vista=importar`);
    await page.getByRole('button', { name: 'Elegir archivo CSV o XLSX' }).waitFor();

    const steps: { label: string; ms: number; longTasks: number[] }[] = [];
    const takeLongTasks = () =>
      page.evaluate(() => {
        const w = window as unknown as { __longTasks: number[] };
        const seen = w.__longTasks;
        w.__longTasks = [];
        return seen;
      });
    const step = async (label: string, run: () => Promise<void>) => {
      const start = performance.now();
      await run();
      const elapsed = performance.now() - start;
      // Let a task still running after the visible change finish and be counted with this step.
      await page.waitForTimeout(300);
      steps.push({ label, ms: elapsed, longTasks: await takeLongTasks() });
    };
    await takeLongTasks();
    const count = options.responses.toLocaleString('es-CO');
    await step('leer el archivo y mostrar la relación de columnas', async () => {
      await page.locator('input[type="file"]').setInputFiles(csvPath);
      await page.getByText(`respuestas.csv: ${count} filas leídas.`).waitFor();
    });
    await step('vista previa (la ruta en modo de prueba)', async () => {
      await page.getByRole('button', { name: 'Vista previa' }).click();
      await page.getByText('Vista previa de la importación').waitFor();
    });
    await step('confirmar y guardar', async () => {
      await page.getByRole('button', { name: 'Confirmar importación' }).click();
      await page.getByText(`Se guardaron ${count} respuestas de respuestas.csv.`).first().waitFor();
    });
    const longTasks = steps.flatMap((s) => s.longTasks);
    const longest = Math.max(0, ...longTasks);
    const blocked = longTasks.reduce((sum, d) => sum + (d - 50), 0);
    const total = steps.reduce((sum, s) => sum + s.ms, 0);
    await context.close();

    return [
      ...steps.map((s) => ({
        section,
        measure: `Importar ${n} respuestas en Chromium: ${s.label} (tarea más larga ${ms(Math.max(0, ...s.longTasks))})`,
        value: ms(s.ms),
      })),
      { section, measure: `  en total, del archivo elegido a «Se guardaron»`, value: ms(total) },
      {
        section,
        measure: `  tarea más larga del hilo principal mientras tanto (${longTasks.length} tareas > 50 ms; bloqueo total ${ms(blocked)})`,
        value: ms(longest),
        target: `≤ ${options.longestTaskTargetMs} ms`,
        ok: longest <= options.longestTaskTargetMs,
      },
    ];
  } finally {
    await browser.close();
    await server.close();
    workspace.cleanup();
  }
}
