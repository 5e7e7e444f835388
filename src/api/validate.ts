import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpProblem, invalid } from './problem';

/** The deepest JSON a body may nest (a report section's rich text, the deepest legitimate body, stays far below). */
export const maxJsonDepth = 64;

/** Decoded and scanned at most this many characters at a time (a big import's body), with a yield in between. */
const scanSlice = 128 * 1024;
/** A big array is parsed this many elements at a time, with a yield in between. */
const parseGroup = 1_000;

export const bodyMessages = {
  contentType: 'El cuerpo de la petición debe ser JSON (Content-Type: application/json).',
  notJson: 'El cuerpo de la petición no es JSON válido.',
  tooDeep: `El cuerpo de la petición anida demasiados niveles (máximo ${maxJsonDepth}).`,
  aborted: 'La petición se interrumpió antes de terminar de enviarse.',
} as const;

/** The body stopped arriving (the client went away): answered 400, logged in one line. */
export class BodyAbortedProblem extends HttpProblem {
  constructor() {
    super(400, bodyMessages.aborted);
  }
}

interface TopLevelArray {
  open: number;
  close: number;
  commas: number[];
}

/**
 * Follows JSON text chunk by chunk without building anything: counts nesting outside strings and refuses a body
 * deeper than `maxJsonDepth` as soon as it gets there (so JSON.parse never sees it). With `structure`, it also
 * notes where the top-level object's members and its array values' elements begin and end, so a big body can be
 * parsed a slice at a time.
 */
class JsonScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private offset = 0;
  /** Opening bracket per level (1-based): true for '[', false for '{'. */
  private readonly isArray: boolean[] = [];
  first = -1;
  topClose = -1;
  readonly colons: number[] = [];
  readonly commas: number[] = [];
  readonly arrays: TopLevelArray[] = [];

  constructor(private readonly structure: boolean) {}

  feed(text: string) {
    let { depth, inString, escaped } = this;
    const base = this.offset;
    const structure = this.structure;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === 92) escaped = true;
        else if (ch === 34) inString = false;
        continue;
      }
      if (ch === 34) {
        inString = true;
      } else if (ch === 123 || ch === 91) {
        depth++;
        if (depth > maxJsonDepth) throw new HttpProblem(400, bodyMessages.tooDeep);
        this.isArray[depth] = ch === 91;
        if (structure) {
          if (depth === 1 && this.first < 0) this.first = base + i;
          else if (depth === 2 && ch === 91) this.arrays.push({ open: base + i, close: -1, commas: [] });
        }
      } else if (ch === 125 || ch === 93) {
        if (depth === 0) throw new HttpProblem(400, bodyMessages.notJson);
        if (structure) {
          if (depth === 1) this.topClose = base + i;
          else if (depth === 2 && ch === 93 && this.arrays.length > 0) this.arrays[this.arrays.length - 1].close = base + i;
        }
        depth--;
      } else if (structure && (ch === 44 || ch === 58)) {
        if (depth === 1) (ch === 44 ? this.commas : this.colons).push(base + i);
        else if (depth === 2 && ch === 44 && this.isArray[2] && this.arrays.length > 0) this.arrays[this.arrays.length - 1].commas.push(base + i);
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    this.offset = base + text.length;
  }
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Reads the body as text, decoding and scanning it as it arrives (a slice at a time, yielding in between when
 * `yieldToOthers` is given), refusing it as soon as it nests too deep.
 */
async function readScannedText(c: Context, scanner: JsonScanner, yieldToOthers?: () => Promise<void>): Promise<string[]> {
  const body = c.req.raw.body;
  if (!body) return [];
  const decoder = new TextDecoder();
  const parts: string[] = [];
  const reader = body.getReader();
  // A body already buffered arrives in reads that resolve at once: without a real pause every slice or so, decoding
  // and scanning 20 MB would hold the event loop.
  let sinceYield = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      // The API's body guard says why (too large, or the client went away); anything else is the client going away.
      if (error instanceof HttpProblem) throw error;
      throw new BodyAbortedProblem();
    }
    if (chunk.done) break;
    const bytes = chunk.value;
    for (let start = 0; start < bytes.length; start += scanSlice) {
      const text = decoder.decode(bytes.subarray(start, Math.min(bytes.length, start + scanSlice)), { stream: true });
      scanner.feed(text);
      parts.push(text);
      sinceYield += text.length;
      if (yieldToOthers && sinceYield >= scanSlice) {
        sinceYield = 0;
        await yieldToOthers();
      }
    }
  }
  const tail = decoder.decode();
  if (tail) {
    scanner.feed(tail);
    parts.push(tail);
  }
  return parts;
}

/**
 * The body's text kept as the slices it was decoded in (joining 20 MB into one string holds the server for a
 * while); `slice` copies out only the piece asked for.
 */
class TextParts {
  private readonly starts: number[] = [];
  readonly length: number;

  constructor(private readonly parts: string[]) {
    let offset = 0;
    for (const part of parts) {
      this.starts.push(offset);
      offset += part.length;
    }
    this.length = offset;
  }

  private partAt(position: number): number {
    let low = 0;
    let high = this.parts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= position) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  slice(from: number, to = this.length): string {
    if (from >= to) return '';
    let index = this.partAt(from);
    let out = '';
    while (index < this.parts.length && this.starts[index] < to) {
      const start = this.starts[index];
      out += this.parts[index].slice(Math.max(0, from - start), to - start);
      index++;
    }
    return out;
  }

  /** Whether only whitespace lies between `from` and `to`. */
  blank(from: number, to = this.length): boolean {
    // Checked a slice at a time: what follows the top-level object is normally nothing.
    for (let at = from; at < to; at += scanSlice) if (this.slice(at, Math.min(to, at + scanSlice)).trim() !== '') return false;
    return true;
  }
}

function assertJsonType(c: Context) {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) throw new HttpProblem(415, bodyMessages.contentType);
}

/** JSON.parse that answers a Spanish 400 (the text is already known to nest within the limit). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem(400, bodyMessages.notJson);
  }
}

/**
 * The body as JSON (any type), or undefined when it is empty. Content type, depth and syntax are checked; the
 * size was checked by the API's body limit before.
 */
export async function readJson(c: Context): Promise<unknown> {
  const scanner = new JsonScanner(false);
  const text = (await readScannedText(c, scanner)).join('');
  if (text.trim() === '') return undefined;
  assertJsonType(c);
  return parseJson(text);
}

/**
 * A big JSON body (an import of 100.000 rows, megabytes) read without holding the server: decoded and scanned a
 * slice at a time as it arrives, then each top-level member parsed on its own and a big array value a group of
 * elements at a time, with `yieldToOthers` between slices so other requests are answered meanwhile.
 */
export async function readJsonInSlices(c: Context, yieldToOthers: () => Promise<void> = macrotask): Promise<unknown> {
  assertJsonType(c);
  const scanner = new JsonScanner(true);
  const text = new TextParts(await readScannedText(c, scanner, yieldToOthers));
  const start = scanner.first;
  if (start < 0 || text.slice(start, start + 1) !== '{' || !text.blank(0, start) || scanner.topClose < 0 || !text.blank(scanner.topClose + 1)) {
    // Not one object: small or wrong; JSON.parse says which.
    if (text.length > 1024 * 1024) throw new HttpProblem(400, bodyMessages.notJson);
    return parseJson(text.slice(0));
  }
  const { colons, commas, arrays, topClose } = scanner;
  const result: Record<string, unknown> = {};
  if (colons.length === 0) {
    if (commas.length > 0 || !text.blank(start + 1, topClose)) throw new HttpProblem(400, bodyMessages.notJson);
    return result;
  }
  if (commas.length !== colons.length - 1) throw new HttpProblem(400, bodyMessages.notJson);
  let arrayIndex = 0;
  for (let m = 0; m < colons.length; m++) {
    const keyStart = m === 0 ? start + 1 : commas[m - 1] + 1;
    const key = parseJson(text.slice(keyStart, colons[m]));
    if (typeof key !== 'string') throw new HttpProblem(400, bodyMessages.notJson);
    const valueStart = colons[m] + 1;
    const valueEnd = m === colons.length - 1 ? topClose : commas[m];
    while (arrayIndex < arrays.length && arrays[arrayIndex].open < valueStart) arrayIndex++;
    const array = arrays[arrayIndex];
    let value: unknown;
    if (array && array.open < valueEnd && valueEnd - valueStart > scanSlice && text.blank(valueStart, array.open) && text.blank(array.close + 1, valueEnd)) {
      value = await parseArrayInGroups(text, array, yieldToOthers);
    } else {
      value = parseJson(text.slice(valueStart, valueEnd));
    }
    // defineProperty, as JSON.parse does: a member named "__proto__" stays a plain member.
    Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

async function parseArrayInGroups(text: TextParts, array: TopLevelArray, yieldToOthers: () => Promise<void>): Promise<unknown[]> {
  const { open, close, commas } = array;
  const out: unknown[] = [];
  if (commas.length === 0 && text.blank(open + 1, close)) return out;
  const count = commas.length + 1;
  for (let first = 0; first < count; first += parseGroup) {
    const last = Math.min(count, first + parseGroup);
    const from = first === 0 ? open + 1 : commas[first - 1] + 1;
    const to = last === count ? close : commas[last - 1];
    const group = parseJson(`[${text.slice(from, to)}]`) as unknown[];
    if (group.length !== last - first) throw new HttpProblem(400, bodyMessages.notJson);
    for (let i = 0; i < group.length; i++) out.push(group[i]);
    await yieldToOthers();
  }
  return out;
}

/** Checks parsed JSON against a schema; throws a Spanish 400 with field paths. */
export function validated<S extends z.ZodType>(data: unknown, schema: S): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

/** Reads a JSON body and validates it; throws a Spanish 4xx problem for anything else. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  assertJsonType(c);
  const data = await readJson(c);
  if (data === undefined) throw new HttpProblem(400, bodyMessages.notJson);
  return validated(data, schema);
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URL(c.req.url).searchParams) {
    if (value !== '') params[key] = value;
  }
  const result = schema.safeParse(params);
  if (!result.success) throw invalid(result.error, 'Los parámetros de la consulta no son válidos.');
  return result.data;
}

export function readParam<S extends z.ZodType>(c: Context, name: string, schema: S): z.infer<S> {
  const result = schema.safeParse(c.req.param(name));
  if (!result.success) throw new HttpProblem(404, 'No existe un registro con ese identificador.', { detail: result.error.issues[0]?.message });
  return result.data;
}
