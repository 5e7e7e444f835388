import { isRealDate } from './common';
import { decodeCsvBytes, isZipSignature, readCsv } from './csv';
import { addDateOrderEvidence, decideDateOrder, noDateOrderEvidence, sumDateOrderEvidence, type DateOrder, type DateOrderEvidence } from './date-order';
import { isBlankRecord } from './metrics-import-cells';
import { detectColumns, type Column } from './metrics-import-columns';
import { dateFields, importMessages, metricsImportLimits, type DateField, type ImportLanguage, type MetricsImportResult } from './metrics-import-model';
import { Problems, parseRows } from './metrics-import-rows';

/**
 * Reads the CSV exports of Meta Business Suite (video insights, English / es-LA / es-ES headers) and YouTube
 * Studio ("Table data.csv" and the live viewership export) into partial metric snapshots. Text or bytes in,
 * a structured result out: a bad file gets a Spanish message, never an exception. Headers are matched by an
 * alias table, case- and accent-insensitively, never by position (metrics-import-columns.ts).
 */

type Decoded = { ok: true; text: string } | { ok: false; message: string };

/** Text or bytes (UTF-8 with or without BOM, UTF-16 with BOM, windows-1252), refusing spreadsheets and binary files. */
function decode(input: string | Uint8Array | ArrayBuffer): Decoded {
  if (typeof input === 'string') {
    if (utf8Length(input) > metricsImportLimits.maxBytes) return { ok: false, message: importMessages.tooLarge };
    if (input.startsWith('PK\u0003\u0004')) return { ok: false, message: importMessages.excel };
    return { ok: true, text: input };
  }
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length > metricsImportLimits.maxBytes) return { ok: false, message: importMessages.tooLarge };
  if (isZipSignature(bytes)) return { ok: false, message: importMessages.excel };
  const text = decodeCsvBytes(bytes);
  return text === null ? { ok: false, message: importMessages.binary } : { ok: true, text };
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
    if (bytes > metricsImportLimits.maxBytes) return bytes;
  }
  return bytes;
}

/**
 * The date order of each date column from what the values of the whole file said: a column's own values decide;
 * a column whose values do not follows the file's other date columns; a file where nothing decides follows its
 * headers' language (Spanish: day first). `dateOrder` is the file's (null when it has no numeric date).
 */
function dateOrders(records: string[][], columns: Column[], language: ImportLanguage) {
  const evidence: Partial<Record<DateField, DateOrderEvidence>> = {};
  for (const column of columns) {
    if (!(dateFields as readonly string[]).includes(column.field)) continue;
    // Each distinct value once (exports repeat their dates), counted as often as it appears.
    const counts = new Map<string, number>();
    for (let r = 1; r < records.length; r++) {
      const cell = records[r][column.index] ?? '';
      counts.set(cell, (counts.get(cell) ?? 0) + 1);
    }
    const e = noDateOrderEvidence();
    for (const [cell, n] of counts) {
      const one = noDateOrderEvidence();
      addDateOrderEvidence(one, cell);
      e.dates += one.dates * n;
      e.dayFirst += one.dayFirst * n;
      e.monthFirst += one.monthFirst * n;
    }
    evidence[column.field as DateField] = e;
  }
  const total = sumDateOrderEvidence(Object.values(evidence));
  const file = decideDateOrder(total, language === 'es');
  const dayFirst = {} as Record<DateField, boolean>;
  for (const field of dateFields) {
    const own = evidence[field];
    dayFirst[field] = own ? decideDateOrder(own, file.dayFirst).dayFirst : file.dayFirst;
  }
  const dateOrder: DateOrder | null = total.dates > 0 ? file : null;
  return { dayFirstOf: (field: DateField) => dayFirst[field], dateOrder };
}

export interface ParseMetricsOptions {
  /** YYYY-MM-DD put on every snapshot read (tests and benches); the import itself leaves it out (see mergeImportedMetrics). */
  asOf?: string;
}

/** Parses a metrics export. Never throws. */
export function parseMetricsCsv(input: string | Uint8Array | ArrayBuffer, options: ParseMetricsOptions = {}): MetricsImportResult {
  try {
    return parse(input, options.asOf);
  } catch {
    return { ok: false, message: importMessages.binary };
  }
}

function parse(input: string | Uint8Array | ArrayBuffer, asOf: string | undefined): MetricsImportResult {
  const decoded = decode(input);
  if (!decoded.ok) return decoded;
  const text = decoded.text;
  if (text.indexOf('\u0000') >= 0) return { ok: false, message: importMessages.binary };
  const parsed = readCsv(text, { maxRecords: metricsImportLimits.maxRows * 2 + 1 });
  const records = parsed.records;
  if (records.length === 0) return { ok: false, message: importMessages.empty };
  const dataRows = records.reduce((n, record, i) => (i > 0 && !isBlankRecord(record) ? n + 1 : n), 0);
  if (parsed.tooMany || dataRows > metricsImportLimits.maxRows) {
    return { ok: false, message: importMessages.tooManyRows(parsed.tooMany ? text.split('\n').length - 1 : dataRows) };
  }
  const detected = detectColumns(records[0]);
  if (!detected) return { ok: false, message: importMessages.noHeader };
  if (dataRows === 0) return { ok: false, message: importMessages.noRows };

  const problems = new Problems();
  if (parsed.unclosedQuote) problems.add(undefined, importMessages.unclosedQuote);
  for (const header of detected.duplicates) problems.add(1, importMessages.duplicateHeader(header));
  const headerLength = records[0].length;
  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    if (record.length > headerLength && record.slice(headerLength).some((cell) => cell.trim() !== '')) problems.add(r + 1, importMessages.extraCells);
  }
  const validAsOf = asOf && isRealDate(asOf) ? asOf : undefined;
  const dates = dateOrders(records, detected.columns, detected.language);
  const rows = parseRows(detected.format, records, detected.columns, dates.dayFirstOf, problems, validAsOf);
  return {
    ok: true,
    format: detected.format,
    language: detected.language,
    delimiter: parsed.delimiter,
    recognisedColumns: detected.columns.map(({ header, field }) => ({ header, field })),
    unrecognisedColumns: detected.unrecognised,
    rows,
    problems: problems.list,
    moreProblems: problems.more,
    dateOrder: dates.dateOrder,
  };
}
