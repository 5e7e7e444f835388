/**
 * The report's charts as SVG text, from a chart spec of the document model. One pure renderer (no DOM, no
 * React, no I/O): the print view inlines the SVG (vector on paper and in the PDF), the Word export embeds the
 * same SVG and a PNG made from it by the rasteriser (rasterize.ts). Text uses DejaVu Sans, the font the
 * rasteriser ships, with common sans-serif fallbacks for the print view.
 */

export const chartFont = "'DejaVu Sans', Verdana, Arial, sans-serif";
/** Width of every chart in SVG user units (= CSS px at 100 %); the height depends on the chart. */
export const chartWidth = 640;

export interface ChartBar {
  label: string;
  value: number;
  /** The value as shown: es-CO, `≈` when approximate. */
  display: string;
  approximate: boolean;
}

export interface ChartPoint {
  x: number;
  /** The x value as an axis label (`0:05`, `22 jun`, `3`). */
  label: string;
  value: number;
}

interface ChartBase {
  id: string;
  title: string;
  /** The chart said in words: alt text in Word, accessible name in the print view. */
  description: string;
}

/** Horizontal bars, one per figure, with their value at the end (key figures of a forum). */
export interface BarChartSpec extends ChartBase {
  kind: 'bars';
  bars: ChartBar[];
}

/** A series over x: a line (live viewers, retention) or columns (daily views). */
export interface SeriesChartSpec extends ChartBase {
  kind: 'line' | 'columns';
  xLabel: string;
  yLabel: string;
  /** How y values are written on the axis. */
  yUnit: 'count' | 'percent';
  points: ChartPoint[];
}

export type ChartSpec = BarChartSpec | SeriesChartSpec;

const palette = { bar: '#1c5fa8', approximate: '#6b8fbf', line: '#1c5fa8', fill: '#d5e3f3', axis: '#4a4a4a', grid: '#d9d9d9', text: '#1f1f1f' };

/** Escapes text for SVG/XML content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

const integer = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 0, useGrouping: 'always' } as Intl.NumberFormatOptions);
const oneDecimal = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 1, useGrouping: 'always' } as Intl.NumberFormatOptions);
const axisNumber = (value: number, unit: 'count' | 'percent') => (unit === 'percent' ? `${oneDecimal.format(value)} %` : Number.isInteger(value) ? integer.format(value) : oneDecimal.format(value));

/** A round step for about `count` intervals up to `max` (1, 2, 2,5, 5 × 10^n). */
export function niceStep(max: number, count = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  return step;
}

/** Approximate width of a text in DejaVu Sans at `size` (for layout; exact widths need the font). */
export function textWidth(text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += /[il.,:;'|!]/.test(ch) ? 0.32 : /[mwMW@%]/.test(ch) ? 0.9 : /[A-ZÁÉÍÓÚÑ0-9]/.test(ch) ? 0.68 : ch === ' ' ? 0.32 : 0.58;
  return units * size;
}

/** Shortens a label to fit `width` at `size`, with an ellipsis. */
function fitText(text: string, width: number, size: number): string {
  if (textWidth(text, size) <= width) return text;
  let out = text;
  while (out.length > 1 && textWidth(`${out}…`, size) > width) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}

const n = (value: number) => (Math.round(value * 10) / 10).toString();

function svgOpen(spec: ChartSpec, height: number): string {
  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${chartWidth}" height="${height}" viewBox="0 0 ${chartWidth} ${height}" role="img" aria-labelledby="${titleId} ${descId}" font-family="${escapeXml(chartFont)}">` +
    `<title id="${titleId}">${escapeXml(spec.title)}</title><desc id="${descId}">${escapeXml(spec.description)}</desc>` +
    `<rect x="0" y="0" width="${chartWidth}" height="${height}" fill="#ffffff"/>`
  );
}

/** Height of a chart in SVG units (the Word image keeps this aspect ratio). */
export function chartHeight(spec: ChartSpec): number {
  return spec.kind === 'bars' ? 24 + Math.max(1, spec.bars.length) * 30 + 16 : 300;
}

function renderBars(spec: BarChartSpec): string {
  const height = chartHeight(spec);
  const labelSize = 12;
  const labelWidth = 230;
  const left = labelWidth + 14;
  const valueRoom = 90;
  const plotWidth = chartWidth - left - valueRoom;
  const max = Math.max(1, ...spec.bars.map((b) => b.value));
  const parts: string[] = [svgOpen(spec, height)];
  parts.push(`<line x1="${left}" y1="16" x2="${left}" y2="${height - 12}" stroke="${palette.axis}" stroke-width="1"/>`);
  spec.bars.forEach((bar, i) => {
    const y = 24 + i * 30;
    const w = Math.max(bar.value > 0 ? 1 : 0, (bar.value / max) * plotWidth);
    parts.push(
      `<text x="${labelWidth}" y="${y + 15}" font-size="${labelSize}" text-anchor="end" fill="${palette.text}">${escapeXml(fitText(bar.label, labelWidth, labelSize))}</text>`,
      `<rect x="${left}" y="${y + 2}" width="${n(w)}" height="18" fill="${bar.approximate ? palette.approximate : palette.bar}"${bar.approximate ? ' stroke="#1c5fa8" stroke-dasharray="4 2"' : ''}/>`,
      `<text x="${n(left + w + 6)}" y="${y + 15}" font-size="${labelSize}" font-weight="bold" fill="${palette.text}">${escapeXml(bar.display)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/** At most `max` points, keeping each bucket's highest (peaks stay visible), first and last kept. */
function downsample(points: ChartPoint[], max = 600): ChartPoint[] {
  if (points.length <= max) return points;
  const bucket = points.length / max;
  const out: ChartPoint[] = [];
  for (let b = 0; b < max; b++) {
    const start = Math.floor(b * bucket);
    const end = Math.min(points.length, Math.floor((b + 1) * bucket));
    let best = points[start];
    for (let i = start + 1; i < end; i++) if (points[i].value > best.value) best = points[i];
    out.push(best);
  }
  out[0] = points[0];
  out[out.length - 1] = points[points.length - 1];
  return out;
}

function renderSeries(spec: SeriesChartSpec): string {
  const height = chartHeight(spec);
  const margin = { top: 16, right: 20, bottom: 52, left: 64 };
  const plotW = chartWidth - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const points = downsample(spec.points);
  const maxValue = Math.max(0, ...points.map((p) => p.value));
  const step = niceStep(maxValue || 1);
  const yMax = Math.max(step, Math.ceil(maxValue / step) * step);
  const y = (v: number) => margin.top + plotH - (v / yMax) * plotH;
  const count = points.length;
  const columns = spec.kind === 'columns';
  const slot = plotW / Math.max(1, count);
  const xMin = points[0]?.x ?? 0;
  const xMax = points[count - 1]?.x ?? 1;
  const x = (p: ChartPoint, i: number) => (columns ? margin.left + slot * (i + 0.5) : margin.left + (xMax === xMin ? plotW / 2 : ((p.x - xMin) / (xMax - xMin)) * plotW));
  const parts: string[] = [svgOpen(spec, height)];

  for (let v = 0; v <= yMax + step / 2; v += step) {
    const yy = n(y(v));
    parts.push(
      `<line x1="${margin.left}" y1="${yy}" x2="${chartWidth - margin.right}" y2="${yy}" stroke="${palette.grid}" stroke-width="1"/>`,
      `<text x="${margin.left - 6}" y="${n(y(v) + 4)}" font-size="11" text-anchor="end" fill="${palette.text}">${escapeXml(axisNumber(v, spec.yUnit))}</text>`,
    );
  }
  parts.push(`<line x1="${margin.left}" y1="${n(y(0))}" x2="${chartWidth - margin.right}" y2="${n(y(0))}" stroke="${palette.axis}" stroke-width="1"/>`);

  if (columns) {
    const w = Math.max(1, slot * 0.7);
    points.forEach((p, i) => {
      parts.push(`<rect x="${n(x(p, i) - w / 2)}" y="${n(y(p.value))}" width="${n(w)}" height="${n(y(0) - y(p.value))}" fill="${palette.bar}"/>`);
    });
  } else if (count > 0) {
    const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(x(p, i))} ${n(y(p.value))}`).join(' ');
    const area = `${line} L${n(x(points[count - 1], count - 1))} ${n(y(0))} L${n(x(points[0], 0))} ${n(y(0))} Z`;
    parts.push(`<path d="${area}" fill="${palette.fill}" stroke="none"/>`, `<path d="${line}" fill="none" stroke="${palette.line}" stroke-width="2" stroke-linejoin="round"/>`);
  }

  const ticks = Math.min(8, count);
  const used = new Set<number>();
  for (let t = 0; t < ticks; t++) {
    const i = ticks === 1 ? 0 : Math.round((t * (count - 1)) / (ticks - 1));
    if (used.has(i)) continue;
    used.add(i);
    const xx = n(x(points[i], i));
    parts.push(
      `<line x1="${xx}" y1="${n(y(0))}" x2="${xx}" y2="${n(y(0) + 4)}" stroke="${palette.axis}" stroke-width="1"/>`,
      `<text x="${xx}" y="${n(y(0) + 17)}" font-size="11" text-anchor="middle" fill="${palette.text}">${escapeXml(points[i].label)}</text>`,
    );
  }
  parts.push(
    `<text x="${n(margin.left + plotW / 2)}" y="${height - 8}" font-size="12" text-anchor="middle" fill="${palette.text}">${escapeXml(spec.xLabel)}</text>`,
    `<text x="14" y="${n(margin.top + plotH / 2)}" font-size="12" text-anchor="middle" fill="${palette.text}" transform="rotate(-90 14 ${n(margin.top + plotH / 2)})">${escapeXml(spec.yLabel)}</text>`,
    '</svg>',
  );
  return parts.join('');
}

/** The chart as a standalone SVG document (UTF-8 text, no external references). */
export function renderChartSvg(spec: ChartSpec): string {
  return spec.kind === 'bars' ? renderBars(spec) : renderSeries(spec);
}
