import { sumDateOrderEvidence, type DateOrderEvidence } from '../../../domain/date-order';
import {
  dateFields,
  importMessages,
  metricsImportLimits,
  parseMetricsCsv,
  resolveDateOrders,
  type ImportProblem,
  type ImportedRow,
  type MetricsImportResult,
  type ParseMetricsOptions,
} from '../../../domain/metrics-import';
import { inWorkerOrHere } from '../../lib/worker-or-here';

/**
 * Parses a Meta / YouTube export without freezing the page: in a Web Worker when the browser has one, else
 * (jsdom, very old browsers) on the main thread in chunks of whole records, yielding between chunks.
 */

export interface ParseProgress {
  /** 0–1, or null while unknown (the worker parses in one go). */
  share: number | null;
}

/** Characters per main-thread chunk (~25 ms of parsing each). */
export const chunkChars = 256 * 1024;

const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function parseMetricsFile(bytes: ArrayBuffer, options: { asOf?: string; onProgress?: (progress: ParseProgress) => void } = {}): Promise<MetricsImportResult> {
  if (bytes.byteLength > metricsImportLimits.maxBytes) return { ok: false, message: importMessages.tooLarge };
  // Copied, not transferred: the same bytes are sent to the server on confirmation.
  const result = await inWorkerOrHere<MetricsImportResult | string>(
    () => {
      const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module' });
      options.onProgress?.({ share: null });
      return worker;
    },
    { bytes, asOf: options.asOf },
    () => parseInChunks(bytes, options.asOf, options.onProgress),
  );
  // The worker answers with JSON text (see parse-worker.ts).
  return typeof result === 'string' ? (JSON.parse(result) as MetricsImportResult) : result;
}

/**
 * Walks whole records from `from` (a record start) until the first record end at or after `until`, as the
 * domain's CSV reader does: a quote opens a quoted cell only at the start of a cell, `""` is a quote inside it.
 */
function scanRecords(text: string, from: number, until: number, delimiter: number): { end: number; records: number } {
  const n = text.length;
  let records = 0;
  let quoted = false;
  let cellStart = true;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          i += 2;
          continue;
        }
        quoted = false;
      }
      i++;
      continue;
    }
    if (c === 34 && cellStart) {
      quoted = true;
      cellStart = false;
      i++;
      continue;
    }
    if (c === delimiter) {
      cellStart = true;
      i++;
      continue;
    }
    if (c === 10 || c === 13) {
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      records++;
      cellStart = true;
      if (i >= until) return { end: i, records };
      continue;
    }
    cellStart = false;
    i++;
  }
  const last = text.charCodeAt(n - 1);
  return { end: n, records: records + (n > from && last !== 10 && last !== 13 ? 1 : 0) };
}

/** The delimiter that splits the header line into the most cells (as the domain's reader picks it). */
function headerDelimiter(line: string): number {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return 59;
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return 9;
  return 44;
}

/**
 * Main-thread parsing in chunks of whole records, each parsed with the header line in front and merged:
 * row numbers and problems shifted to the file's numbering. The YouTube live export adds up every row into one
 * curve, so it is parsed whole (it is small: one row per 15 s of broadcast).
 */
export async function parseInChunks(bytes: ArrayBuffer, asOf: string | undefined, onProgress?: (progress: ParseProgress) => void): Promise<MetricsImportResult> {
  onProgress?.({ share: 0 });
  await nextTick();
  const view = new Uint8Array(bytes);
  const utf16 = (view[0] === 0xff && view[1] === 0xfe) || (view[0] === 0xfe && view[1] === 0xff);
  const zip = view[0] === 0x50 && view[1] === 0x4b;
  if (view.length <= chunkChars || utf16 || zip) return parseMetricsCsv(bytes, { asOf });
  const text = new TextDecoder('utf-8').decode(view);
  if (text.indexOf('\u0000') >= 0) return parseMetricsCsv(bytes, { asOf });

  // The header record, with any blank lines and `sep=;` line before it: put in front of every chunk.
  let headerStart = text.search(/[^\s\ufeff]/);
  if (headerStart < 0) return parseMetricsCsv(bytes, { asOf });
  const sep = /^sep=(.)\r?\n/i.exec(text.slice(headerStart, headerStart + 8));
  if (sep) headerStart = text.indexOf('\n', headerStart) + 1;
  const firstLineEnd = text.slice(headerStart, headerStart + 64 * 1024).search(/\r|\n/);
  const delimiter = sep ? sep[1].charCodeAt(0) : headerDelimiter(text.slice(headerStart, firstLineEnd < 0 ? undefined : headerStart + firstLineEnd));
  const header = scanRecords(text, headerStart, headerStart + 1, delimiter);
  const prefix = text.slice(0, header.end);
  if (header.end >= text.length) return parseMetricsCsv(bytes, { asOf });

  const chunks: { start: number; end: number; records: number }[] = [];
  for (let start = header.end; start < text.length; ) {
    const { end, records } = scanRecords(text, start, start + chunkChars, delimiter);
    chunks.push({ start, end, records });
    start = end;
  }
  const totalRecords = chunks.reduce((sum, c) => sum + c.records, 0);
  if (totalRecords > metricsImportLimits.maxRows * 2) return { ok: false, message: importMessages.tooManyRows(totalRecords) };

  const firstPass = await parseChunks(bytes, text, prefix, chunks, asOf, undefined, onProgress);
  if (!firstPass.ok || !firstPass.evidence) return firstPass.result;
  // Each chunk decided its date order from its own values; the file's order is decided from all of them. When a
  // chunk's values said nothing (or the other thing), its dates are read again with the whole file's evidence.
  const whole = firstPass.evidence;
  const agreed = firstPass.chunkEvidence.every((evidence) => sameOrders(evidence, whole, firstPass.result));
  if (agreed) return withDateOrder(firstPass.result, whole);
  const secondPass = await parseChunks(bytes, text, prefix, chunks, asOf, whole, onProgress);
  return secondPass.ok ? withDateOrder(secondPass.result, whole) : secondPass.result;
}

type Evidence = NonNullable<ParseMetricsOptions['dateEvidence']>;

function sumEvidence(parts: Evidence[]): Evidence {
  const total: Evidence = {};
  for (const field of dateFields) {
    const present = parts.map((p) => p[field]).filter((e): e is DateOrderEvidence => e !== undefined);
    if (present.length > 0) total[field] = sumDateOrderEvidence(present);
  }
  return total;
}

/** Whether a chunk with this evidence reads every date column in the order the whole file's evidence gives. */
function sameOrders(part: Evidence, whole: Evidence, result: MetricsImportResult): boolean {
  if (!result.ok) return true;
  const a = resolveDateOrders(part, result.language).dayFirst;
  const b = resolveDateOrders(whole, result.language).dayFirst;
  return dateFields.every((field) => a[field] === b[field]);
}

function withDateOrder(result: MetricsImportResult, whole: Evidence): MetricsImportResult {
  return result.ok ? { ...result, dateEvidence: whole, dateOrder: resolveDateOrders(whole, result.language).dateOrder } : result;
}

type ChunksResult =
  | { ok: true; result: MetricsImportResult; evidence: Evidence; chunkEvidence: Evidence[] }
  | { ok: false; result: MetricsImportResult; evidence?: undefined };

async function parseChunks(
  bytes: ArrayBuffer,
  text: string,
  prefix: string,
  chunks: { start: number; end: number; records: number }[],
  asOf: string | undefined,
  dateEvidence: Evidence | undefined,
  onProgress?: (progress: ParseProgress) => void,
): Promise<ChunksResult> {
  const final = (result: MetricsImportResult): ChunksResult => ({ ok: false, result });
  const chunkEvidence: Evidence[] = [];
  let first: Extract<MetricsImportResult, { ok: true }> | null = null;
  const rows: ImportedRow[] = [];
  const problems: ImportProblem[] = [];
  let dropped = 0;
  const addProblem = (problem: ImportProblem) => {
    if (problems.length < metricsImportLimits.maxProblems) problems.push(problem);
    else dropped++;
  };
  let recordsBefore = 0;
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k];
    const result = parseMetricsCsv(prefix + text.slice(chunk.start, chunk.end), { asOf, dateEvidence });
    if (!result.ok) {
      // A chunk of blank lines has "no rows"; anything else the first chunk would have said too.
      if (first && result.message === importMessages.noRows) {
        recordsBefore += chunk.records;
        continue;
      }
      if (!first && result.message === importMessages.noRows && k < chunks.length - 1) {
        recordsBefore += chunk.records;
        continue;
      }
      return final(result);
    }
    chunkEvidence.push(result.dateEvidence);
    if (!first) {
      first = result;
      if (result.format === 'youtube_live') return final(parseMetricsCsv(bytes, { asOf }));
    }
    for (const row of result.rows) rows.push(recordsBefore === 0 ? row : { ...row, rowNumber: row.rowNumber + recordsBefore });
    for (const problem of result.problems) {
      if (problem.row === undefined) {
        // "Y N problemas más" is recounted below; other file-wide notes are said once.
        const more = /^Y [\d.]+ problemas más\.$/.test(problem.message);
        if (more) dropped += Number(problem.message.replace(/\D/g, ''));
        else if (!problems.some((p) => p.row === undefined && p.message === problem.message)) addProblem(problem);
      } else if (problem.row === 1) {
        if (k === 0 || first === result) addProblem(problem);
      } else addProblem({ ...problem, row: problem.row + recordsBefore });
    }
    recordsBefore += chunk.records;
    onProgress?.({ share: (k + 1) / chunks.length });
    if (k < chunks.length - 1) await nextTick();
  }
  if (!first) return final(parseMetricsCsv(bytes, { asOf }));
  if (rows.length > metricsImportLimits.maxRows) return final({ ok: false, message: importMessages.tooManyRows(rows.length) });
  const result: MetricsImportResult = { ...first, rows, problems: dropped > 0 ? [...problems, { message: importMessages.moreProblems(dropped) }] : problems };
  return { ok: true, result, evidence: sumEvidence(chunkEvidence), chunkEvidence };
}
