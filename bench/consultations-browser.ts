import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserRows, inBrowser } from './browser';
import { benchConsultation, googleFormsExport } from './consultations';
import type { ReportRow } from './report';

export interface ConsultationBrowserBenchOptions {
  responses: number;
  /** The longest main-thread task allowed while the import runs, in ms (the page "stays responsive"). */
  longestTaskTargetMs: number;
}

export const defaultConsultationBrowserBench: ConsultationBrowserBenchOptions = { responses: 100_000, longestTaskTargetMs: 200 };

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * The import as a person does it, in Debian's Chromium against the real server: choose a 100.000-row Google Forms
 * CSV, see the column mapping, preview, confirm. The longest main-thread task is how long the page could not answer.
 */
export async function benchConsultationsBrowser(options: ConsultationBrowserBenchOptions = defaultConsultationBrowserBench): Promise<ReportRow[]> {
  const count = options.responses.toLocaleString('es-CO');
  let csvPath = '';
  const steps = await inBrowser(
    async ({ page, server, workspace }) => {
      const file = googleFormsExport(options.responses);
      csvPath = join(workspace.dir, 'respuestas.csv');
      writeFileSync(csvPath, [file.header, ...file.rows].map((row) => row.map(csvCell).join(',')).join('\n'));
      const created = await page.request.post('/api/consultations', { data: benchConsultation , headers: { origin: new URL(server.url).origin } });
      if (created.status() !== 201) throw new Error(`No se pudo crear la consulta: HTTP ${created.status()}`);
      const { id } = (await created.json()) as { id: number };
      await page.goto(`/consultas/${id}?vista=importar`);
      await page.getByRole('button', { name: 'Elegir archivo CSV o XLSX' }).waitFor();
    },
    async ({ page, step }) => {
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
    },
  );
  return browserRows('Consultas (navegador)', `Importar ${count} respuestas en Chromium`, steps, options.longestTaskTargetMs);
}
