import type { ReportDocument } from './document-model';
import { reportDocumentOf, type ReportExportData } from './export-data';
import { buildDocx, docxFileName } from './docx';
import type { RasterizeSvg } from './rasterize';
import { sha256Hex } from './file-types';
import { chartImagesOf, type ChartImage } from './chart-images';

export { reportDocumentOf, type ReportExportData };

export interface DocxExport {
  document: ReportDocument;
  bytes: Uint8Array;
  sha256: string;
  fileName: string;
}

/** The report's Word file from its data. */
export async function exportReportDocx(
  data: ReportExportData,
  options: { rasterize: RasterizeSvg; generatedAt: string; /** Given the document's charts, the rasteriser to draw them with (the stored images: src/api/chart-images.ts). */ prepare?: (charts: ChartImage[]) => Promise<RasterizeSvg> },
): Promise<DocxExport> {
  const document = reportDocumentOf(data, options.generatedAt);
  const charts = chartImagesOf(document);
  const rasterize = options.prepare ? await options.prepare(charts) : options.rasterize;
  const bytes = await buildDocx(document, { rasterize, charts });
  return { document, bytes, sha256: await sha256Hex(bytes), fileName: docxFileName(document) };
}
