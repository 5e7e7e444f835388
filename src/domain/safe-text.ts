/**
 * Text leaving Foros in a file or a printed page (open data CSV and JSON, the Word report, the print view) goes
 * through `safeText`: what a person typed or imported cannot break the file or fool its reader.
 *
 * - Control characters are removed: NUL and the other C0 codes (tab, line feed and carriage return stay: they are
 *   text), DEL and the C1 codes. XML (inside a .docx) refuses most of them, and they hide in a cell.
 * - Bidirectional controls are removed (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, the
 *   LRM/RLM/ALM marks): «\u202Eagrah» would show as «harga» and make a text read differently than it is.
 * - For a spreadsheet (`spreadsheet: true`, the CSV files), a cell that starts like a formula — `=`, `+`, `-`, `@`,
 *   their fullwidth forms `＝＋－＠` (which spreadsheets also take as formulas), a tab or a carriage return — gets a
 *   leading apostrophe, so it stays text (OWASP «CSV injection»). Elsewhere such a start is harmless text and stays.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function safeText(text: string, options: { spreadsheet?: boolean } = {}): string {
  const clean = text.replace(controls, '').replace(bidiControls, '');
  return options.spreadsheet && formulaStart.test(clean) ? `'${clean}` : clean;
}

/** Every string inside a value (objects and arrays, as JSON would hold them) through `safeText`. */
export function safeTexts<T>(value: T): T {
  if (typeof value === 'string') return safeText(value) as T;
  if (Array.isArray(value)) return value.map((item) => safeTexts(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = safeTexts(item);
    return out as T;
  }
  return value;
}
