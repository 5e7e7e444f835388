import './rich-text.css';
import type { ReactNode } from 'react';
import { isAllowedHref, type RichBlock, type RichDoc, type RichInline, type RichListItem } from '../../../domain/rich-text';

function renderInline(nodes: RichInline[] | undefined): ReactNode[] {
  return (nodes ?? []).map((node, i) => {
    if (node.type === 'hardBreak') return <br key={i} />;
    let out: ReactNode = node.text;
    for (const mark of node.marks ?? []) {
      if (mark.type === 'bold') out = <strong>{out}</strong>;
      else if (mark.type === 'italic') out = <em>{out}</em>;
      else if (mark.type === 'link' && isAllowedHref(mark.attrs.href))
        out = (
          <a href={mark.attrs.href} rel="noopener noreferrer nofollow">
            {out}
          </a>
        );
    }
    return <span key={i}>{out}</span>;
  });
}

function renderItem(item: RichListItem, i: number) {
  return <li key={i}>{item.content.map(renderBlock)}</li>;
}

function renderBlock(block: RichBlock, i: number): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return <p key={i}>{renderInline(block.content)}</p>;
    case 'heading': {
      // The page has h1 (section) and h2 (panels): the text's headings start at h3.
      const Tag = (['h3', 'h3', 'h4', 'h5'] as const)[block.attrs.level - 1] ?? 'h5';
      return <Tag key={i}>{renderInline(block.content)}</Tag>;
    }
    case 'bulletList':
      return <ul key={i}>{block.content.map(renderItem)}</ul>;
    case 'orderedList':
      return (
        <ol key={i} start={block.attrs?.start}>
          {block.content.map(renderItem)}
        </ol>
      );
    case 'blockquote':
      return <blockquote key={i}>{block.content.map(renderBlock)}</blockquote>;
    default:
      return null;
  }
}

/** A stored section text as read-only HTML built by React (no HTML string is ever injected). */
export function RichTextView({ doc }: { doc: RichDoc }) {
  return <>{doc.content.map(renderBlock)}</>;
}
