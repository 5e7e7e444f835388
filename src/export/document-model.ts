import type { Figure, ForumMetricsInput } from '../domain/metrics';
import { formatCount, formatMinSec } from '../domain/metrics-format';
import { formatDateTime, formatDayMonth, formatLongDate as longDateOf } from '../domain/date-format';
import type { RichBlock, RichDoc, RichInline } from '../domain/rich-text';
import {
  commitmentFigureRows,
  commitmentsSectionTexts,
  commitmentTables,
  evaluationFigureRows,
  evaluationSectionTexts,
  evaluationTallyRows,
  type CommitmentsSectionData,
  type EvaluationSectionData,
} from '../domain/report-accountability';
import { figuresGroupName, questionFigureRows, questionsSectionTexts, type QuestionsSectionData } from '../domain/report-questions';
import { buildStatistics, type StatisticsBlock, type StatisticsResult, type StatisticsRow } from '../domain/report-statistics';
import { chartHeight, type BarChartSpec, type ChartSpec, type SeriesChartSpec } from './chart-svg';
import { exportTexts as t } from './export-texts';
import { safeTexts } from '../domain/safe-text';

/**
 * The exported report as one pure document model: report + sections + forums + metrics → title page, table of
 * contents, numbered sections (rich text kept: headings, bold, italic, links, lists), per-forum statistics
 * tables and charts, recommendations, the «Elaboró» block. The Word file (docx.ts) and the print view are both
 * drawn from this model, so they cannot disagree. No I/O, no Date.now(): the same input gives the same model.
 */

export type SectionKind = 'introduction' | 'methodology' | 'forum' | 'statistics' | 'questions' | 'evaluation' | 'commitments' | 'follow_up' | 'conclusions' | 'recommendations' | 'free';
export type SectionState = 'draft' | 'in_review' | 'approved' | 'changes_requested';

export interface ExportReport {
  year: number;
  title: string;
  entity: string;
  strategy: string;
  preparedBy: { name: string; role: string; office: string };
}

export interface ExportSection {
  id: number;
  position: number;
  kind: SectionKind;
  forumId: number | null;
  title: string;
  content: RichDoc;
  recommendations: string[];
  state: SectionState;
}

export interface ExportForum {
  id: number;
  title: string;
  date: string | null;
}

export interface ReportDocumentInput {
  report: ExportReport;
  sections: ExportSection[];
  /** The year's forums, in date order. */
  forums: ExportForum[];
  metricsByForumId: Record<number, ForumMetricsInput | null | undefined>;
  /** The generated statistics (as the statistics section shows them); built from the metrics when absent. */
  statistics?: StatisticsResult | null;
  /** The «Preguntas y respuestas» section's generated part (absent in exports published before it existed). */
  questions?: QuestionsSectionData | null;
  /** The «Evaluación de los foros» section's generated part. */
  evaluation?: EvaluationSectionData | null;
  /** The «Compromisos» section's generated part. */
  commitments?: CommitmentsSectionData | null;
  /** The «Seguimiento a compromisos» section's generated part (the previous year's open commitments). */
  followUp?: CommitmentsSectionData | null;
  /** ISO time of the export (shown on the title page; the only clock the model sees). */
  generatedAt: string;
  /** The zone that time is written in (the organisation's; Bogotá when absent). */
  timeZone?: string;
}

/** A piece of inline text. */
export type Run = { type: 'text'; text: string; bold?: boolean; italic?: boolean; link?: string } | { type: 'break' };

export interface HeadingBlock {
  type: 'heading';
  /** 1 = a report section; 2 = a forum within the statistics; 3–6 = headings written inside a section. */
  level: 1 | 2 | 3 | 4 | 5 | 6;
  /** `1`, `2`… for report sections; empty otherwise. */
  number: string;
  text: string;
  /** Anchor for the table of contents (`seccion-1`, `foro-12`). */
  anchor: string | null;
  /** Sections start on a new page. */
  pageBreakBefore: boolean;
}
export interface ParagraphBlock {
  type: 'paragraph';
  runs: Run[];
  /** `caption` (table/chart captions), `note` (small print), `lead` (a sentence before a table) or plain. */
  style?: 'caption' | 'note' | 'lead';
}
export interface ListItem {
  blocks: DocBlock[];
}
export interface ListBlock {
  type: 'list';
  ordered: boolean;
  start: number;
  items: ListItem[];
}
export interface QuoteBlock {
  type: 'quote';
  blocks: DocBlock[];
}
export interface TableRow {
  label: string;
  value: string;
  approximate: boolean;
}
export interface TableBlock {
  type: 'table';
  id: string;
  caption: string;
  header: [string, string];
  rows: TableRow[];
}
/** A table of several columns (commitments, an evaluation's tally): the first column is the row's header. */
export interface GridBlock {
  type: 'grid';
  id: string;
  caption: string;
  header: string[];
  rows: string[][];
  /** Per column: right-aligned (figures). */
  numeric: boolean[];
  /** Per column: its share of the width (Word; sums to 1). */
  widths: number[];
}
export interface ChartBlock {
  type: 'chart';
  caption: string;
  chart: ChartSpec;
  /** Size in SVG units (= CSS px), for the Word image's aspect ratio. */
  width: number;
  height: number;
}
export interface SignatureBlock {
  type: 'signature';
  title: string;
  name: string;
  role: string;
  office: string;
  anchor: string;
}
export type DocBlock = HeadingBlock | ParagraphBlock | ListBlock | QuoteBlock | TableBlock | GridBlock | ChartBlock | SignatureBlock;

export interface TocEntry {
  number: string;
  title: string;
  level: 1 | 2;
  anchor: string;
}

export interface PendingSectionEntry {
  number: string;
  title: string;
  state: SectionState;
  /** `3. Foro Políticas Públicas (en revisión)` */
  text: string;
}

export interface ReportDocument {
  title: string;
  entity: string;
  year: number;
  strategy: string;
  /** True until every section is approved (or when there is no section). */
  draft: boolean;
  pendingSections: PendingSectionEntry[];
  generatedAt: string;
  /** `20/10/2022, 10:00` (Bogotá, 24 h: date-format.ts). */
  generatedAtText: string;
  toc: TocEntry[];
  blocks: DocBlock[];
}

/** `2022-06-22` → `22 de junio de 2022` (date-format.ts, the one module for dates). */
export const formatLongDate = (iso: string) => longDateOf(iso);

/* ---------- Rich text → blocks ---------- */

function runsOf(nodes: RichInline[] | undefined): Run[] {
  const runs: Run[] = [];
  for (const node of nodes ?? []) {
    if (node.type === 'hardBreak') {
      runs.push({ type: 'break' });
      continue;
    }
    const run: Run = { type: 'text', text: node.text };
    for (const mark of node.marks ?? []) {
      if (mark.type === 'bold') run.bold = true;
      else if (mark.type === 'italic') run.italic = true;
      else if (mark.type === 'link') run.link = mark.attrs.href;
    }
    runs.push(run);
  }
  return runs;
}

function richBlocks(blocks: RichBlock[]): DocBlock[] {
  const out: DocBlock[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph': {
        const runs = runsOf(block.content);
        if (runs.length > 0) out.push({ type: 'paragraph', runs });
        break;
      }
      case 'heading': {
        const text = (block.content ?? []).map((n) => (n.type === 'text' ? n.text : ' ')).join('').trim();
        if (text) out.push({ type: 'heading', level: Math.min(6, block.attrs.level + 2) as HeadingBlock['level'], number: '', text, anchor: null, pageBreakBefore: false });
        break;
      }
      case 'bulletList':
      case 'orderedList':
        out.push({
          type: 'list',
          ordered: block.type === 'orderedList',
          start: block.type === 'orderedList' ? (block.attrs?.start ?? 1) : 1,
          items: block.content.map((item) => ({ blocks: richBlocks(item.content) })),
        });
        break;
      case 'blockquote':
        out.push({ type: 'quote', blocks: richBlocks(block.content) });
        break;
    }
  }
  return out;
}

/** The blocks of a section's rich text (empty paragraphs dropped; its headings sit below the section's). */
export function richDocBlocks(doc: RichDoc | null | undefined): DocBlock[] {
  return doc ? richBlocks(doc.content) : [];
}

/* ---------- Statistics ---------- */

/** "Foro Virtual de Participación: Causas Ciudadanas" → "Causas Ciudadanas". */
export function forumTopic(title: string): string {
  const after = title.includes(':') ? title.slice(title.lastIndexOf(':') + 1).trim() : title;
  return after || title;
}

const keyFigures: Array<{ key: keyof typeof t.keyFigureLabels; pick: (m: ForumMetricsInput) => Figure | null | undefined }> = [
  { key: 'reach', pick: (m) => m.sincePublication?.reach ?? m.postCard?.reach },
  { key: 'plays', pick: (m) => m.postCard?.plays },
  { key: 'views3s', pick: (m) => m.sincePublication?.views3s ?? m.postCard?.views3s },
  { key: 'viewers3s', pick: (m) => m.sincePublication?.viewers3s },
  { key: 'views15s', pick: (m) => m.sincePublication?.views15s },
  { key: 'views1m', pick: (m) => m.sincePublication?.views1m },
  { key: 'interactions', pick: (m) => m.sincePublication?.interactions ?? m.postCard?.interactions },
  { key: 'peakLiveViewers', pick: (m) => m.liveSummary?.peakLiveViewers },
];

function keyFiguresChart(id: string, forum: string, metrics: ForumMetricsInput): BarChartSpec | null {
  const bars = keyFigures.flatMap(({ key, pick }) => {
    const figure = pick(metrics);
    return figure ? [{ label: t.keyFigureLabels[key], value: figure.value, display: formatCount(figure.value, { approximate: figure.approximate }), approximate: figure.approximate }] : [];
  });
  if (bars.length === 0) return null;
  return { id, kind: 'bars', title: t.charts.keyFigures(forum), description: t.charts.keyFiguresAlt(forum, bars.map((b) => `${b.label} ${b.display}`).join('; ')), bars };
}

function seriesCharts(idPrefix: string, forum: string, metrics: ForumMetricsInput): SeriesChartSpec[] {
  const charts: SeriesChartSpec[] = [];
  const curve = metrics.liveSummary?.liveViewersCurve ?? [];
  if (curve.length > 1) {
    const peak = curve.reduce((best, p) => (p.viewers > best.viewers ? p : best), curve[0]);
    charts.push({
      id: `${idPrefix}-live`,
      kind: 'line',
      title: t.charts.liveViewers(forum),
      description: t.charts.liveViewersAlt(forum, curve.length, formatCount(peak.viewers), formatMinSec(peak.minute * 60)),
      xLabel: t.charts.minute,
      yLabel: t.charts.viewers,
      yUnit: 'count',
      points: curve.map((p) => ({ x: p.minute, label: formatMinSec(p.minute * 60), value: p.viewers })),
    });
  }
  const daily = metrics.sincePublication?.dailyViews ?? [];
  if (daily.length > 1) {
    const total = daily.reduce((sum, p) => sum + p.views, 0);
    charts.push({
      id: `${idPrefix}-daily`,
      kind: 'columns',
      title: t.charts.dailyViews(forum),
      description: t.charts.dailyViewsAlt(forum, daily.length, formatCount(total), formatLongDate(daily[0].date), formatLongDate(daily[daily.length - 1].date)),
      xLabel: t.charts.date,
      yLabel: t.charts.views,
      yUnit: 'count',
      points: daily.map((p, i) => ({ x: i, label: formatDayMonth(p.date), value: p.views })),
    });
  }
  const retention = metrics.sincePublication?.retentionCurve ?? [];
  if (retention.length > 1) {
    const pct = (v: number) => `${formatCount(Math.round(v * 10) / 10)} %`;
    charts.push({
      id: `${idPrefix}-retention`,
      kind: 'line',
      title: t.charts.retention(forum),
      description: t.charts.retentionAlt(forum, retention.length, pct(retention[0].percent), pct(retention[retention.length - 1].percent)),
      xLabel: t.charts.interval,
      yLabel: t.charts.percent,
      yUnit: 'percent',
      points: retention.map((p) => ({ x: p.interval, label: String(p.interval), value: p.percent })),
    });
  }
  return charts;
}

const tableRows = (rows: StatisticsRow[]): TableRow[] => rows.map((r) => ({ label: r.label, value: r.value, approximate: r.approximate }));

interface Counters {
  table: number;
  chart: number;
}

function chartBlock(counters: Counters, chart: ChartSpec): ChartBlock {
  counters.chart += 1;
  return { type: 'chart', caption: t.chartCaption(counters.chart, chart.title), chart, width: 640, height: chartHeight(chart) };
}

function statisticsBlocks(
  stats: StatisticsResult,
  metricsByForumId: ReportDocumentInput['metricsByForumId'],
  forumName: (block: StatisticsBlock) => string,
  counters: Counters,
  toc: TocEntry[],
): DocBlock[] {
  const out: DocBlock[] = [];
  if (stats.blocks.length === 0) out.push({ type: 'paragraph', runs: [{ type: 'text', text: t.noForums }] });
  for (const block of stats.blocks) {
    const name = forumName(block);
    const anchor = `foro-${block.forumId}`;
    toc.push({ number: '', title: name, level: 2, anchor });
    out.push({ type: 'heading', level: 2, number: '', text: name, anchor, pageBreakBefore: false });
    if (block.date) out.push({ type: 'paragraph', runs: [{ type: 'text', text: t.forumDate(formatLongDate(block.date)) }], style: 'lead' });
    const metrics = metricsByForumId[block.forumId] ?? null;
    if (!block.hasMetrics || !metrics) {
      out.push({ type: 'paragraph', runs: [{ type: 'text', text: t.noMetrics }] });
      continue;
    }
    const tables: Array<{ key: keyof typeof t.snapshots; rows: TableRow[] }> = [
      { key: 'postCard', rows: tableRows(block.postCard) },
      { key: 'liveSummary', rows: tableRows(block.liveSummary) },
      { key: 'sincePublication', rows: tableRows(block.sincePublication) },
    ];
    for (const { key, rows } of tables) {
      if (rows.length === 0) continue;
      if (key === 'liveSummary') {
        const duration = block.liveSummary.find((r) => r.field === 'broadcastSeconds');
        if (duration) out.push({ type: 'paragraph', runs: [{ type: 'text', text: t.liveDuration(duration.value) }], style: 'lead' });
      }
      counters.table += 1;
      out.push({ type: 'table', id: `tabla-${counters.table}`, caption: t.tableCaption(counters.table, `${t.snapshots[key]} — ${name}`), header: t.tableHeader, rows });
    }
    const bars = keyFiguresChart(`grafico-foro-${block.forumId}`, name, metrics);
    if (bars) out.push(chartBlock(counters, bars));
    for (const chart of seriesCharts(`grafico-foro-${block.forumId}`, name, metrics)) out.push(chartBlock(counters, chart));
    if (tables.some(({ rows }) => rows.some((r) => r.approximate))) out.push({ type: 'paragraph', runs: [{ type: 'text', text: t.approximateNote }], style: 'note' });
  }
  return out;
}

/** The questions and answers (each published one with its channel and dates), then the timeliness tables. */
function questionsBlocks(data: QuestionsSectionData | null | undefined, counters: Counters): DocBlock[] {
  const q = questionsSectionTexts;
  const out: DocBlock[] = [];
  if (!data || data.figures.length === 0) return [{ type: 'paragraph', runs: [{ type: 'text', text: q.noQuestions }] }];
  out.push({ type: 'heading', level: 2, number: '', text: q.questionsTitle, anchor: null, pageBreakBefore: false });
  if (data.items.length === 0) out.push({ type: 'paragraph', runs: [{ type: 'text', text: q.noPublished }] });
  for (const item of data.items) {
    out.push({ type: 'paragraph', runs: [{ type: 'text', text: item.question, bold: true }] });
    const answer = richDocBlocks(item.answer);
    out.push(...(answer.length > 0 ? answer : [{ type: 'paragraph' as const, runs: [{ type: 'text' as const, text: q.noAnswer }] }]));
    out.push({ type: 'paragraph', runs: [{ type: 'text', text: `${item.forumTitle}. ${q.meta(item, formatLongDate)}` }], style: 'note' });
  }
  out.push({ type: 'heading', level: 2, number: '', text: q.figuresTitle, anchor: null, pageBreakBefore: false });
  for (const figures of data.figures) {
    counters.table += 1;
    out.push({
      type: 'table',
      id: `tabla-${counters.table}`,
      caption: t.tableCaption(counters.table, `${q.figuresTitle} — ${figuresGroupName(figures)}`),
      header: q.figuresHeader,
      rows: questionFigureRows(figures).map((r) => ({ ...r, approximate: false })),
    });
  }
  return out;
}

const plain = (text: string, style?: ParagraphBlock['style']): ParagraphBlock => ({ type: 'paragraph', runs: [{ type: 'text', text }], ...(style ? { style } : {}) });
const subheading = (text: string): HeadingBlock => ({ type: 'heading', level: 2, number: '', text, anchor: null, pageBreakBefore: false });

/** The commitments (one table per forum: text, area, due date, status, progress), then the counts per status. */
function commitmentsBlocks(data: CommitmentsSectionData | null | undefined, followUp: boolean, counters: Counters): DocBlock[] {
  const c = commitmentsSectionTexts;
  if (!data) return [];
  if (data.items.length === 0) return [plain(followUp ? c.noneOpen(data.year) : c.none(data.year))];
  const out: DocBlock[] = [];
  const figuresTitle = followUp ? c.followUpFiguresTitle(data.year) : c.figuresTitle(data.year);
  counters.table += 1;
  out.push({
    type: 'table',
    id: `tabla-${counters.table}`,
    caption: t.tableCaption(counters.table, figuresTitle),
    header: c.figuresHeader,
    rows: commitmentFigureRows(data.figures, { openOnly: followUp }).map((r) => ({ ...r, approximate: false })),
  });
  for (const group of commitmentTables(data.items)) {
    counters.table += 1;
    out.push({
      type: 'grid',
      id: `tabla-${counters.table}`,
      caption: t.tableCaption(counters.table, c.forumCaption(group.forumTitle)),
      header: [...c.header],
      rows: group.rows,
      numeric: [false, false, false, false, true],
      widths: [0.44, 0.18, 0.14, 0.13, 0.11],
    });
  }
  return out;
}

/** Per forum: responses and satisfaction index, the tally per question, a few comments. */
function evaluationBlocks(data: EvaluationSectionData | null | undefined, counters: Counters): DocBlock[] {
  const e = evaluationSectionTexts;
  if (!data) return [];
  if (data.forums.length === 0) return [plain(e.none)];
  const out: DocBlock[] = [];
  for (const forum of data.forums) {
    out.push(subheading(forum.forumTitle));
    if (forum.responses === 0) {
      out.push(plain(e.noResponses));
      continue;
    }
    counters.table += 1;
    out.push({ type: 'table', id: `tabla-${counters.table}`, caption: t.tableCaption(counters.table, e.figuresCaption(forum.forumTitle)), header: e.figuresHeader, rows: evaluationFigureRows(forum).map((r) => ({ ...r, approximate: false })) });
    counters.table += 1;
    out.push({
      type: 'grid',
      id: `tabla-${counters.table}`,
      caption: t.tableCaption(counters.table, e.tallyCaption(forum.forumTitle)),
      header: [...e.tallyHeader],
      rows: evaluationTallyRows(forum),
      numeric: [false, true, true, true, true, true, true, true],
      widths: [0.4, 0.07, 0.07, 0.07, 0.07, 0.07, 0.11, 0.14],
    });
    out.push(plain(e.scale, 'note'));
    if (forum.comments.length > 0) {
      out.push(plain(e.commentsTitle, 'lead'));
      out.push({ type: 'list', ordered: false, start: 1, items: forum.comments.map((comment) => ({ blocks: [plain(`«${comment}»`)] })) });
    }
  }
  return out;
}

/* ---------- The document ---------- */

/** True when every section is approved (and there is at least one). */
export const isFinal = (sections: Pick<ExportSection, 'state'>[]) => sections.length > 0 && sections.every((s) => s.state === 'approved');

/** The report as a document: the single source of the Word file and the print view. */
export function buildReportDocument(input: ReportDocumentInput): ReportDocument {
  const { report, forums, metricsByForumId } = input;
  const sections = [...input.sections].sort((a, b) => a.position - b.position || a.id - b.id);
  const draft = !isFinal(sections);
  const numbered = sections.map((section, i) => ({ section, number: String(i + 1) }));
  const pendingSections = numbered
    .filter(({ section }) => section.state !== 'approved')
    .map(({ section, number }) => ({ number, title: section.title, state: section.state, text: t.pendingItem(number, section.title, t.sectionStates[section.state]) }));

  const stats = input.statistics ?? buildStatistics(forums, metricsByForumId);
  const forumSectionTitle = new Map(sections.filter((s) => s.kind === 'forum' && s.forumId !== null).map((s) => [s.forumId as number, s.title]));
  const forumName = (block: StatisticsBlock) => forumSectionTitle.get(block.forumId) ?? `Foro ${forumTopic(block.forumTitle)}`;

  const toc: TocEntry[] = [];
  const blocks: DocBlock[] = [];
  const counters: Counters = { table: 0, chart: 0 };
  for (const { section, number } of numbered) {
    const anchor = `seccion-${number}`;
    toc.push({ number, title: section.title, level: 1, anchor });
    blocks.push({ type: 'heading', level: 1, number, text: section.title, anchor, pageBreakBefore: true });
    const content = richDocBlocks(section.content);
    if (section.kind === 'recommendations') {
      // As the seed: the recommendations as bullets, then the section's closing text.
      if (section.recommendations.length > 0) {
        blocks.push({ type: 'list', ordered: false, start: 1, items: section.recommendations.map((text) => ({ blocks: [{ type: 'paragraph', runs: [{ type: 'text', text }] }] })) });
      }
      blocks.push(...content);
    } else {
      blocks.push(...content);
      if (section.kind === 'statistics') blocks.push(...statisticsBlocks(stats, metricsByForumId, forumName, counters, toc));
      if (section.kind === 'questions') blocks.push(...questionsBlocks(input.questions, counters));
      if (section.kind === 'evaluation') blocks.push(...evaluationBlocks(input.evaluation, counters));
      if (section.kind === 'commitments') blocks.push(...commitmentsBlocks(input.commitments, false, counters));
      if (section.kind === 'follow_up') blocks.push(...commitmentsBlocks(input.followUp, true, counters));
    }
  }
  const signer = report.preparedBy;
  if (signer.name || signer.role || signer.office) {
    blocks.push({ type: 'signature', title: t.signatureTitle, name: signer.name, role: signer.role, office: signer.office, anchor: 'elaboro' });
  }

  // Word and the print view both draw this model: control and bidirectional characters go from every text here (safe-text.ts).
  return safeTexts({
    title: report.title,
    entity: report.entity,
    year: report.year,
    strategy: report.strategy,
    draft,
    pendingSections,
    generatedAt: input.generatedAt,
    generatedAtText: formatDateTime(input.generatedAt, input.timeZone),
    toc,
    blocks,
  });
}

/** Every chart of the document, in order (the Word export rasterises these). */
export const documentCharts = (doc: ReportDocument): ChartBlock[] => doc.blocks.filter((b): b is ChartBlock => b.type === 'chart');

/** The plain text of runs (for tests and alt texts). */
export const runsText = (runs: Run[]) => runs.map((r) => (r.type === 'text' ? r.text : '\n')).join('');
