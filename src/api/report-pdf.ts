import { reportDocumentOf, type ReportExportData } from '../export/export-data';
import type { RenderReportPdf } from '../export/pdf';

export const pdfMessages = {
  noRenderer: 'Este servidor no puede generar el PDF del informe (no tiene el generador de PDF). Descargue el informe en Word o use Imprimir → Guardar como PDF.',
} as const;

/** How many published versions' PDFs are kept in memory (per renderer): a few years' current versions. */
export const publishedPdfCacheSize = 8;
const caches = new WeakMap<RenderReportPdf, Map<string, Promise<Uint8Array>>>();

/**
 * The PDF of a published (frozen) report, built once per snapshot: the key is the snapshot's SHA-256, so the same
 * published bytes always give the same file and a new version is a new key (nothing to invalidate). The title
 * page's «Generado el» is the publication time, not the request's. Two requests at once share one build; a failed
 * build is not kept. Bounded (oldest out first).
 */
export function publishedReportPdf(render: RenderReportPdf, sha256: string, data: ReportExportData, publishedAt: string): Promise<Uint8Array> {
  let cache = caches.get(render);
  if (!cache) {
    cache = new Map();
    caches.set(render, cache);
  }
  const hit = cache.get(sha256);
  if (hit) {
    cache.delete(sha256);
    cache.set(sha256, hit);
    return hit;
  }
  const built = render(reportDocumentOf(data, publishedAt));
  cache.set(sha256, built);
  built.catch(() => cache.delete(sha256));
  while (cache.size > publishedPdfCacheSize) cache.delete(cache.keys().next().value as string);
  return built;
}
