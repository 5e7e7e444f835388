/** Collects the rows every bench section produces and prints them as one table. */

export interface ReportRow {
  section: string;
  measure: string;
  value: string;
  /** The same measure of the baseline, taken in the same run (bench/baselines). */
  baseline?: string;
  /** value ÷ baseline (or baseline ÷ value for throughput), e.g. "2.41×". */
  ratio?: string;
  target?: string;
  /** undefined: informational only. */
  ok?: boolean;
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const times = (ratio: number) => `${ratio.toFixed(2)}×`;

export function printReport(rows: ReportRow[]): void {
  const headers = ['Sección', 'Medida', 'Valor', 'Base (misma corrida)', 'Razón', 'Objetivo', ''];
  const cells = rows.map((r) => [r.section, r.measure, r.value, r.baseline ?? '', r.ratio ?? '', r.target ?? '', r.ok === undefined ? '' : r.ok ? 'OK' : 'FUERA']);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  console.log('');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
  console.log('');
}
