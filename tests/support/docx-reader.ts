import { strFromU8, unzipSync } from 'fflate';

/** What a test reads of a .docx: the body XML, its paragraphs as text, headers and footers, and the media files. */
export interface DocxContents {
  files: string[];
  documentXml: string;
  /** The text of each paragraph of the body (w:t joined), in order. */
  paragraphs: string[];
  headers: string[];
  footers: string[];
  /** Paths under word/media/. */
  media: string[];
  tables: number;
}

const paragraphText = (xml: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join(''));

const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function readDocx(bytes: Uint8Array): DocxContents {
  const zip = unzipSync(bytes);
  const files = Object.keys(zip);
  const text = (name: string) => strFromU8(zip[name]);
  const documentXml = text('word/document.xml');
  return {
    files,
    documentXml,
    paragraphs: paragraphText(documentXml),
    headers: files.filter((f) => /^word\/header\d*\.xml$/.test(f)).map((f) => paragraphText(text(f)).join('\n')),
    footers: files.filter((f) => /^word\/footer\d*\.xml$/.test(f)).map(text),
    media: files.filter((f) => f.startsWith('word/media/')),
    tables: (documentXml.match(/<w:tbl>/g) ?? []).length,
  };
}

/** Page count of a PDF: its /Type /Page objects (not /Pages). */
export function pdfPageCount(pdf: Uint8Array): number {
  const text = strFromU8(pdf, true);
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}
