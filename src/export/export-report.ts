import type { ReportDocument } from './document-model';
import { reportDocumentOf, type ReportExportData } from './export-data';
import { buildDocx, docxFileName } from './docx';
import type { RasterizeSvg } from './rasterize';
import { sha256Hex } from './file-types';

export { reportDocumentOf, type ReportExportData };

export interface DocxExport {
  document: ReportDocument;
  bytes: Uint8Array;
  sha256: string;
  fileName: string;
}

/** The report's Word file from its data. */
export async function exportReportDocx(data: ReportExportData, options: { rasterize: RasterizeSvg; generatedAt: string }): Promise<DocxExport> {
  const document = reportDocumentOf(data, options.generatedAt);
  const bytes = await buildDocx(document, { rasterize: options.rasterize });
  return { document, bytes, sha256: await sha256Hex(bytes), fileName: docxFileName(document) };
}
