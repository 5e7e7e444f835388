import type { ForumMetricsInput } from '../domain/metrics';
import type { StatisticsResult } from '../domain/report-statistics';
import { buildReportDocument, type ExportForum, type ExportReport, type ExportSection, type ReportDocument } from './document-model';
import { buildDocx, docxFileName } from './docx';
import type { RasterizeSvg } from './rasterize';

/**
 * Everything the export needs, as GET /api/reports/:year/export-data answers it: the server's Word route and the
 * browser's «Descargar Word» button and print view start from this same object and the same functions.
 */
export interface ReportExportData {
  report: ExportReport;
  /** Full sections (with their rich text), in report order. */
  sections: ExportSection[];
  /** The year's forums, in date order. */
  forums: ExportForum[];
  /** Keyed by forum id (a JSON object: string keys). */
  metricsByForumId: Record<string, ForumMetricsInput | null>;
  statistics: StatisticsResult;
}

/** The document model of the data (the print view renders this). */
export function reportDocumentOf(data: ReportExportData, generatedAt: string): ReportDocument {
  const metricsByForumId: Record<number, ForumMetricsInput | null> = {};
  for (const [id, metrics] of Object.entries(data.metricsByForumId)) metricsByForumId[Number(id)] = metrics;
  return buildReportDocument({ report: data.report, sections: data.sections, forums: data.forums, metricsByForumId, statistics: data.statistics, generatedAt });
}

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
