declare const jsonOf: unique symbol;

/**
 * A JSON column: text that holds a T. Any string can be written to it (the brand is optional, so a column
 * still compares with a JSON literal); what is read carries the T, and `fromJson` gives it back.
 */
export type Json<T> = string & { readonly [jsonOf]?: T };

/** The one place a JSON column's text becomes its value: the column's type says what it holds. */
export const fromJson = <T>(text: Json<T>): T => JSON.parse(text) as T;
