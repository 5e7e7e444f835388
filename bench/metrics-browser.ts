import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserRows, inBrowser } from './browser';
import { metaExport } from './metrics';
import { makeForum } from './seed-data';
import { createRandom } from './stats';
import type { ReportRow } from './report';

export interface MetricsBrowserBenchOptions {
  rows: number;
  /** The longest main-thread task allowed while the export is read, previewed and imported, in ms. */
  longestTaskTargetMs: number;
}

export const defaultMetricsBrowserBench: MetricsBrowserBenchOptions = { rows: 10_000, longestTaskTargetMs: 200 };

/**
 * A Meta Business Suite export of 10.000 rows imported for one forum as a person does it, in Debian's Chromium
 * against the real server: choose the file, see the preview (the forum's row found by its permalink), confirm.
 */
export async function benchMetricsBrowser(options: MetricsBrowserBenchOptions = defaultMetricsBrowserBench): Promise<ReportRow[]> {
  const rows = options.rows.toLocaleString('es-CO');
  let csvPath = '';
  let sizeMb = '';
  const matched = 7;
  const steps = await inBrowser(
    async ({ page, server, workspace }) => {
      const csv = metaExport(options.rows);
      csvPath = join(workspace.dir, 'meta.csv');
      writeFileSync(csvPath, csv, 'utf8');
      sizeMb = (Buffer.byteLength(csv) / 1e6).toLocaleString('es-CO', { maximumFractionDigits: 1 });
      // The forum whose row the preview finds by permalink.
      const forum = { ...makeForum(0, createRandom(7)), title: 'Foro de benchmark', year: 2022, date: '2022-06-22', platform: 'facebook_live', status: 'held' };
      const created = await page.request.post('/api/forums', { data: { ...forum, streamUrl: `https://www.facebook.com/x/videos/${1e14 + matched}/` } , headers: { origin: new URL(server.url).origin } });
      if (created.status() !== 201) throw new Error(`No se pudo crear el foro: HTTP ${created.status()} ${await created.text()}`);
      const { id } = (await created.json()) as { id: number };
      await page.goto(`/foros/${id}/metricas`);
      await page.getByRole('button', { name: 'Importar CSV de Meta o YouTube' }).waitFor();
    },
    async ({ page, step }) => {
      await step('leer y analizar el archivo, mostrar la vista previa', async () => {
        await page.locator('input[type="file"]').setInputFiles(csvPath);
        await page.getByText('Vista previa de la importación').waitFor();
      });
      // A forum without metrics and a file without a date: the person gives the file's «Fecha de corte». A new date
      // analyses the file again and asks again for each warning's confirmation (metrics-import-preview.tsx), so the
      // warnings are confirmed after it, once the new analysis is shown.
      const dialog = page.getByRole('dialog', { name: 'Vista previa de la importación' });
      const asOf = dialog.getByLabel('Fecha de corte de las cifras del archivo');
      await asOf.fill('20/10/2022');
      await asOf.press('Tab');
      await dialog.getByText('Analizando archivo…').waitFor({ state: 'hidden' });
      // The generated figures trip two warnings of the consistency rules: confirm them, as a person would.
      const boxes = dialog.getByRole('checkbox', { name: 'Confirmo que las cifras son correctas' });
      await boxes.first().waitFor();
      for (const box of await boxes.all()) await box.check();
      await step('confirmar y guardar', async () => {
        await dialog.getByRole('button', { name: 'Confirmar importación' }).click();
        await page
          .getByText('Métricas importadas')
          .first()
          .waitFor({ timeout: 120_000 })
          .catch(async (error: Error) => {
            // What the page showed instead, for whoever reads the failure.
            const shot = join(tmpdir(), 'foros-bench-metricas-navegador.png');
            await page.screenshot({ path: shot, fullPage: true });
            throw new Error(`${error.message}\nCaptura de la página: ${shot}`);
          });
      });
    },
  );
  return browserRows('Métricas (navegador)', `Importar una exportación de Meta de ${rows} filas (${sizeMb} MB) en Chromium`, steps, options.longestTaskTargetMs);
}
