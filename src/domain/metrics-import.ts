import { isRealDate } from './common';
import { decodeCsvBytes, forEachCsvRecord, isZipSignature } from './csv';
import { addDateOrderEvidence, decideDateOrder, noDateOrderEvidence, sumDateOrderEvidence, type DateOrder, type DateOrderEvidence } from './date-order';
import { isBlankRecord } from './metrics-import-cells';
import { detectColumns, type Column } from './metrics-import-columns';
import { dateFields, importMessages, metricsImportLimits, type DateField, type ImportLanguage, type MetricsImportResult } from './metrics-import-model';
import { metaRowReader, Problems, parseRows } from './metrics-import-rows';

/**
 * Reads the CSV exports of Meta Business Suite (video insights, English / es-LA / es-ES headers) and YouTube
 * Studio ("Table data.csv" and the live viewership export) into partial metric snapshots. Text or bytes in,
 * a structured result out: a bad file gets a Spanish message, never an exception. Headers are matched by an
 * alias table, case- and accent-insensitively, never by position (metrics-import-columns.ts).
 */

type DetectedColumns = NonNullable<ReturnType<typeof detectColumns>>;

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

/** How often each distinct value of each date column appears (exports repeat their dates), counted as the records go by. */
function dateCellCounter(columns: Column[]) {
  const dateColumns = columns.filter((column) => (dateFields as readonly string[]).includes(column.field));
  const counts = dateColumns.map(() => new Map<string, number>());
  return {
    add(record: string[]) {
      for (let i = 0; i < dateColumns.length; i++) {
        const cell = record[dateColumns[i].index] ?? '';
        counts[i].set(cell, (counts[i].get(cell) ?? 0) + 1);
      }
    },
    evidence(): Partial<Record<DateField, DateOrderEvidence>> {
      const evidence: Partial<Record<DateField, DateOrderEvidence>> = {};
      dateColumns.forEach((column, i) => {
        const e = noDateOrderEvidence();
        for (const [cell, n] of counts[i]) {
          const one = noDateOrderEvidence();
          addDateOrderEvidence(one, cell);
          e.dates += one.dates * n;
          e.dayFirst += one.dayFirst * n;
          e.monthFirst += one.monthFirst * n;
        }
        evidence[column.field as DateField] = e;
      });
      return evidence;
    },
  };
}

/**
 * The date order of each date column from what the values of the whole file said: a column's own values decide;
 * a column whose values do not follows the file's other date columns; a file where nothing decides follows its
 * headers' language (Spanish: day first). `dateOrder` is the file's (null when it has no numeric date).
 */
function dateOrders(evidence: Partial<Record<DateField, DateOrderEvidence>>, language: ImportLanguage) {
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
  // The records are read as papaparse splits them and let go (a Meta export's are not kept: metaRowReader);
  // the other formats, a few hundred rows at most, keep theirs for parseRows.
  const asOfDate = asOf && isRealDate(asOf) ? asOf : undefined;
  const problems = new Problems();
  let detected: DetectedColumns | null = null;
  let headerLength = 0;
  let dataRows = 0;
  const extraCells: number[] = [];
  const records: string[][] = [];
  let meta: ReturnType<typeof metaRowReader> | null = null;
  let dates: ReturnType<typeof dateCellCounter> | null = null;
  const parsed = forEachCsvRecord(
    text,
    (record, r) => {
      if (r === 0) {
        detected = detectColumns(record);
        headerLength = record.length;
        if (!detected) return;
        dates = dateCellCounter(detected.columns);
        if (detected.format === 'meta_video') meta = metaRowReader(detected.columns, problems, asOfDate);
        else records.push(record);
        return;
      }
      if (!isBlankRecord(record)) dataRows++;
      if (!detected || !dates) return;
      if (record.length > headerLength && record.slice(headerLength).some((cell) => cell.trim() !== '')) extraCells.push(r + 1);
      dates.add(record);
      if (meta) meta.add(record, r);
      else records.push(record);
    },
    { maxRecords: metricsImportLimits.maxRows * 2 + 1 },
  );
  if (parsed.records === 0) return { ok: false, message: importMessages.empty };
  if (parsed.tooMany || dataRows > metricsImportLimits.maxRows) {
    return { ok: false, message: importMessages.tooManyRows(parsed.tooMany ? text.split('\n').length - 1 : dataRows) };
  }
  const columns = detected as DetectedColumns | null;
  if (!columns || !dates) return { ok: false, message: importMessages.noHeader };
  if (dataRows === 0) return { ok: false, message: importMessages.noRows };

  if (parsed.unclosedQuote) problems.add(undefined, importMessages.unclosedQuote);
  for (const header of columns.duplicates) problems.add(1, importMessages.duplicateHeader(header));
  for (const row of extraCells) problems.add(row, importMessages.extraCells);
  const order = dateOrders((dates as ReturnType<typeof dateCellCounter>).evidence(), columns.language);
  const reader = meta as ReturnType<typeof metaRowReader> | null;
  const rows = reader ? reader.finish(order.dayFirstOf) : parseRows(columns.format, records, columns.columns, order.dayFirstOf, problems, asOfDate);
  const detectedColumns = columns;
  return {
    ok: true,
    format: detectedColumns.format,
    language: detectedColumns.language,
    delimiter: parsed.delimiter,
    recognisedColumns: detectedColumns.columns.map(({ header, field }) => ({ header, field })),
    unrecognisedColumns: detectedColumns.unrecognised,
    rows,
    problems: problems.list,
    moreProblems: problems.more,
    dateOrder: order.dateOrder,
  };
}
