import { Fragment, type ReactNode } from 'react';
import { renderChartSvg } from '../../../../export/chart-svg';
import type { DocBlock, ReportDocument, Run } from '../../../../export/document-model';
import { exportTexts as doc } from '../../../../export/export-texts';

/**
 * The print view of the document model (the same model as the Word file): title page, table of contents,
 * sections on new pages, tables, charts as inline SVG (vector in the PDF), the «Elaboró» block.
 */

function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((run, i) => {
        if (run.type === 'break') return <br key={i} />;
        let node: ReactNode = run.text;
        if (run.italic) node = <em>{node}</em>;
        if (run.bold) node = <strong>{node}</strong>;
        if (run.link)
          node = (
            <a href={run.link} rel="noopener noreferrer" target="_blank">
              {node}
            </a>
          );
        return <Fragment key={i}>{node}</Fragment>;
      })}
    </>
  );
}

/** Heading levels of the page: the report title is h1, a section h2, a forum h3, headings inside a section h4–h6. */
const headingTag = (level: number) => (`h${Math.min(6, level + 1)}` as 'h2' | 'h3' | 'h4' | 'h5' | 'h6');

function Block({ block }: { block: DocBlock }) {
  switch (block.type) {
    case 'heading': {
      const Tag = headingTag(block.level);
      return (
        <Tag id={block.anchor ?? undefined} className={block.pageBreakBefore ? 'print-section-start' : undefined}>
          {block.number ? `${block.number}. ` : ''}
          {block.text}
        </Tag>
      );
    }
    case 'paragraph':
      return (
        <p className={block.style ? `print-${block.style}` : undefined}>
          <Runs runs={block.runs} />
        </p>
      );
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          {item.blocks.map((inner, j) =>
            inner.type === 'paragraph' && j === 0 ? (
              <Runs key={j} runs={inner.runs} />
            ) : (
              <Block key={j} block={inner} />
            ),
          )}
        </li>
      ));
      return block.ordered ? <ol start={block.start}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'quote':
      return (
        <blockquote>
          {block.blocks.map((inner, i) => (
            <Block key={i} block={inner} />
          ))}
        </blockquote>
      );
    case 'table':
      return (
        <table className="print-table" id={block.id}>
          <caption>{block.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{block.header[0]}</th>
              <th scope="col">{block.header[1]}</th>
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'grid':
      return (
        <table className="print-table print-grid" id={block.id}>
          <caption>{block.caption}</caption>
          <thead>
            <tr>
              {block.header.map((h, i) => (
                <th key={i} scope="col" className={block.numeric[i] ? 'print-num' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={i} className={block.numeric[i] ? 'print-num' : undefined}>
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'chart':
      return (
        <figure className="print-chart">
          <figcaption>{block.caption}</figcaption>
          {/* Our own SVG text: every label is escaped by renderChartSvg. */}
          <div className="print-chart-svg" dangerouslySetInnerHTML={{ __html: renderChartSvg(block.chart) }} />
        </figure>
      );
    case 'signature':
      return (
        <section className="print-signature" aria-labelledby={block.anchor}>
          <h2 id={block.anchor} className="print-signature-title">
            {block.title}
          </h2>
          <p className="print-signature-name">{block.name}</p>
          <p>{block.role}</p>
          <p>{block.office}</p>
        </section>
      );
  }
}

/**
 * The blocks as printed: each heading (or run of headings) in one unbreakable group with the block after it, so no
 * heading is left alone at the bottom of a page (CSS `break-after: avoid` alone does not hold before a table or a
 * chart that may not break). A block longer than a page still breaks inside: the browser has no other choice.
 */
export function keepHeadingsWithNext(blocks: DocBlock[]): DocBlock[][] {
  const groups: DocBlock[][] = [];
  let pending: DocBlock[] = [];
  for (const block of blocks) {
    if (block.type === 'heading') {
      pending.push(block);
      continue;
    }
    groups.push([...pending, block]);
    pending = [];
  }
  if (pending.length > 0) groups.push(pending);
  return groups;
}

function BlockGroup({ blocks }: { blocks: DocBlock[] }) {
  if (blocks.length === 1) return <Block block={blocks[0]} />;
  const first = blocks[0];
  const startsSection = first.type === 'heading' && first.pageBreakBefore;
  return (
    <div className={`print-keep${startsSection ? ' print-section-start' : ''}`}>
      {blocks.map((block, i) => (
        <Block key={i} block={i === 0 && startsSection ? { ...first, pageBreakBefore: false } : block} />
      ))}
    </div>
  );
}

export function ReportPrintDocument({ document: model }: { document: ReportDocument }) {
  return (
    <article className={`print-document${model.draft ? ' print-draft' : ''}`} data-draft-mark={model.draft ? doc.draftMark : undefined}>
      <header className="print-title-page">
        <p className="print-entity">{model.entity}</p>
        <h1>{model.title}</h1>
        <p className="print-year">{doc.year(model.year)}</p>
        {model.strategy && <p className="print-strategy">{model.strategy}</p>}
        {model.draft && (
          <div className="print-draft-box">
            <p className="print-draft-mark">{doc.draftMark}</p>
            <p>{doc.draftNotice}</p>
            {model.pendingSections.length > 0 && (
              <>
                <h2 className="print-pending-title">{doc.pendingTitle}</h2>
                <ul>
                  {model.pendingSections.map((p) => (
                    <li key={p.number}>{p.text}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        <p className="print-generated">{doc.generatedAt(model.generatedAtText)}</p>
      </header>
      <nav className="print-toc" aria-labelledby="print-toc-title">
        <h2 id="print-toc-title">{doc.tocTitle}</h2>
        <ol>
          {model.toc.map((entry) => (
            <li key={entry.anchor} className={`print-toc-level-${entry.level}`}>
              <a href={`#${entry.anchor}`}>{entry.number ? `${entry.number}. ${entry.title}` : entry.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {keepHeadingsWithNext(model.blocks).map((group, i) => (
        <BlockGroup key={i} blocks={group} />
      ))}
    </article>
  );
}
