import { renderChartSvg } from './chart-svg';
import type { ReportDocument } from './document-model';

/** Width of a chart on the page, in px at 96 dpi (≈ 15,9 cm of the 16 cm between margins). */
export const chartPrintWidthPx = 600;
/**
 * PNG pixels per page pixel: 600 px at 2× = 1200 px ≈ 190 dpi on paper, sharp in print (the PNG is only the
 * fallback for Word before 2019 and LibreOffice; newer Word shows the SVG). 2,5× took 1,5× as long to draw and
 * encode, and made every export carry larger files.
 */
export const chartPixelRatio = 2;

/** One chart of a document as the Word file carries it: its SVG and the width of its PNG in pixels. */
export interface ChartImage {
  id: string;
  svg: string;
  width: number;
}

/** Every chart of the document, in order: what the Word export draws (docx.ts) and what a warm-up draws beforehand. */
export function chartImagesOf(doc: ReportDocument): ChartImage[] {
  const width = Math.round(chartPrintWidthPx * chartPixelRatio);
  return doc.blocks.flatMap((block) => (block.type === 'chart' ? [{ id: block.chart.id, svg: renderChartSvg(block.chart), width }] : []));
}

/**
 * What a stored PNG was drawn with. Part of every stored image's key (src/api/chart-images.ts): a new renderer, font or
 * PNG writer changes it, and every image is drawn again with it. resvg's version is checked against the installed
 * package by tests/unit/chart-image-key.test.ts.
 */
export const chartRendererVersion = 'resvg-wasm 2.6.2; DejaVu Sans 2.37; png.ts zlib 1';

/** The key of a chart's PNG: SHA-256 (hex) of the renderer's version, the width and the SVG — the content itself. */
export async function chartImageKey(svg: string, width: number, version = chartRendererVersion): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${version}\n${width}\n${svg}`));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
