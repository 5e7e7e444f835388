/**
 * Whether the numeric dates of an exported file (`09/07/2022`) write the day or the month first. Exports are
 * written by one program with one setting, so the order is decided once per column from its values: a first
 * part above 12 (`22/06/2022`) says day first, a second part above 12 (`06/22/2022`) says month first. Only a
 * column (and a file) where no value decides falls back to a convention (the language of the headers), and the
 * caller says so to the person. Used by the metrics import and the consultation import.
 */

/** `d/m/yyyy`, `m-d-yy`, `d.m.yyyy` at the start of a cell (a time may follow). */
const numericDate = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:$|[\s,T])/;

/** The two leading parts of a numeric date (`09/07/2022` → [9, 7]), or null when the cell is not one. */
export function numericDateParts(cell: string): [number, number] | null {
  const m = numericDate.exec(cell);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** How many values of a column say day first, and how many say month first. */
export interface DateOrderEvidence {
  /** Numeric dates seen (deciding or not). */
  dates: number;
  dayFirst: number;
  monthFirst: number;
}

export const noDateOrderEvidence = (): DateOrderEvidence => ({ dates: 0, dayFirst: 0, monthFirst: 0 });

/** Adds what one cell says to `evidence` (nothing when both parts are 12 or less, or it is not a numeric date). */
export function addDateOrderEvidence(evidence: DateOrderEvidence, cell: string): void {
  const parts = numericDateParts(cell);
  if (!parts) return;
  evidence.dates++;
  const [a, b] = parts;
  if (a > 12 && b <= 12) evidence.dayFirst++;
  else if (b > 12 && a <= 12) evidence.monthFirst++;
}

/** What a column's (or a file's) values say. */
export function dateOrderEvidence(cells: Iterable<string>): DateOrderEvidence {
  const evidence = noDateOrderEvidence();
  for (const cell of cells) addDateOrderEvidence(evidence, cell);
  return evidence;
}

export const sumDateOrderEvidence = (items: Iterable<DateOrderEvidence>): DateOrderEvidence => {
  const total = noDateOrderEvidence();
  for (const e of items) {
    total.dates += e.dates;
    total.dayFirst += e.dayFirst;
    total.monthFirst += e.monthFirst;
  }
  return total;
};

export interface DateOrder {
  dayFirst: boolean;
  /** 'values': a day or a month above 12 settled it; 'fallback': nothing did, the convention was used. */
  decidedBy: 'values' | 'fallback';
  /** Some values say the other order (the file mixes both): those dates are refused, not guessed. */
  mixed: boolean;
}

/** The order the evidence settles (the larger side when the file mixes both), else (nothing decides, or a tie) `fallbackDayFirst`. */
export function decideDateOrder(evidence: DateOrderEvidence, fallbackDayFirst: boolean): DateOrder {
  const { dayFirst, monthFirst } = evidence;
  const mixed = dayFirst > 0 && monthFirst > 0;
  if (dayFirst === monthFirst) return { dayFirst: fallbackDayFirst, decidedBy: 'fallback', mixed };
  return { dayFirst: dayFirst > monthFirst, decidedBy: 'values', mixed };
}
