import type { ReportExportData } from '../../../../export/export-data';
import { browserRasterizer } from '../../../../export/browser-rasterizer';
import { docxMediaType } from '../../../../export/docx';
import { exportReportDocx } from '../../../../export/export-report';

/** What the page needs of a built .docx: its bytes, name and hash, and whether it is a draft. */
export interface BuiltWord {
  bytes: Uint8Array<ArrayBuffer>;
  mediaType: string;
  fileName: string;
  sha256: string;
  draft: boolean;
}

/** Builds the report's .docx from its export data (document model, SVG charts through resvg-wasm, docx). */
export async function buildWord(data: ReportExportData, generatedAt: string): Promise<BuiltWord> {
  const result = await exportReportDocx(data, { rasterize: browserRasterizer(), generatedAt });
  return { bytes: result.bytes as Uint8Array<ArrayBuffer>, mediaType: docxMediaType, fileName: result.fileName, sha256: result.sha256, draft: result.document.draft };
}
