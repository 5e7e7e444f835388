import PDFDocument from 'pdfkit';
import { renderChartSvg } from './chart-svg';
import type { ChartBlock, DocBlock, GridBlock, ListBlock, ReportDocument, Run, TableBlock } from './document-model';
import { exportTexts as t } from './export-texts';
import type { RasterizeSvg } from './rasterize';

/**
 * The document model as a PDF, with `pdfkit`: the same title page, table of contents (with links), numbered
 * sections that start a page, rich text (bold, italic, links), lists, the statistics tables, the charts (the same
 * SVG as the Word file, drawn to PNG by the same resvg rasteriser) and the «Elaboró» block; the entity in every
 * page's header («BORRADOR» on every page of a draft), «Página X de Y» in the footer, the sections as PDF bookmarks,
 * DejaVu Sans embedded (subset) so accents and «ñ» show and copy as text. A4, 2,5 cm margins like the Word file.
 *
 * pdfkit resolves to its Node build on the server (the only caller today, injected into the API as
 * `renderReportPdf`); it has a browser build too, so this file imports nothing Node-only itself.
 */

export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  italic: Uint8Array;
  boldItalic: Uint8Array;
}

export interface PdfOptions {
  rasterize: RasterizeSvg;
  fonts: PdfFonts;
}

/** What the API is handed (ApiDeps.renderReportPdf): the model → the PDF's bytes. */
export type RenderReportPdf = (model: ReportDocument) => Promise<Uint8Array>;


/**
 * Width of a chart's PNG: the Word file's fallback image (600 px at 2×, docx.ts; not imported, so the PDF does not load
 * docx), so the rasteriser's cache serves both exports with one drawing. ≈ 190 dpi at 16 cm.
 */
const chartPngWidth = 1200;
const cm = (value: number) => (value / 2.54) * 72;
const margin = cm(2.5);
const colors = { accent: '#1C5FA8', draft: '#B00020', text: '#1F1F1F', muted: '#555555', headerFill: '#DCE6F2', border: '#A6A6A6' };
const headingSizes = [16, 13.5, 12.5, 11.5, 11, 11] as const;
const bodySize = 10.5;

type Doc = PDFKit.PDFDocument;
type FontName = 'regular' | 'bold' | 'italic' | 'boldItalic';
const fontOf = (bold?: boolean, italic?: boolean): FontName => (bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular');

interface Ctx {
  doc: Doc;
  images: Map<string, Uint8Array>;
  left: number;
  width: number;
  /** Page (0-based) of each anchor, as the sections are laid out: the table of contents' page numbers. */
  anchorPages: Map<string, number>;
  /** Where each table-of-contents line was written (page, y, anchor), to add its page number at the end. */
  tocLines: Array<{ page: number; y: number; anchor: string; size: number }>;
}

/** The page being written (0-based). */
const pageIndex = (doc: Doc) => {
  const range = doc.bufferedPageRange();
  return range.start + range.count - 1;
};

const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
/** Starts a new page unless `height` points still fit on this one. */
function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

/** A run of text pieces (one paragraph), each with its own font, colour and link, wrapped as one. */
function writeRuns(ctx: Ctx, runs: Run[], options: { x: number; width: number; size?: number; italic?: boolean; color?: string; align?: 'left' | 'justify' }) {
  const { doc } = ctx;
  const pieces: Array<{ text: string; font: FontName; link?: string }> = [];
  for (const run of runs) {
    if (run.type === 'break') pieces.push({ text: '\n', font: 'regular' });
    else if (run.text) pieces.push({ text: run.text, font: fontOf(run.bold, run.italic || options.italic), link: run.link && /^(https?:|mailto:)/i.test(run.link) ? run.link : undefined });
  }
  if (pieces.length === 0) return;
  doc.fontSize(options.size ?? bodySize);
  doc.x = options.x;
  pieces.forEach((piece, i) => {
    const last = i === pieces.length - 1;
    doc
      .font(piece.font)
      .fillColor(piece.link ? colors.accent : (options.color ?? colors.text))
      .text(piece.text, i === 0 ? options.x : undefined, undefined, {
        width: options.width,
        continued: !last,
        link: piece.link ?? null,
        underline: Boolean(piece.link),
        lineGap: 2,
        align: options.align ?? 'left',
      });
  });
  doc.fillColor(colors.text);
  doc.x = ctx.left;
}

function list(ctx: Ctx, block: ListBlock, level: number) {
  const { doc } = ctx;
  const indent = cm(0.6);
  const x = ctx.left + cm(0.3) + level * indent;
  block.items.forEach((item, i) => {
    const marker = block.ordered ? `${block.start + i}.` : ['•', '◦', '▪'][level % 3];
    ensureRoom(doc, 16);
    const y = doc.y;
    doc.font('regular').fontSize(bodySize).fillColor(colors.text).text(marker, x, y, { width: indent, lineBreak: false });
    doc.y = y;
    let first = true;
    for (const inner of item.blocks) {
      if (inner.type === 'list') list(ctx, inner, Math.min(level + 1, 5));
      else if (inner.type === 'paragraph') {
        if (!first) doc.moveDown(0.2);
        writeRuns(ctx, inner.runs, { x: x + indent, width: ctx.left + ctx.width - x - indent });
      } else blockOf(ctx, inner);
      first = false;
    }
    if (first) doc.moveDown(1);
    doc.moveDown(0.25);
  });
  doc.x = ctx.left;
}

/** A table with a header row (repeated on each new page), rows kept whole, borders and a shaded header. */
function drawTable(ctx: Ctx, caption: string, header: string[], rows: string[][], widths: number[], numeric: boolean[], size: number) {
  const { doc } = ctx;
  const pad = 4;
  const columns = widths.map((w) => w * ctx.width);
  const heightOf = (cells: string[], font: FontName) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: columns[i] - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], head: boolean) => {
    const height = heightOf(cells, head ? 'bold' : 'regular');
    let x = ctx.left;
    const y = doc.y;
    cells.forEach((cell, i) => {
      if (head) doc.rect(x, y, columns[i], height).fill(colors.headerFill);
      doc.lineWidth(0.5).rect(x, y, columns[i], height).stroke(colors.border);
      doc
        .font(head ? 'bold' : 'regular')
        .fontSize(size)
        .fillColor(colors.text)
        .text(cell, x + pad, y + pad, { width: columns[i] - 2 * pad, align: numeric[i] ? 'right' : 'left', lineGap: 0 });
      x += columns[i];
    });
    doc.x = ctx.left;
    doc.y = y + height;
  };
  const headHeight = heightOf(header, 'bold');
  doc.moveDown(0.4);
  ensureRoom(doc, 20 + headHeight + (rows[0] ? heightOf(rows[0], 'regular') : 0));
  doc.font('bold').fontSize(bodySize).fillColor(colors.text).text(caption, ctx.left, doc.y, { width: ctx.width });
  doc.moveDown(0.3);
  drawRow(header, true);
  for (const row of rows) {
    if (doc.y + heightOf(row, 'regular') > bottom(doc)) {
      doc.addPage();
      drawRow(header, true);
    }
    drawRow(row, false);
  }
  doc.moveDown(0.8);
}

const tableOf = (ctx: Ctx, b: TableBlock) =>
  drawTable(ctx, b.caption, b.header, b.rows.map((r) => [r.label, r.value]), [11 / 16, 5 / 16], [false, true], 9.5);
const gridOf = (ctx: Ctx, b: GridBlock) => drawTable(ctx, b.caption, b.header, b.rows, b.widths, b.numeric, 8.5);

function chartOf(ctx: Ctx, b: ChartBlock) {
  const { doc } = ctx;
  const png = ctx.images.get(b.chart.id);
  if (!png) throw new Error(`Falta la imagen del gráfico ${b.chart.id}.`);
  const height = (ctx.width * b.height) / b.width;
  doc.moveDown(0.4);
  ensureRoom(doc, 24 + height);
  doc.font('bold').fontSize(bodySize).fillColor(colors.text).text(b.caption, ctx.left, doc.y, { width: ctx.width });
  doc.moveDown(0.3);
  const y = doc.y;
  doc.image(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer, ctx.left, y, { width: ctx.width, height });
  doc.y = y + height + 4;
  // The chart's text description (what a screen reader says for the page's SVG), so the figures read as text too.
  doc.font('italic').fontSize(8.5).fillColor(colors.muted).text(b.chart.description, ctx.left, doc.y, { width: ctx.width });
  doc.fillColor(colors.text);
  doc.moveDown(0.8);
}

function blockOf(ctx: Ctx, block: DocBlock) {
  const { doc } = ctx;
  switch (block.type) {
    case 'heading': {
      const size = headingSizes[block.level - 1];
      if (block.pageBreakBefore) doc.addPage();
      else {
        doc.moveDown(block.level <= 2 ? 0.8 : 0.5);
        ensureRoom(doc, size * 4);
      }
      const text = block.number ? `${block.number}. ${block.text}` : block.text;
      if (block.anchor) {
        ctx.anchorPages.set(block.anchor, pageIndex(doc));
        doc.addNamedDestination(block.anchor, 'XYZ', doc.page.margins.left, doc.page.height - doc.y, null);
        if (block.level <= 2) doc.outline.addItem(text);
      }
      doc.font('bold').fontSize(size).fillColor(colors.accent).text(text, ctx.left, doc.y, { width: ctx.width });
      doc.fillColor(colors.text);
      doc.moveDown(0.4);
      return;
    }
    case 'paragraph': {
      const style = block.style;
      const options =
        style === 'note'
          ? { size: 9, italic: true, color: colors.muted }
          : style === 'caption'
            ? { size: bodySize, italic: true }
            : {};
      writeRuns(ctx, block.runs, { x: ctx.left, width: ctx.width, align: style ? 'left' : 'justify', ...options });
      doc.moveDown(0.6);
      return;
    }
    case 'list':
      list(ctx, block, 0);
      doc.moveDown(0.3);
      return;
    case 'quote':
      for (const inner of block.blocks) {
        if (inner.type === 'paragraph') {
          const top = doc.y;
          const page = doc.page;
          writeRuns(ctx, inner.runs, { x: ctx.left + cm(1.2), width: ctx.width - cm(1.2), italic: true });
          if (doc.page === page) doc.lineWidth(1.5).moveTo(ctx.left + cm(0.8), top).lineTo(ctx.left + cm(0.8), doc.y).stroke(colors.border);
          doc.moveDown(0.6);
        } else blockOf(ctx, inner);
      }
      return;
    case 'table':
      return tableOf(ctx, block);
    case 'grid':
      return gridOf(ctx, block);
    case 'chart':
      return chartOf(ctx, block);
    case 'signature':
      doc.moveDown(2);
      ensureRoom(doc, 110);
      ctx.anchorPages.set(block.anchor, pageIndex(doc));
      doc.addNamedDestination(block.anchor, 'XYZ', doc.page.margins.left, doc.page.height - doc.y, null);
      doc.font('bold').fontSize(bodySize).fillColor(colors.text).text(block.title, ctx.left, doc.y, { width: ctx.width });
      doc.moveDown(2.5);
      doc.font('bold').text(block.name, { width: ctx.width });
      doc.font('regular').text(block.role, { width: ctx.width }).text(block.office, { width: ctx.width });
      return;
  }
}

function titlePage(ctx: Ctx, model: ReportDocument) {
  const { doc } = ctx;
  const centered = (text: string, font: FontName, size: number, color: string, before = 0, after = 10) => {
    doc.y += before;
    doc.font(font).fontSize(size).fillColor(color).text(text, ctx.left, doc.y, { width: ctx.width, align: 'center' });
    doc.y += after;
  };
  centered(model.entity, 'bold', 14, colors.accent, cm(1.5));
  centered(model.title, 'bold', 22, colors.text, 60, 12);
  centered(t.year(model.year), 'regular', 16, colors.text);
  if (model.strategy) centered(model.strategy, 'regular', 12, colors.muted);
  if (model.draft) {
    centered(t.draftMark, 'bold', 28, colors.draft, 30, 6);
    centered(t.draftNotice, 'regular', 11, colors.text);
    if (model.pendingSections.length > 0) {
      doc.font('bold').fontSize(bodySize).fillColor(colors.text).text(t.pendingTitle, ctx.left, doc.y + 12, { width: ctx.width });
      for (const pending of model.pendingSections) doc.font('regular').text(`•  ${pending.text}`, ctx.left + cm(0.5), doc.y, { width: ctx.width - cm(0.5) });
    }
  }
  centered(t.generatedAt(model.generatedAtText), 'regular', 9, colors.muted, 30);
}

function tableOfContents(ctx: Ctx, model: ReportDocument) {
  const { doc } = ctx;
  doc.addPage();
  doc.font('bold').fontSize(15).fillColor(colors.accent).text(t.tocTitle, ctx.left, doc.y, { width: ctx.width });
  doc.moveDown(0.6);
  const numberWidth = cm(1.2);
  for (const entry of model.toc) {
    const indent = entry.level === 2 ? cm(0.8) : 0;
    const size = entry.level === 1 ? bodySize : 9.5;
    ensureRoom(doc, size * 2);
    ctx.tocLines.push({ page: pageIndex(doc), y: doc.y, anchor: entry.anchor, size });
    doc
      .font(entry.level === 1 ? 'bold' : 'regular')
      .fontSize(size)
      .fillColor(colors.text)
      .text(entry.number ? `${entry.number}. ${entry.title}` : entry.title, ctx.left + indent, doc.y, { width: ctx.width - indent - numberWidth, goTo: entry.anchor, lineGap: 3 });
  }
}

/** Each table-of-contents line's page number, right-aligned, once every section has its page. */
function tocPageNumbers(ctx: Ctx) {
  const { doc } = ctx;
  for (const line of ctx.tocLines) {
    const page = ctx.anchorPages.get(line.anchor);
    if (page === undefined) continue;
    doc.switchToPage(line.page);
    doc.font('regular').fontSize(line.size).fillColor(colors.text).text(String(page + 1), ctx.left, line.y, { width: ctx.width, align: 'right', lineBreak: false, goTo: line.anchor });
  }
}

/** Header (entity, «BORRADOR» on a draft) and footer («Página X de Y») on every page, once all pages exist. */
function headersAndFooters(ctx: Ctx, model: ReportDocument) {
  const { doc } = ctx;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const saved = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const headerY = cm(1.2);
    doc.font('regular').fontSize(8.5).fillColor(colors.muted).text(model.entity, ctx.left, headerY, { width: ctx.width * 0.75, lineBreak: false, ellipsis: true });
    if (model.draft) doc.font('bold').fontSize(9.5).fillColor(colors.draft).text(t.draftMark, ctx.left, headerY, { width: ctx.width, align: 'right', lineBreak: false });
    doc.lineWidth(0.5).moveTo(ctx.left, headerY + 13).lineTo(ctx.left + ctx.width, headerY + 13).stroke(colors.border);
    doc
      .font('regular')
      .fontSize(8.5)
      .fillColor(colors.muted)
      .text(`${t.page} ${i + 1} ${t.of} ${range.count}`, ctx.left, doc.page.height - cm(1.2) - 10, { width: ctx.width, align: 'center', lineBreak: false });
    doc.page.margins = saved;
  }
}

/** Renders every chart of the model to PNG (the same size and rasteriser as the Word file's fallback image). */
async function renderImages(model: ReportDocument, rasterize: RasterizeSvg) {
  const images = new Map<string, Uint8Array>();
  for (const block of model.blocks) {
    if (block.type === 'chart') images.set(block.chart.id, await rasterize(renderChartSvg(block.chart), chartPngWidth));
  }
  return images;
}

/** The report as PDF bytes. The same model and options give the same bytes (the dates are the model's own). */
export async function buildReportPdf(model: ReportDocument, options: PdfOptions): Promise<Uint8Array> {
  const images = await renderImages(model, options.rasterize);
  const when = new Date(model.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    bufferPages: true,
    autoFirstPage: true,
    lang: 'es-CO',
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: model.draft ? `${model.title} (${t.draftMark})` : model.title,
      Author: model.entity,
      Subject: t.docxDescription(model.title, model.year),
      Creator: 'Foros',
      Producer: 'Foros (PDFKit)',
      ...(Number.isNaN(when.getTime()) ? {} : { CreationDate: when, ModDate: when }),
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('regular', options.fonts.regular as unknown as ArrayBuffer);
  doc.registerFont('bold', options.fonts.bold as unknown as ArrayBuffer);
  doc.registerFont('italic', options.fonts.italic as unknown as ArrayBuffer);
  doc.registerFont('boldItalic', options.fonts.boldItalic as unknown as ArrayBuffer);
  const ctx: Ctx = { doc, images, left: margin, width: doc.page.width - 2 * margin, anchorPages: new Map(), tocLines: [] };

  titlePage(ctx, model);
  tableOfContents(ctx, model);
  for (const block of model.blocks) blockOf(ctx, block);
  tocPageNumbers(ctx);
  headersAndFooters(ctx, model);
  doc.end();
  await ended;
  const size = chunks.reduce((n, c) => n + c.length, 0);
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
