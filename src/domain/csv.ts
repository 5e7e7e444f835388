import Papa from 'papaparse';

/**
 * The one CSV reader of both imports (metrics exports and consultation form exports): bytes → text → records.
 * Records are split by papaparse (RFC 4180 quotes, `""` escapes, line breaks inside quotes, delimiter guessing);
 * around it, what exports need: the byte-order mark, UTF-16 and windows-1252 text, Excel's `sep=;` line, files
 * whose line ends are mixed, a cap on the number of records.
 */

export const csvDelimiters = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];

export interface CsvRecords {
  records: string[][];
  delimiter: CsvDelimiter;
  /** A quoted cell runs to the end of the text: the file may be cut or damaged. */
  unclosedQuote: boolean;
  /** More than `maxRecords` records: reading stopped there. */
  tooMany: boolean;
}

/** An .xlsx (or any ZIP) starts with `PK\3\4`. */
export const isZipSignature = (view: Uint8Array) => view.length >= 4 && view[0] === 0x50 && view[1] === 0x4b && view[2] === 0x03 && view[3] === 0x04;

/**
 * Bytes → text: UTF-16 by its byte-order mark, else UTF-8, else (bytes that are not UTF-8: Excel's "CSV" on a
 * Spanish Windows) windows-1252. The byte-order mark is dropped. Null when the bytes cannot be text.
 */
export function decodeCsvBytes(view: Uint8Array): string | null {
  try {
    if (view[0] === 0xff && view[1] === 0xfe) return new TextDecoder('utf-16le').decode(view.subarray(2));
    if (view[0] === 0xfe && view[1] === 0xff) return new TextDecoder('utf-16be').decode(view.subarray(2));
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(view).replace(/^\ufeff/, '');
    } catch {
      return new TextDecoder('windows-1252').decode(view);
    }
  } catch {
    return null;
  }
}

/** The line end papaparse splits on: the file's own, or `\n` after making mixed ones (`\r\n`, `\n`, `\r`) alike. */
function lineEnds(text: string): { text: string; newline: '\n' | '\r\n' | '\r' } {
  const cr = text.indexOf('\r');
  if (cr < 0) return { text, newline: '\n' };
  let lf = 0;
  let crs = 0;
  let crlf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lf++;
  for (let i = cr; i >= 0; i = text.indexOf('\r', i + 1)) {
    crs++;
    if (text.charCodeAt(i + 1) === 10) crlf++;
  }
  if (crlf === crs && crlf === lf) return { text, newline: '\r\n' };
  if (lf === 0) return { text, newline: '\r' };
  return { text: text.replace(/\r\n?/g, '\n'), newline: '\n' };
}

/**
 * papaparse's guess among `,` `;` and tab (the one that splits the first records, blank lines aside, into the same
 * number of cells, the most of them), from the first 64 K characters; `,` when none does.
 */
function guessDelimiter(text: string, newline: '\n' | '\r\n' | '\r'): CsvDelimiter {
  const sample = Papa.parse<string[]>(text.slice(0, 64 * 1024), { delimiter: '', delimitersToGuess: [...csvDelimiters], newline, preview: 10, skipEmptyLines: 'greedy' });
  const guessed = sample.meta.delimiter;
  return (csvDelimiters as readonly string[]).includes(guessed) ? (guessed as CsvDelimiter) : ',';
}

export interface ReadCsvOptions {
  /** The delimiter, when the caller knows it; else guessed among `,` `;` and tab (or given by a `sep=` line). */
  delimiter?: CsvDelimiter;
  maxRecords?: number;
}

/** The text papaparse reads and how: the byte-order mark, blank lines before the header and a `sep=` line dropped. */
function prepare(input: string, options: ReadCsvOptions): { body: string; newline: '\n' | '\r\n' | '\r'; delimiter: CsvDelimiter } | null {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const start = text.search(/\S/);
  if (start < 0) return null;
  if (start > 0) text = text.slice(text.lastIndexOf('\n', start) + 1);
  let delimiter = options.delimiter;
  const sep = /^sep=([,;\t])(\r\n|\n|\r|$)/i.exec(text.slice(0, 8));
  if (sep) {
    delimiter ??= sep[1] as CsvDelimiter;
    text = text.slice(sep[0].length);
  }
  const { text: body, newline } = lineEnds(text);
  return { body, newline, delimiter: delimiter ?? guessDelimiter(body, newline) };
}

/** Text → records. Blank lines before the header and a `sep=` line are skipped; a blank line elsewhere is a record `['']`. */
export function readCsv(input: string, options: ReadCsvOptions = {}): CsvRecords {
  const prepared = prepare(input, options);
  if (!prepared) return { records: [], delimiter: options.delimiter ?? ',', unclosedQuote: false, tooMany: false };
  const { body, newline, delimiter } = prepared;
  const maxRecords = options.maxRecords ?? Infinity;
  const parsed = Papa.parse<string[]>(body, {
    delimiter,
    newline,
    quoteChar: '"',
    escapeChar: '"',
    ...(Number.isFinite(maxRecords) ? { preview: maxRecords + 1 } : {}),
  });
  const records = parsed.data;
  // A line end after the last record is not one more (empty) record.
  const last = records[records.length - 1];
  if (last && last.length === 1 && last[0] === '' && body.endsWith(newline)) records.pop();
  return {
    records: records.length > maxRecords ? records.slice(0, maxRecords + 1) : records,
    delimiter,
    unclosedQuote: parsed.errors.some((e) => e.code === 'MissingQuotes'),
    tooMany: records.length > maxRecords,
  };
}

/**
 * The same reading as readCsv, each record handed to `onRecord` (index 0 is the header) as papaparse splits it
 * instead of all kept in an array: a caller that keeps only what it makes of each record lets the records go
 * young (for a 10.000-row export, keeping them all was most of the garbage collector's work). `records` is
 * how many there were (readCsv's `records.length`); at most `maxRecords + 1` are handed over.
 */
export function forEachCsvRecord(input: string, onRecord: (record: string[], index: number) => void, options: ReadCsvOptions = {}): Omit<CsvRecords, 'records'> & { records: number } {
  const prepared = prepare(input, options);
  if (!prepared) return { records: 0, delimiter: options.delimiter ?? ',', unclosedQuote: false, tooMany: false };
  const { body, newline, delimiter } = prepared;
  const maxRecords = options.maxRecords ?? Infinity;
  let count = 0;
  let lastBlank = false;
  let unclosedQuote = false;
  Papa.parse<string[]>(body, {
    delimiter,
    newline,
    quoteChar: '"',
    escapeChar: '"',
    ...(Number.isFinite(maxRecords) ? { preview: maxRecords + 1 } : {}),
    step: (results) => {
      if (results.errors.length > 0 && results.errors.some((e) => e.code === 'MissingQuotes')) unclosedQuote = true;
      const record = results.data;
      lastBlank = record.length === 1 && record[0] === '';
      onRecord(record, count++);
    },
  });
  // A line end after the last record is not one more (empty) record (it was handed over: a blank record).
  if (lastBlank && body.endsWith(newline)) count--;
  return { records: Math.min(count, maxRecords + 1), delimiter, unclosedQuote, tooMany: count > maxRecords };
}
