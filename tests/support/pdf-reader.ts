import { unzlibSync } from 'fflate';

/**
 * A small reader of the PDFs Foros writes (pdfkit): enough to check what a person would read in them, without a
 * PDF library. It inflates the streams, maps each embedded font's glyph ids back to text through the font's
 * ToUnicode CMap, and reads the text operators (Tj, TJ) of the pages' content streams in order.
 */

export interface PdfRead {
  /** The pages' text in order; a text object's end is a line break, a wide gap inside a line a space. */
  text: string;
  /** The same with every run of white space as one space (for phrases that may wrap). */
  flatText: string;
  pages: number;
  /** The document information dictionary's Title, decoded. */
  title: string | null;
  /** The PDF's header line, e.g. `%PDF-1.7`. */
  header: string;
}

const latin1 = (bytes: Uint8Array) => {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
};

interface PdfObject {
  dict: string;
  stream: Uint8Array | null;
}

function objectsOf(bytes: Uint8Array): Map<number, PdfObject> {
  const text = latin1(bytes);
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('stream');
    let dict = body;
    let stream: Uint8Array | null = null;
    if (streamAt >= 0 && body.lastIndexOf('endstream') > streamAt) {
      dict = body.slice(0, streamAt);
      let from = start + streamAt + 'stream'.length;
      if (text[from] === '\r') from++;
      if (text[from] === '\n') from++;
      const length = /\/Length (\d+)/.exec(dict);
      const to = length ? from + Number(length[1]) : start + body.lastIndexOf('endstream');
      const raw = bytes.subarray(from, to);
      stream = dict.includes('/FlateDecode') ? unzlibSync(raw) : raw;
    }
    objects.set(Number(match[1]), { dict, stream });
    header.lastIndex = end;
  }
  return objects;
}

const hexToCodes = (hex: string, width: number) => {
  const clean = hex.replace(/\s+/g, '');
  const out: number[] = [];
  for (let i = 0; i + width <= clean.length; i += width) out.push(parseInt(clean.slice(i, i + width), 16));
  return out;
};
const utf16 = (hex: string) => String.fromCharCode(...hexToCodes(hex, 4));

/** A ToUnicode CMap: glyph id → text (bfchar and bfrange, ranges as a start or as an array). */
function cmapOf(source: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, value] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(code, 16), utf16(value));
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, rest] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const first = parseInt(from, 16);
      const last = parseInt(to, 16);
      if (rest.startsWith('[')) {
        [...rest.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach(([, value], i) => map.set(first + i, utf16(value)));
      } else {
        const base = hexToCodes(rest.slice(1, -1), 4);
        for (let code = first; code <= last; code++) map.set(code, String.fromCharCode(...base.slice(0, -1), base[base.length - 1] + code - first));
      }
    }
  }
  return map;
}

/** PDF text string: (literal) with escapes, or <hex>; UTF-16BE with a BOM, else PDFDocEncoding (≈ Latin-1). */
function pdfString(value: string): string {
  let bytes: number[];
  if (value.startsWith('<')) bytes = hexToCodes(value.slice(1, -1), 2);
  else {
    const body = value.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) =>
      /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e,
    );
    bytes = [...body].map((ch) => ch.charCodeAt(0));
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
    return out;
  }
  return String.fromCharCode(...bytes);
}

export function readPdf(bytes: Uint8Array): PdfRead {
  const objects = objectsOf(bytes);
  const streamText = (id: number) => {
    const s = objects.get(id)?.stream;
    return s ? latin1(s) : '';
  };
  // Resource name (/F1…; pdfkit names fonts per document) → the font's ToUnicode map.
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    for (const fontDict of dict.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
      for (const [, name, ref] of fontDict[1].matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
        if (fonts.has(name)) continue;
        const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(ref))?.dict ?? '');
        if (toUnicode) fonts.set(name, cmapOf(streamText(Number(toUnicode[1]))));
      }
    }
  }
  // Pages in order: the page tree's Kids of the root Pages object.
  const pagesDict = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict) && !/\/Parent/.test(o.dict));
  const pageIds = pagesDict ? [...(/\/Kids\s*\[([^\]]*)\]/.exec(pagesDict.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1])) : [];
  let text = '';
  for (const pageId of pageIds) {
    const contents = /\/Contents\s+(\d+) 0 R/.exec(objects.get(pageId)?.dict ?? '');
    if (!contents) continue;
    const ops = streamText(Number(contents[1]));
    let font = new Map<number, string>();
    const decode = (hex: string) => hexToCodes(hex, 4).map((g) => font.get(g) ?? '').join('');
    for (const token of ops.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|<([0-9a-fA-F\s]*)>\s*Tj|\[((?:[^\]]|\n)*?)\]\s*TJ|\bET\b/g)) {
      if (token[1]) font = fonts.get(token[1]) ?? new Map();
      else if (token[2] !== undefined) text += decode(token[2]);
      else if (token[3] !== undefined) {
        for (const part of token[3].matchAll(/<([0-9a-fA-F\s]*)>|(-?[\d.]+)/g)) {
          if (part[1] !== undefined) text += decode(part[1]);
          else if (Number(part[2]) < -200) text += ' ';
        }
      } else text += '\n';
    }
  }
  const info = /\/Info (\d+) 0 R/.exec(latin1(bytes.subarray(Math.max(0, bytes.length - 2048))));
  // The Title: a string in the Info dictionary, or (pdfkit) a reference to an object holding the string.
  const stringIn = (source: string) => /^\s*(\((?:\\.|[^\\)])*\)|<[0-9a-fA-F]*>)/.exec(source)?.[1] ?? null;
  const titleValue = info ? /\/Title\s*(\d+ 0 R|\((?:\\.|[^\\)])*\)|<[0-9a-fA-F]*>)/.exec(objects.get(Number(info[1]))?.dict ?? '')?.[1] : undefined;
  const titleString = titleValue?.endsWith(' R') ? stringIn(objects.get(Number(titleValue.split(' ')[0]))?.dict ?? '') : (titleValue ?? null);
  return {
    text,
    flatText: text.replace(/\s+/g, ' '),
    pages: pageIds.length,
    title: titleString ? pdfString(titleString) : null,
    header: latin1(bytes.subarray(0, 8)),
  };
}
