/**
 * The hand-written CSV scanner the imports used before papaparse (src/domain/csv.ts), kept here only so the bench
 * can time it beside papaparse on the same text (issue 11: keep it only if clearly faster).
 * RFC 4180 records: quoted cells with `""` escapes and line breaks, CRLF / LF / CR line ends.
 */
export function handWrittenCsvRecords(text: string, delimiter: string, maxRecords = Infinity): { records: string[][]; unclosedQuote: boolean; tooMany: boolean } {
  const records: string[][] = [];
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let row: string[] = [];
  let i = 0;
  let unclosedQuote = false;
  while (i <= n) {
    if (i === n) {
      // End of text: close the last record unless it is empty (trailing newline).
      if (row.length > 0) records.push(row);
      break;
    }
    let cell: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      let j = i + 1;
      let value = '';
      let start = j;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          unclosedQuote = true;
          value += text.slice(start);
          j = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 34) {
          value += text.slice(start, q + 1);
          j = q + 2;
          start = j;
          continue;
        }
        value += text.slice(start, q);
        j = q + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept (lenient, like spreadsheets).
      let k = j;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === d || c === 10 || c === 13) break;
        k++;
      }
      cell = value + text.slice(j, k);
      i = k;
    } else {
      let k = i;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === d || c === 10 || c === 13) break;
        k++;
      }
      cell = text.slice(i, k);
      i = k;
    }
    row.push(cell);
    if (i >= n) {
      records.push(row);
      break;
    }
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      if (i === n) {
        row.push('');
        records.push(row);
        break;
      }
      continue;
    }
    // Line end.
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    records.push(row);
    row = [];
    if (records.length > maxRecords) return { records, unclosedQuote, tooMany: true };
  }
  return { records, unclosedQuote, tooMany: false };
}
