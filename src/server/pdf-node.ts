import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PdfFonts, RenderReportPdf } from '../export/pdf';
import type { RasterizeSvg } from '../export/rasterize';

const require = createRequire(import.meta.url);
const fontFile = (name: string) => new Uint8Array(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`)));

let fonts: PdfFonts | null = null;
/** DejaVu Sans in its four faces, read once from node_modules (the same family the charts are drawn with). */
export function nodePdfFonts(): PdfFonts {
  fonts ??= {
    regular: fontFile('DejaVuSans.ttf'),
    bold: fontFile('DejaVuSans-Bold.ttf'),
    italic: fontFile('DejaVuSans-Oblique.ttf'),
    boldItalic: fontFile('DejaVuSans-BoldOblique.ttf'),
  };
  return fonts;
}

/**
 * The report → PDF in Node (pdfkit's Node build), for the server's PDF routes and the tests; charts through
 * `rasterize`. pdfkit and the fonts load on the first PDF, not at start.
 */
export function createNodePdfRenderer(rasterize: RasterizeSvg): RenderReportPdf {
  return async (model) => {
    const { buildReportPdf } = await import('../export/pdf');
    return buildReportPdf(model, { rasterize, fonts: nodePdfFonts() });
  };
}
