import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { chartImagesOf, chartPrintWidthPx, type ChartImage } from './chart-images';
import type { ChartBlock, DocBlock, GridBlock, ListBlock, ReportDocument, Run, TableBlock } from './document-model';
import { exportTexts as t } from './export-texts';
import type { RasterizeSvg } from './rasterize';

/**
 * The document model as a Word file (.docx), with `docx`: A4, header with the entity (and «BORRADOR» on every
 * page of a draft), footer «Página X de Y», title page (with the pending sections of a draft), a table of
 * contents (a TOC field written already filled in from the headings, so it reads before Word updates it),
 * numbered section headings that start a page, rich text with bold, italic and links, bulleted and numbered
 * lists, the statistics tables, the charts (SVG, with a PNG fallback for Word versions without SVG), and the
 * «Elaboró» block. Runs the same in Node and the browser.
 */

export interface DocxOptions {
  /** SVG → PNG (rasterize.ts). */
  rasterize: RasterizeSvg;
  /** The document's charts, when the caller has them already (chartImagesOf). */
  charts?: ChartImage[];
}

export { chartPixelRatio, chartPrintWidthPx } from './chart-images';

const font = 'Arial';
const colors = { accent: '1C5FA8', draft: 'B00020', text: '1F1F1F', muted: '555555', headerFill: 'DCE6F2', border: 'A6A6A6' };
const cm = (value: number) => Math.round((value / 2.54) * 1440);

const headingLevels = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;

function runChildren(runs: Run[], base: { size?: number; italics?: boolean; color?: string } = {}): ParagraphChild[] {
  return runs.map((run) => {
    if (run.type === 'break') return new TextRun({ break: 1 });
    const text = new TextRun({ text: run.text, bold: run.bold, italics: run.italic || base.italics, size: base.size, color: run.link ? colors.accent : base.color, underline: run.link ? {} : undefined });
    return run.link ? new ExternalHyperlink({ link: run.link, children: [text] }) : text;
  });
}

interface Context {
  images: Map<string, { png: Uint8Array; svg: string }>;
  orderedInstance: number;
}

function listParagraphs(list: ListBlock, level: number, ctx: Context): Array<Paragraph | Table> {
  const instance = list.ordered ? ++ctx.orderedInstance : 0;
  const out: Array<Paragraph | Table> = [];
  for (const item of list.items) {
    let first = true;
    for (const block of item.blocks) {
      if (block.type === 'list') {
        out.push(...listParagraphs(block, Math.min(level + 1, 5), ctx));
        continue;
      }
      if (block.type === 'paragraph' && first) {
        out.push(
          new Paragraph({
            children: runChildren(block.runs),
            numbering: list.ordered ? { reference: 'ordered', level, instance } : { reference: 'bullets', level },
            spacing: { after: 80 },
          }),
        );
        first = false;
        continue;
      }
      // A second paragraph of the same item: indented like the item's text.
      out.push(...blockElements(block, ctx));
    }
    if (first) out.push(new Paragraph({ children: [], numbering: list.ordered ? { reference: 'ordered', level, instance } : { reference: 'bullets', level } }));
  }
  return out;
}

function tableElement(table: TableBlock): Array<Paragraph | Table> {
  const border = { style: BorderStyle.SINGLE, size: 4, color: colors.border };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (text: string, options: { header?: boolean; right?: boolean } = {}) =>
    new TableCell({
      borders,
      shading: options.header ? { type: ShadingType.CLEAR, color: 'auto', fill: colors.headerFill } : undefined,
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
      children: [new Paragraph({ alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: options.header, size: 20 })] })],
    });
  return [
    new Paragraph({ keepNext: true, spacing: { before: 160, after: 80 }, children: [new TextRun({ text: table.caption, bold: true, size: 20, color: colors.text })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: [cm(11), cm(5)],
      rows: [
        new TableRow({ tableHeader: true, children: [cell(table.header[0], { header: true }), cell(table.header[1], { header: true, right: true })] }),
        ...table.rows.map((row) => new TableRow({ cantSplit: true, children: [cell(row.label), cell(row.value, { right: true })] })),
      ],
    }),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

function gridElement(grid: GridBlock): Array<Paragraph | Table> {
  const border = { style: BorderStyle.SINGLE, size: 4, color: colors.border };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (text: string, column: number, options: { header?: boolean } = {}) =>
    new TableCell({
      borders,
      shading: options.header ? { type: ShadingType.CLEAR, color: 'auto', fill: colors.headerFill } : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [new Paragraph({ alignment: grid.numeric[column] ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: options.header, size: 18 })] })],
    });
  return [
    new Paragraph({ keepNext: true, spacing: { before: 160, after: 80 }, children: [new TextRun({ text: grid.caption, bold: true, size: 20, color: colors.text })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: grid.widths.map((w) => Math.round(cm(16) * w)),
      rows: [
        new TableRow({ tableHeader: true, children: grid.header.map((h, i) => cell(h, i, { header: true })) }),
        ...grid.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, i)) })),
      ],
    }),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

function chartElements(block: ChartBlock, ctx: Context): Paragraph[] {
  const image = ctx.images.get(block.chart.id);
  if (!image) throw new Error(`Falta la imagen del gráfico ${block.chart.id}.`);
  const height = Math.round((chartPrintWidthPx * block.height) / block.width);
  return [
    new Paragraph({ keepNext: true, spacing: { before: 160, after: 80 }, children: [new TextRun({ text: block.caption, bold: true, size: 20 })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [
        new ImageRun({
          type: 'svg',
          data: new TextEncoder().encode(image.svg),
          fallback: { type: 'png', data: image.png },
          transformation: { width: chartPrintWidthPx, height },
          altText: { name: block.chart.id, title: block.chart.title, description: block.chart.description },
        }),
      ],
    }),
  ];
}

function blockElements(block: DocBlock, ctx: Context): Array<Paragraph | Table> {
  switch (block.type) {
    case 'heading': {
      const text = block.number ? `${block.number}. ${block.text}` : block.text;
      return [new Paragraph({ heading: headingLevels[block.level - 1], pageBreakBefore: block.pageBreakBefore, keepNext: true, children: [new TextRun({ text })] })];
    }
    case 'paragraph': {
      const style = block.style;
      const base = style === 'note' ? { size: 18, italics: true, color: colors.muted } : style === 'caption' ? { size: 20, italics: true } : {};
      return [new Paragraph({ alignment: style ? AlignmentType.LEFT : AlignmentType.JUSTIFIED, spacing: { after: 160, line: 300 }, children: runChildren(block.runs, base) })];
    }
    case 'list':
      return listParagraphs(block, 0, ctx);
    case 'quote':
      return block.blocks.flatMap((inner) =>
        inner.type === 'paragraph'
          ? [new Paragraph({ indent: { left: cm(1.2) }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: colors.border, space: 8 } }, spacing: { after: 160 }, children: runChildren(inner.runs, { italics: true }) })]
          : blockElements(inner, ctx),
      );
    case 'table':
      return tableElement(block);
    case 'grid':
      return gridElement(block);
    case 'chart':
      return chartElements(block, ctx);
    case 'signature':
      return [
        new Paragraph({ spacing: { before: 600, after: 120 }, keepNext: true, children: [new TextRun({ text: block.title, bold: true })] }),
        new Paragraph({ keepNext: true, spacing: { before: 480 }, children: [new TextRun({ text: block.name, bold: true })] }),
        new Paragraph({ keepNext: true, children: [new TextRun({ text: block.role })] }),
        new Paragraph({ children: [new TextRun({ text: block.office })] }),
      ];
  }
}

function titlePage(doc: ReportDocument): Paragraph[] {
  const centered = (text: string, options: { size: number; bold?: boolean; color?: string; before?: number; after?: number }) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: options.before ?? 0, after: options.after ?? 200 }, children: [new TextRun({ text, size: options.size, bold: options.bold, color: options.color })] });
  const out: Paragraph[] = [
    centered(doc.entity, { size: 28, bold: true, color: colors.accent, before: cm(2.5) / 2 }),
    centered(doc.title, { size: 44, bold: true, before: 1200, after: 240 }),
    centered(t.year(doc.year), { size: 32 }),
  ];
  if (doc.strategy) out.push(centered(doc.strategy, { size: 24, color: colors.muted }));
  if (doc.draft) {
    out.push(centered(t.draftMark, { size: 56, bold: true, color: colors.draft, before: 600, after: 120 }), centered(t.draftNotice, { size: 22 }));
    if (doc.pendingSections.length > 0) {
      out.push(new Paragraph({ spacing: { before: 240, after: 120 }, children: [new TextRun({ text: t.pendingTitle, bold: true })] }));
      for (const pending of doc.pendingSections) out.push(new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [new TextRun({ text: pending.text })] }));
    }
  }
  out.push(centered(t.generatedAt(doc.generatedAtText), { size: 18, color: colors.muted, before: 600 }));
  return out;
}

/**
 * Renders every chart of the model to SVG and PNG. All charts are asked for at once: a rasteriser with a pool of
 * workers (the server's, rasterizer-pool.ts) draws them on every core; a single-threaded one draws them in turn.
 */
async function renderImages(doc: ReportDocument, rasterize: RasterizeSvg, charts = chartImagesOf(doc)): Promise<Context['images']> {
  const drawn = await Promise.all(charts.map(async ({ id, svg, width }) => [id, { svg, png: await rasterize(svg, width) }] as const));
  return new Map(drawn);
}

/** The report's Word document as bytes. */
export async function buildDocx(doc: ReportDocument, options: DocxOptions): Promise<Uint8Array> {
  const ctx: Context = { images: await renderImages(doc, options.rasterize, options.charts), orderedInstance: 0 };
  const body = doc.blocks.flatMap((block) => blockElements(block, ctx));

  const headerChildren: ParagraphChild[] = [new TextRun({ text: doc.entity, size: 18, color: colors.muted })];
  if (doc.draft) headerChildren.push(new TextRun({ children: ['\t', t.draftMark], bold: true, size: 20, color: colors.draft }));
  const header = new Header({
    children: [new Paragraph({ tabStops: [{ type: TabStopType.RIGHT, position: cm(17) }], border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: colors.border, space: 4 } }, children: headerChildren })],
  });
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [`${t.page} `, PageNumber.CURRENT, ` ${t.of} `, PageNumber.TOTAL_PAGES], size: 18, color: colors.muted })],
      }),
    ],
  });

  const bulletLevels = ['•', '◦', '▪', '•', '◦', '▪'].map((text, level) => ({
    level,
    format: LevelFormat.BULLET,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: cm(0.9 + level * 0.8), hanging: cm(0.5) } } },
  }));
  const orderedLevels = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN, LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN].map((format, level) => ({
    level,
    format,
    text: `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: cm(0.9 + level * 0.8), hanging: cm(0.6) } } },
  }));

  const headingStyle = (id: string, name: string, size: number, before: number) => ({
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font, size, bold: true, color: colors.accent },
    paragraph: { spacing: { before, after: 160 }, keepNext: true, keepLines: true },
  });

  const document = new Document({
    creator: doc.entity,
    title: doc.title,
    description: t.docxDescription(doc.title, doc.year),
    styles: {
      default: { document: { run: { font, size: 22, color: colors.text } } },
      paragraphStyles: [
        headingStyle('Heading1', 'Heading 1', 30, 0),
        headingStyle('Heading2', 'Heading 2', 26, 320),
        headingStyle('Heading3', 'Heading 3', 24, 240),
        headingStyle('Heading4', 'Heading 4', 22, 200),
        headingStyle('Heading5', 'Heading 5', 22, 200),
        headingStyle('Heading6', 'Heading 6', 22, 200),
      ],
    },
    numbering: {
      config: [
        { reference: 'bullets', levels: bulletLevels },
        { reference: 'ordered', levels: orderedLevels },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: cm(2.5), bottom: cm(2.5), left: cm(2.5), right: cm(2.5), header: cm(1.2), footer: cm(1.2) } } },
        headers: { default: header },
        footers: { default: footer },
        children: [
          ...titlePage(doc),
          new Paragraph({ pageBreakBefore: true, spacing: { after: 240 }, children: [new TextRun({ text: t.tocTitle, bold: true, size: 30, color: colors.accent })] }),
          new TableOfContents(t.tocTitle, { hyperlink: true, headingStyleRange: '1-2' }),
          ...body,
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}

/** The file name of the export: `informe-2022.docx`, `informe-2022-borrador.docx`. */
export const docxFileName = (doc: Pick<ReportDocument, 'year' | 'draft'>) => `informe-${doc.year}${doc.draft ? '-borrador' : ''}.docx`;

export { docxMediaType } from './file-types';
