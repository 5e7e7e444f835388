import { describe, expect, it } from 'vitest';
import {
  docFromParagraphs,
  docToPlainText,
  emptyDoc,
  fromSeedText,
  isAllowedHref,
  richDocSchema,
  richTextLimits,
  type RichDoc,
} from '../../src/domain/rich-text';
import { diffWords } from '../../src/domain/report-diff';
import { buildStatistics } from '../../src/domain/report-statistics';
import { demoMetrics2022 } from '../../src/domain/demo-metrics-2022';
import { approx } from '../../src/domain/metrics';

const messages = (value: unknown) => {
  const result = richDocSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};
const link = (href: string): RichDoc => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'enlace', marks: [{ type: 'link', attrs: { href } }] }] }],
});
const nested = (depth: number): unknown => {
  let node: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'hondo' }] };
  for (let i = 0; i < depth; i++) node = { type: 'blockquote', content: [node] };
  return { type: 'doc', content: [node] };
};

describe('richDocSchema', () => {
  it('accepts every supported node and mark, and keeps them as they are', () => {
    const doc: RichDoc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Título' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'negrita', marks: [{ type: 'bold' }, { type: 'italic' }] }, { type: 'hardBreak' }, { type: 'text', text: 'sigue' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'uno' }] }] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'tres' }] }] }] },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'cita', marks: [{ type: 'link', attrs: { href: 'https://www.idipron.gov.co/' } }] }] }] },
        { type: 'paragraph' },
      ],
    };
    expect(richDocSchema.parse(doc)).toEqual(doc);
  });

  it("accepts Tiptap's getJSON() output and drops the extra link and list attributes", () => {
    const tiptap = {
      type: 'doc',
      content: [
        { type: 'orderedList', attrs: { start: 1, type: null }, content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'mailto:participacion@idipron.gov.co', target: '_blank', rel: 'noopener noreferrer nofollow', class: null } }] }] },
      ],
    };
    expect(richDocSchema.parse(tiptap)).toEqual({
      type: 'doc',
      content: [
        { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'mailto:participacion@idipron.gov.co' } }] }] },
      ],
    });
  });

  it.each([
    ['an unknown node', { type: 'doc', content: [{ type: 'image', attrs: { src: 'x' } }] }, 'Contenido con un formato no admitido: nodo «image».'],
    ['an html node', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'html', text: '<script>alert(1)</script>' }] }] }, 'Contenido con un formato no admitido: nodo «html».'],
    ['an unknown mark', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'code' }] }] }] }, 'Contenido con un formato no admitido: marca «code».'],
  ])('refuses %s', (_label, doc, message) => {
    expect(messages(doc)).toContain(message);
  });

  it.each(['{"type":"doc"}', null, 'texto', [], { type: 'paragraph' }, { type: 'doc', content: 'x' }, { type: 'doc', content: [], extra: 1 }])('refuses what is not a document: %j', (value) => {
    expect(messages(value).length).toBeGreaterThan(0);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'javascript&#58;alert(1)',
    '&#106;avascript:alert(1)',
    'javascript%3Aalert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    '\u0000javascript:alert(1)',
    '\u200bjavascript:alert(1)',
    '//evil.example/x',
    '/foros',
    'foros.html',
    'https:evil.example',
    'http:/evil.example',
    'https://',
    'mailto:',
    'ftp://example.org',
    'file:///etc/passwd',
    `https://example.org/${'a'.repeat(richTextLimits.href)}`,
  ])('refuses the link %j with «Enlace no permitido»', (href) => {
    expect(isAllowedHref(href)).toBe(false);
    expect(messages(link(href)).some((m) => m.startsWith('Enlace no permitido'))).toBe(true);
  });

  it.each(['https://www.idipron.gov.co/', 'http://intranet.idipron.gov.co/index.php?option=com_k2&view=item', 'mailto:participacion@idipron.gov.co', 'HTTPS://EXAMPLE.ORG'])('allows %s', (href) => {
    expect(isAllowedHref(href)).toBe(true);
    expect(messages(link(href))).toEqual([]);
  });

  it('limits a text node to 20.000 characters and the document to 100.000', () => {
    const p = (n: number) => ({ type: 'paragraph', content: [{ type: 'text', text: 'a'.repeat(n) }] });
    expect(messages({ type: 'doc', content: [p(20_000)] })).toEqual([]);
    expect(messages({ type: 'doc', content: [p(20_001)] })[0]).toMatch(/20\.000/);
    expect(messages({ type: 'doc', content: [p(20_000), p(20_000), p(20_000), p(20_000), p(20_000)] })).toEqual([]);
    expect(messages({ type: 'doc', content: [p(20_000), p(20_000), p(20_000), p(20_000), p(20_000), p(1)] })[0]).toMatch(/100\.000/);
  });

  it('limits the nesting to 20 levels, and a hostile 100.000-level document is refused, not a crash', () => {
    expect(messages(nested(17))).toEqual([]);
    expect(messages(nested(19))[0]).toMatch(/niveles/);
    expect(messages(nested(100_000))[0]).toMatch(/niveles/);
  });

  it('keeps script-looking text as plain text (it is never markup)', () => {
    const doc = richDocSchema.parse(docFromParagraphs(['<script>alert(1)</script> <img src=x onerror=alert(1)>']));
    expect(doc.content[0]).toEqual({ type: 'paragraph', content: [{ type: 'text', text: '<script>alert(1)</script> <img src=x onerror=alert(1)>' }] });
  });
});

describe('helpers', () => {
  it('emptyDoc and docFromParagraphs', () => {
    expect(emptyDoc()).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(docFromParagraphs(['Uno', '', 'Dos'])).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Uno' }] }, { type: 'paragraph' }, { type: 'paragraph', content: [{ type: 'text', text: 'Dos' }] }],
    });
  });

  it('docToPlainText: paragraphs separated by a blank line, list items with «• »', () => {
    const doc = richDocSchema.parse({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Recomendaciones' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Primero' }, { type: 'hardBreak' }, { type: 'text', text: 'segundo' }] },
        { type: 'bulletList', content: ['a', 'b'].map((t) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] })) },
        { type: 'paragraph', content: [{ type: 'text', text: 'Fin' }] },
      ],
    });
    expect(docToPlainText(doc)).toBe('Recomendaciones\n\nPrimero\nsegundo\n\n• a\n• b\n\nFin');
  });

  it('fromSeedText: blank lines split paragraphs, wrapped lines are joined, bullet blocks become lists', () => {
    const doc = fromSeedText('Primera línea\ncontinúa.\n\n• uno\n• dos\n\nÚltimo.');
    expect(docToPlainText(doc)).toBe('Primera línea continúa.\n\n• uno\n• dos\n\nÚltimo.');
    expect(doc.content[1].type).toBe('bulletList');
  });
});

describe('diffWords', () => {
  it('marks the words added and removed, and the rest equal', () => {
    expect(diffWords('el foro fue virtual', 'el foro fue presencial y virtual')).toEqual([
      { kind: 'equal', text: 'el foro fue ' },
      { kind: 'added', text: 'presencial y ' },
      { kind: 'equal', text: 'virtual' },
    ]);
    expect(diffWords('uno dos tres', 'uno tres')).toEqual([
      { kind: 'equal', text: 'uno ' },
      { kind: 'removed', text: 'dos ' },
      { kind: 'equal', text: 'tres' },
    ]);
  });

  it('rebuilds both texts from its parts', () => {
    const a = 'La participación ciudadana en la construcción de la Plataforma Estratégica fue abordada.';
    const b = 'La participación de la ciudadanía en la Plataforma Estratégica fue abordada por todos.';
    const parts = diffWords(a, b);
    expect(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe(a);
    expect(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe(b);
  });

  it('diffs 20.000 words, with changes scattered or everywhere', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `palabra${i % 997}`);
    const changed = words.map((w, i) => (i % 500 === 0 ? 'cambio' : w));
    const other = Array.from({ length: 20_000 }, (_, i) => `otra${i}`);
    const scattered = diffWords(words.join(' '), changed.join(' '));
    const everything = diffWords(words.join(' '), other.join(' '));
    expect(scattered.filter((p) => p.kind === 'added')).toHaveLength(40);
    expect(everything.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe(words.join(' '));
  });
});

describe('buildStatistics', () => {
  const forums = [
    { id: 1, title: 'Foro Políticas Públicas', date: '2022-06-22' },
    { id: 2, title: 'Foro MIPG', date: '2022-07-29' },
  ];
  const metrics = { 1: demoMetrics2022['2022-06-22'], 2: demoMetrics2022['2022-07-29'] };

  it('lays out the figures as the seed shows them, es-CO, approximate marked with ≈', () => {
    const { blocks } = buildStatistics(forums, metrics);
    expect(blocks.map((b) => b.forumId)).toEqual([1, 2]);
    expect(blocks[0].postCard.slice(0, 2)).toEqual([
      { field: 'reactions', label: 'Reacciones', value: '24', approximate: false },
      { field: 'comments', label: 'Comentarios', value: '11', approximate: false },
    ]);
    expect(blocks[0].liveSummary[0]).toEqual({ field: 'broadcastSeconds', label: 'Duración de la transmisión', value: '01:11:33', approximate: false });
    expect(blocks[0].sincePublication.find((r) => r.field === 'reach')?.value).toBe('650');
    const minutes = blocks[1].sincePublication.find((r) => r.field === 'totalWatchSeconds')!;
    expect(minutes.approximate).toBe(true);
    expect(minutes.value.startsWith('≈')).toBe(true);
  });

  it('has a stable hash that changes with any figure', () => {
    const a = buildStatistics(forums, metrics);
    expect(buildStatistics(forums, JSON.parse(JSON.stringify(metrics))).hash).toBe(a.hash);
    const changed = JSON.parse(JSON.stringify(metrics));
    changed[1].postCard.reach = approx(700);
    expect(buildStatistics(forums, changed).hash).not.toBe(a.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{16}$/);
  });
});
