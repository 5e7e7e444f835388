import { decodeCsvBytes, isZipSignature as isZip, readCsv } from '../../../domain/csv';

/**
 * Reads a spreadsheet export (Google Forms / Microsoft Forms, an office's own sheet; CSV or XLSX) into a header and
 * rows of text, or says why it cannot. Runs in the import worker (and on the main thread where there is no Worker).
 * Shared by every mapped import (consultation responses, commitments' progress, forum evaluations, questions).
 */

export const importFileLimits = { maxBytes: 30 * 1024 * 1024, maxRows: 100_000 } as const;

export type ImportFileProblem = 'empty' | 'tooLarge' | 'binary' | 'noHeader' | 'noRows' | 'tooManyRows' | 'unsupported' | 'xlsxFailed' | 'unclosedQuote';

export type ReadExport = { ok: true; header: string[]; rows: string[][] } | { ok: false; problem: ImportFileProblem };

export type ExportKind = 'csv' | 'xlsx';

/** csv or xlsx from the name, and the bytes when they say otherwise (an XLSX is a ZIP). */
export function exportKind(name: string, bytes: ArrayBuffer): ExportKind | null {
  const view = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  if (isZip(view)) return 'xlsx';
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

const isBlank = (record: string[]) => record.every((cell) => cell.trim() === '');
const looksLikeData = (cell: string) => /^\s*[\d/.:,\- ]+\s*$/.test(cell) || /^\d{4}-\d{2}-\d{2}/.test(cell.trim());

/** The header (first non-blank record) and the non-blank rows after it, or the problem. */
function fromRecords(records: string[][]): ReadExport {
  const start = records.findIndex((record) => !isBlank(record));
  if (start < 0) return { ok: false, problem: 'empty' };
  const header = records[start].map((cell, i) => (i === 0 ? cell.replace(/^\ufeff/, '') : cell).trim());
  const named = header.filter((cell) => cell !== '');
  if (named.length < 2 || named.every(looksLikeData)) return { ok: false, problem: 'noHeader' };
  const rows: string[][] = [];
  for (let r = start + 1; r < records.length; r++) if (!isBlank(records[r])) rows.push(records[r]);
  if (rows.length === 0) return { ok: false, problem: 'noRows' };
  if (rows.length > importFileLimits.maxRows) return { ok: false, problem: 'tooManyRows' };
  return { ok: true, header, rows };
}

export function readCsvExport(bytes: ArrayBuffer): ReadExport {
  if (bytes.byteLength === 0) return { ok: false, problem: 'empty' };
  if (bytes.byteLength > importFileLimits.maxBytes) return { ok: false, problem: 'tooLarge' };
  const view = new Uint8Array(bytes);
  if (isZip(view)) return { ok: false, problem: 'binary' };
  const text = decodeCsvBytes(view);
  if (text === null || text.indexOf('\u0000') >= 0) return { ok: false, problem: 'binary' };
  if (text.trim() === '') return { ok: false, problem: 'empty' };
  const parsed = readCsv(text, { maxRecords: importFileLimits.maxRows + 2 });
  if (parsed.tooMany) return { ok: false, problem: 'tooManyRows' };
  if (parsed.unclosedQuote) return { ok: false, problem: 'unclosedQuote' };
  return fromRecords(parsed.records);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A spreadsheet cell as text: dates as `YYYY-MM-DD HH:mm:ss` (the form's own clock), numbers as written. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
  }
  return String(value);
}

/** read-excel-file's `readSheet` (its single-threaded "universal" entry), passed in so each caller decides how it loads. */
export type ReadSheet = (input: ArrayBuffer) => Promise<unknown[][]>;

/** The first sheet of an .xlsx. */
export async function readXlsxExport(bytes: ArrayBuffer, readSheet: ReadSheet): Promise<ReadExport> {
  if (bytes.byteLength === 0) return { ok: false, problem: 'empty' };
  if (bytes.byteLength > importFileLimits.maxBytes) return { ok: false, problem: 'tooLarge' };
  if (!isZip(new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength)))) return { ok: false, problem: 'xlsxFailed' };
  let data: unknown[][];
  try {
    data = await readSheet(bytes);
  } catch {
    return { ok: false, problem: 'xlsxFailed' };
  }
  return fromRecords(data.map((row) => row.map(cellText)));
}

export async function readExport(kind: ExportKind, bytes: ArrayBuffer, readSheet: () => Promise<ReadSheet>): Promise<ReadExport> {
  return kind === 'xlsx' ? readXlsxExport(bytes, await readSheet()) : readCsvExport(bytes);
}

/** What the page needs of a read export: the header, the first rows (examples) and how many rows there are. */
export interface ExportSummary {
  header: string[];
  sample: string[][];
  rowCount: number;
}

export type ReadSummary = ({ ok: true } & ExportSummary) | { ok: false; problem: ImportFileProblem };

export const exportSampleRows = 20;

export function summarizeExport(result: ReadExport): ReadSummary {
  if (!result.ok) return result;
  return { ok: true, header: result.header, sample: result.rows.slice(0, exportSampleRows), rowCount: result.rows.length };
}

/** The mapping choices sent with the rows (the body of the import route, without header and rows). */
export type ImportChoices = Record<string, unknown>;

/** The import route's JSON body, built where the rows are (in the worker for a big file). */
export function importBodyJson(header: string[], rows: string[][], choices: ImportChoices): string {
  return JSON.stringify({ header, rows, ...choices });
}

/** A request body for `fetch`: a Blob from the worker (handed over by reference), bytes when built on this thread. */
export type ImportBody = Blob | Uint8Array<ArrayBuffer>;
