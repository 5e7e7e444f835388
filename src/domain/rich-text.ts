import { z } from 'zod';
import { validationMessages } from './common';

/**
 * Rich text of the report, stored as a ProseMirror / Tiptap JSON document (never HTML), so nothing a person
 * pastes can ever run: only the node and mark types below exist, a link keeps only its `href`, and an `href`
 * can only be http:, https: or mailto:. Tiptap's extra link attributes (target, rel, class) and an ordered
 * list's `type` are accepted and dropped, so `editor.getJSON()` can be sent as it is.
 */

export const richTextLimits = {
  /** characters in one text node */
  textNode: 20_000,
  /** characters of text in the whole document */
  totalText: 100_000,
  /** nesting of nodes (doc = 1) */
  depth: 20,
  /** characters of a link's href */
  href: 2_000,
  /** nodes in the whole document */
  nodes: 50_000,
} as const;

export const richTextMessages = {
  unsupported: (what: string) => `Contenido con un formato no admitido: ${what}.`,
  badLink: (href: string) => `Enlace no permitido: ${href.length > 80 ? `${href.slice(0, 80)}…` : href}. Use un enlace que empiece por http://, https:// o mailto:.`,
  textNodeTooLong: `Un bloque de texto no puede superar ${richTextLimits.textNode.toLocaleString('es-CO')} caracteres.`,
  totalTooLong: `El texto de la sección no puede superar ${richTextLimits.totalText.toLocaleString('es-CO')} caracteres.`,
  tooDeep: `El contenido tiene demasiados niveles anidados (máximo ${richTextLimits.depth}).`,
  tooManyNodes: `El contenido tiene demasiados elementos (máximo ${richTextLimits.nodes.toLocaleString('es-CO')}).`,
  headingLevel: 'El nivel del título debe ser 1, 2, 3 o 4.',
  listStart: 'El número inicial de la lista debe ser un entero de 1 o más.',
  notADoc: 'El contenido debe ser un documento de texto enriquecido (type: "doc").',
} as const;

export type RichMark = { type: 'bold' } | { type: 'italic' } | { type: 'link'; attrs: { href: string } };

export interface RichText {
  type: 'text';
  text: string;
  marks?: RichMark[];
}
export interface RichHardBreak {
  type: 'hardBreak';
}
export type RichInline = RichText | RichHardBreak;
export interface RichParagraph {
  type: 'paragraph';
  content?: RichInline[];
}
export interface RichHeading {
  type: 'heading';
  attrs: { level: 1 | 2 | 3 | 4 };
  content?: RichInline[];
}
export interface RichListItem {
  type: 'listItem';
  content: RichBlock[];
}
export interface RichBulletList {
  type: 'bulletList';
  content: RichListItem[];
}
export interface RichOrderedList {
  type: 'orderedList';
  attrs?: { start?: number };
  content: RichListItem[];
}
export interface RichBlockquote {
  type: 'blockquote';
  content: RichBlock[];
}
export type RichBlock = RichParagraph | RichHeading | RichBulletList | RichOrderedList | RichBlockquote;
export type RichNode = RichBlock | RichInline | RichListItem;
export interface RichDoc {
  type: 'doc';
  content: RichBlock[];
}

export const richNodeTypes = ['doc', 'paragraph', 'heading', 'text', 'bulletList', 'orderedList', 'listItem', 'hardBreak', 'blockquote'] as const;
export const richMarkTypes = ['bold', 'italic', 'link'] as const;

// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const controlOrSpace = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/u;

/**
 * True for an absolute http(s) link with a host, or a mailto: link. Everything else is refused: javascript:,
 * data:, vbscript:, relative links, and any obfuscation (spaces, tabs, control or invisible characters,
 * HTML entities or percent-escapes in the scheme), since the scheme must be spelled out literally.
 */
export function isAllowedHref(value: string): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > richTextLimits.href) return false;
  if (controlOrSpace.test(value)) return false;
  const scheme = /^(https?):\/\/|^(mailto):/i.exec(value);
  if (!scheme) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (scheme[2]) return url.protocol === 'mailto:' && url.pathname.length > 0;
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
}

const nullableText = z.string().max(500).nullable().optional();

const hrefSchema = z.string({ error: richTextMessages.badLink('') }).refine(isAllowedHref, { error: (issue) => richTextMessages.badLink(String(issue.input)) });

const linkMarkSchema = z.strictObject({
  type: z.literal('link'),
  attrs: z.strictObject({ href: hrefSchema, target: nullableText, rel: nullableText, class: nullableText }),
});
const markSchema = z.discriminatedUnion('type', [z.strictObject({ type: z.literal('bold') }), z.strictObject({ type: z.literal('italic') }), linkMarkSchema], {
  error: (issue) => unsupportedMessage(issue, 'marca'),
});

function unsupportedMessage(issue: { code?: string; input?: unknown }, what: 'nodo' | 'marca'): string {
  if (issue.code === 'invalid_union' && issue.input && typeof issue.input === 'object') {
    const type = (issue.input as { type?: unknown }).type;
    return richTextMessages.unsupported(`${what} «${typeof type === 'string' ? type.slice(0, 60) : String(type)}»`);
  }
  return validationMessages.expectedObject;
}

const textNodeSchema = z.strictObject({
  type: z.literal('text'),
  text: z.string().max(richTextLimits.textNode, { error: richTextMessages.textNodeTooLong }),
  marks: z.array(markSchema).max(10, { error: validationMessages.tooMany(10) }).optional(),
});
const hardBreakSchema = z.strictObject({ type: z.literal('hardBreak') });
const inlineSchema = z.discriminatedUnion('type', [textNodeSchema, hardBreakSchema], { error: (issue) => unsupportedMessage(issue, 'nodo') });
const inlineContent = z.array(inlineSchema).optional();

const paragraphSchema = z.strictObject({ type: z.literal('paragraph'), content: inlineContent });
const headingSchema = z.strictObject({
  type: z.literal('heading'),
  attrs: z.strictObject({ level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: richTextMessages.headingLevel }) }),
  content: inlineContent,
});

const blockSchema: z.ZodType<RichBlock> = z.lazy(() =>
  z.discriminatedUnion('type', [paragraphSchema, headingSchema, bulletListSchema, orderedListSchema, blockquoteSchema], {
    error: (issue) => unsupportedMessage(issue, 'nodo'),
  }),
) as z.ZodType<RichBlock>;

const listItemSchema = z.strictObject({ type: z.literal('listItem'), content: z.array(blockSchema) });
const listItemOnly = z.discriminatedUnion('type', [listItemSchema], { error: (issue) => unsupportedMessage(issue, 'nodo') });
const bulletListSchema = z.strictObject({ type: z.literal('bulletList'), content: z.array(listItemOnly) });
const orderedListSchema = z.strictObject({
  type: z.literal('orderedList'),
  attrs: z
    .strictObject({
      start: z.number({ error: richTextMessages.listStart }).int({ error: richTextMessages.listStart }).min(1, { error: richTextMessages.listStart }).max(100_000, { error: richTextMessages.listStart }).optional(),
      type: nullableText,
    })
    .optional(),
  content: z.array(listItemOnly),
});
const blockquoteSchema = z.strictObject({ type: z.literal('blockquote'), content: z.array(blockSchema) });

/** The document's shape, for OpenAPI and for reading: a `doc` of blocks. Use `richDocSchema` to validate. */
export const richDocShapeSchema = z.strictObject({
  type: z.literal('doc', { error: richTextMessages.notADoc }),
  content: z.array(blockSchema),
});

/**
 * Checks the size limits before the shape is walked (iteratively, so a hostile 10.000-level document cannot
 * exhaust the stack): nesting, node count, total text. Returns the first problem or null.
 */
export function richDocLimitProblem(value: unknown): string | null {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 1 }];
  let nodes = 0;
  let total = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > richTextLimits.depth) return richTextMessages.tooDeep;
    if (++nodes > richTextLimits.nodes) return richTextMessages.tooManyNodes;
    if (!node || typeof node !== 'object') continue;
    const { text, content } = node as { text?: unknown; content?: unknown };
    if (typeof text === 'string') {
      total += text.length;
      if (total > richTextLimits.totalText) return richTextMessages.totalTooLong;
    }
    if (Array.isArray(content)) for (const child of content) stack.push({ node: child, depth: depth + 1 });
  }
  return null;
}

function cleanMarks(marks: z.output<typeof markSchema>[] | undefined): RichMark[] | undefined {
  if (!marks || marks.length === 0) return undefined;
  const out: RichMark[] = [];
  for (const mark of marks) {
    if (out.some((m) => m.type === mark.type)) continue;
    out.push(mark.type === 'link' ? { type: 'link', attrs: { href: mark.attrs.href } } : { type: mark.type });
  }
  return out;
}

function cleanInline(nodes: RichInline[] | undefined): RichInline[] | undefined {
  if (!nodes) return undefined;
  const out: RichInline[] = [];
  for (const node of nodes) {
    if (node.type === 'hardBreak') out.push({ type: 'hardBreak' });
    else if (node.text.length > 0) {
      const marks = cleanMarks(node.marks as z.output<typeof markSchema>[] | undefined);
      out.push(marks ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text });
    }
  }
  return out.length > 0 ? out : undefined;
}

function withContent<T extends object>(node: T, content: RichInline[] | undefined): T & { content?: RichInline[] } {
  return content ? { ...node, content } : node;
}

/** Rebuilds a validated block with only the fields this app knows (drops Tiptap's extra attributes, empty texts). */
function cleanBlock(block: RichBlock): RichBlock {
  switch (block.type) {
    case 'paragraph':
      return withContent({ type: 'paragraph' as const }, cleanInline(block.content));
    case 'heading':
      return withContent({ type: 'heading' as const, attrs: { level: block.attrs.level } }, cleanInline(block.content));
    case 'bulletList':
      return { type: 'bulletList', content: block.content.map(cleanItem) };
    case 'orderedList': {
      const start = block.attrs?.start;
      return start !== undefined && start !== 1 ? { type: 'orderedList', attrs: { start }, content: block.content.map(cleanItem) } : { type: 'orderedList', content: block.content.map(cleanItem) };
    }
    case 'blockquote':
      return { type: 'blockquote', content: block.content.map(cleanBlock) };
  }
}
const cleanItem = (item: RichListItem): RichListItem => ({ type: 'listItem', content: item.content.map(cleanBlock) });

/**
 * A ProseMirror document as the report stores it. Refuses unknown node and mark types ("Contenido con un
 * formato no admitido: …"), links other than http:, https: and mailto: ("Enlace no permitido: …"), more than
 * 20.000 characters in a text node or 100.000 in all, more than 20 levels. The output keeps only known fields.
 */
export const richDocSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    const problem = richDocLimitProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .pipe(richDocShapeSchema)
  .transform((doc): RichDoc => ({ type: 'doc', content: (doc.content as RichBlock[]).map(cleanBlock) }));

/** True when a message comes from the rich-text rules (an unknown format or a refused link). */
export const isRichTextRefusal = (message: string) => message.startsWith('Contenido con un formato no admitido') || message.startsWith('Enlace no permitido');

/** An empty document (one empty paragraph, as an editor starts). */
export function emptyDoc(): RichDoc {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}

/** A paragraph of plain text (no paragraph content when the text is empty). */
export function paragraph(text: string, marks?: RichMark[]): RichParagraph {
  if (text === '') return { type: 'paragraph' };
  return { type: 'paragraph', content: [marks ? { type: 'text', text, marks } : { type: 'text', text }] };
}

/** A document of plain paragraphs. */
export function docFromParagraphs(paragraphs: string[]): RichDoc {
  return paragraphs.length === 0 ? emptyDoc() : { type: 'doc', content: paragraphs.map((p) => paragraph(p)) };
}

/** A bullet list of plain items. */
export function bulletList(items: string[]): RichBulletList {
  return { type: 'bulletList', content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })) };
}

/**
 * A document from plain text as the seed is written: blocks separated by blank lines; lines within a block
 * joined by a space; a block whose lines all start with `• `, `- ` or `* ` becomes a bullet list.
 */
export function fromSeedText(text: string): RichDoc {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').map((l) => l.trim()).filter((l) => l !== ''))
    .filter((lines) => lines.length > 0);
  if (blocks.length === 0) return emptyDoc();
  return {
    type: 'doc',
    content: blocks.map((lines): RichBlock => {
      const bullet = /^[•\-*]\s+/;
      if (lines.every((l) => bullet.test(l))) return bulletList(lines.map((l) => l.replace(bullet, '')));
      return paragraph(lines.join(' ').replace(/\s+/g, ' '));
    }),
  };
}

function inlineText(nodes: RichInline[] | undefined): string {
  return (nodes ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join('');
}

function blockText(block: RichBlock, indent: string): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return indent + inlineText(block.content);
    case 'blockquote':
      return block.content.map((b) => blockText(b, indent)).join('\n\n');
    case 'bulletList':
    case 'orderedList':
      return block.content
        .map((item) => {
          const [first, ...rest] = item.content.map((b) => blockText(b, `${indent}  `).replace(/^\s+/, ''));
          return [`${indent}• ${first ?? ''}`, ...rest.map((r) => `${indent}  ${r}`)].join('\n');
        })
        .join('\n');
  }
}

/** The document as plain text: blocks separated by a blank line, list items prefixed with `• ` (one per line). */
export function docToPlainText(doc: RichDoc): string {
  return doc.content.map((b) => blockText(b, '')).join('\n\n');
}

/** Characters of text in a document. */
export function docTextLength(doc: RichDoc): number {
  return richDocTextLength(doc.content);
}
function richDocTextLength(nodes: RichNode[]): number {
  let total = 0;
  for (const node of nodes) {
    if (node.type === 'text') total += node.text.length;
    else if ('content' in node && node.content) total += richDocTextLength(node.content as RichNode[]);
  }
  return total;
}

/** True when a document has no text at all. */
export const isEmptyDoc = (doc: RichDoc) => docTextLength(doc) === 0;
