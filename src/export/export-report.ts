import type { ReportDocument } from './document-model';
import { reportDocumentOf, type ReportExportData } from './export-data';
import { buildDocx, docxFileName } from './docx';
import type { RasterizeSvg } from './rasterize';

export { reportDocumentOf, type ReportExportData };

/** Lower-case hex SHA-256 of the bytes (Web Crypto: the same in Node and the browser). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as unknown as ArrayBuffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

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
