import { browserRows, inBrowser } from './browser';
import type { ReportRow } from './report';

export interface ExportBrowserBenchOptions {
  /** The longest main-thread task allowed while the Word file is built in the page, in ms. */
  longestTaskTargetMs: number;
}

export const defaultExportBrowserBench: ExportBrowserBenchOptions = { longestTaskTargetMs: 200 };

/**
 * «Descargar Word» on the 2022 report, in Debian's Chromium: the .docx is built in the browser (document model,
 * charts through resvg-wasm, docx). Twice: the first click also loads the wasm and the fonts.
 */
export async function benchExportBrowser(options: ExportBrowserBenchOptions = defaultExportBrowserBench): Promise<ReportRow[]> {
  const steps = await inBrowser(
    async ({ page }) => {
      await page.goto('/informes/2022');
      await page.getByRole('button', { name: 'Descargar Word' }).waitFor();
    },
    async ({ page, step }) => {
      for (const label of ['primera vez (carga wasm y fuentes)', 'segunda vez']) {
        await step(label, async () => {
          const download = page.waitForEvent('download');
          await page.getByRole('button', { name: 'Descargar Word' }).click();
          await download;
          await page.getByRole('button', { name: 'Descargar Word' }).waitFor();
        });
      }
    },
    { demo: true },
  );
  return browserRows('Exportación (navegador)', 'Informe 2022 en Word, construido en Chromium', steps, options.longestTaskTargetMs);
}
