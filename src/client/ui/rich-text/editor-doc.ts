import type { RichDoc } from '../../../domain/rich-text';

interface JsonNode {
  type?: string;
  attrs?: Record<string, unknown>;
  content?: JsonNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  [key: string]: unknown;
}

/**
 * The editor's JSON as the report stores it: Tiptap's link mark carries presentation attributes (target, rel,
 * class, title) that the stored document does not keep; only `href` stays.
 */
export function toStoredDoc(json: unknown): RichDoc {
  const walk = (node: JsonNode): JsonNode => {
    const out: JsonNode = { ...node };
    if (node.marks) out.marks = node.marks.map((m) => (m.type === 'link' ? { type: 'link', attrs: { href: m.attrs?.href } } : m));
    if (node.content) out.content = node.content.map(walk);
    return out;
  };
  return walk(json as JsonNode) as unknown as RichDoc;
}
