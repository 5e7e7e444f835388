import { renderChartSvg } from '../export/chart-svg';
import type { DocBlock, ReportDocument, Run } from '../export/document-model';
import { exportTexts as doc } from '../export/export-texts';
import { html, isSafeHref, raw, type SafeHtml } from './html';

/**
 * The published report as HTML, from the same document model as the Word file and the admin's print view (the
 * print view is React; this is the same structure as strings, so the public page needs no JavaScript). Heading
 * levels: the report title is h1 on its page, a section h2, a forum h3, headings inside a section h4–h6.
 */

function runs(list: Run[]): SafeHtml {
  return html`${list.map((run) => {
    if (run.type === 'break') return raw('<br>');
    let node: SafeHtml = html`${run.text}`;
    if (run.italic) node = html`<em>${node}</em>`;
    if (run.bold) node = html`<strong>${node}</strong>`;
    if (run.link && isSafeHref(run.link)) node = html`<a href="${run.link}" rel="noopener noreferrer">${node}</a>`;
    return node;
  })}`;
}

function block(b: DocBlock): SafeHtml {
  switch (b.type) {
    case 'heading': {
      const tag = `h${Math.min(6, b.level + 1)}`;
      return html`${raw(`<${tag}`)}${b.anchor ? html` id="${b.anchor}"` : ''}>${b.number ? `${b.number}. ` : ''}${b.text}${raw(`</${tag}>`)}`;
    }
    case 'paragraph':
      return html`<p${b.style ? html` class="report-${b.style}"` : ''}>${runs(b.runs)}</p>`;
    case 'list': {
      const items = b.items.map((item) => html`<li>${item.blocks.map((inner, j) => (inner.type === 'paragraph' && j === 0 ? runs(inner.runs) : block(inner)))}</li>`);
      return b.ordered ? html`<ol start="${b.start}">${items}</ol>` : html`<ul>${items}</ul>`;
    }
    case 'quote':
      return html`<blockquote>${b.blocks.map(block)}</blockquote>`;
    case 'table':
      return html`<div class="table-wrap"><table id="${b.id}"><caption>${b.caption}</caption><thead><tr><th scope="col">${b.header[0]}</th><th scope="col">${b.header[1]}</th></tr></thead><tbody>${b.rows.map(
        (row) => html`<tr><th scope="row">${row.label}</th><td>${row.value}</td></tr>`,
      )}</tbody></table></div>`;
    case 'grid':
      return html`<div class="table-wrap"><table id="${b.id}"><caption>${b.caption}</caption><thead><tr>${b.header.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${b.rows.map(
        (row) => html`<tr>${row.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td${b.numeric[i] ? html` class="num"` : ''}>${cell}</td>`))}</tr>`,
      )}</tbody></table></div>`;
    case 'chart':
      // renderChartSvg escapes every label it writes; the SVG carries its own title and description.
      return html`<figure class="chart"><figcaption>${b.caption}</figcaption>${raw(renderChartSvg(b.chart))}</figure>`;
    case 'signature':
      return html`<section class="signature" aria-labelledby="${b.anchor}"><h2 id="${b.anchor}">${b.title}</h2><p>${b.name}</p><p>${b.role}</p><p>${b.office}</p></section>`;
  }
}

/** The report's body (title block, table of contents, sections), for inside the page's <main>. */
export function reportHtml(model: ReportDocument): SafeHtml {
  return html`<article class="report">
<header class="report-title">
<p class="report-entity">${model.entity}</p>
<h1>${model.title}</h1>
<p>${doc.year(model.year)}${model.strategy ? ` · ${model.strategy}` : ''}</p>
</header>
<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">${doc.tocTitle}</h2><ol>${model.toc.map(
    (entry) => html`<li class="toc-${entry.level}"><a href="#${entry.anchor}">${entry.number ? `${entry.number}. ${entry.title}` : entry.title}</a></li>`,
  )}</ol></nav>
${model.blocks.map(block)}
</article>`;
}
