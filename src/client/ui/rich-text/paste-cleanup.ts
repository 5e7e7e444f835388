/**
 * Pasted HTML (Word, Google Docs, web pages) reduced to structure before the editor parses it: Word's list
 * paragraphs (`mso-list`) become real lists, `h1` becomes the editor's top heading (h2) and h5/h6 its lowest
 * (h4), and styles, classes, comments, Office tags and anything executable are dropped. The editor's schema
 * then keeps only paragraphs, headings, lists, quotes, bold, italic and http(s)/mailto links.
 */
export function cleanPastedHtml(html: string): string {
  if (typeof DOMParser === 'undefined') return html;
  const source = html
    // Word's conditional comments wrap the glyph of list paragraphs ("·", "o", "1.", "a)"): keep it aside to tell lists apart.
    .replace(/<!--\[if !supportLists\]-->([\s\S]*?)<!--\[endif\]-->/gi, '<span data-mso-marker="">$1</span>')
    .replace(/<!\[if !supportLists\]>([\s\S]*?)<!\[endif\]>/gi, '<span data-mso-marker="">$1</span>')
    .replace(/<!--[\s\S]*?-->/g, '');
  const doc = new DOMParser().parseFromString(source, 'text/html');
  const body = doc.body;

  for (const el of Array.from(body.querySelectorAll('script, style, meta, link, title, xml, iframe, object, embed, img, svg, video, audio, form, input, button, textarea, select'))) {
    el.remove();
  }
  // Office namespaced tags (o:p, w:sdt…): keep their text only.
  for (const el of Array.from(body.getElementsByTagName('*'))) {
    if (el.tagName.includes(':')) el.replaceWith(...Array.from(el.childNodes));
  }

  convertWordLists(doc, body);

  for (const heading of Array.from(body.querySelectorAll('h1, h5, h6'))) {
    const level = heading.tagName === 'H1' ? 'h2' : 'h4';
    const replacement = doc.createElement(level);
    replacement.append(...Array.from(heading.childNodes));
    heading.replaceWith(replacement);
  }

  // Bold and italic written as styles survive as tags; every other style, class and handler goes.
  for (const el of Array.from(body.querySelectorAll('*'))) {
    const style = el.getAttribute('style') ?? '';
    if (el.tagName === 'SPAN' || el.tagName === 'FONT') {
      const tags = [/font-weight\s*:\s*(bold|[6-9]00)/i.test(style) ? 'strong' : null, /font-style\s*:\s*italic/i.test(style) ? 'em' : null];
      for (const tag of tags) {
        if (!tag) continue;
        const wrapper = doc.createElement(tag);
        wrapper.append(...Array.from(el.childNodes));
        el.append(wrapper);
      }
    }
    for (const attr of Array.from(el.attributes)) {
      const keep = (el.tagName === 'A' && attr.name === 'href') || (el.tagName === 'OL' && attr.name === 'start');
      if (!keep) el.removeAttribute(attr.name);
    }
  }
  return body.innerHTML;
}

const orderedGlyph = /^\(?(\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]$/;
const orderedMarker = /^[\s\u00a0]*\(?(\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)][\s\u00a0]+/;
const bulletMarker = /^[\s\u00a0]*[•·▪■□◦○●♦➢➤✓✔§\-–*][\s\u00a0]+/;

/** Word writes lists as `<p class="MsoListParagraph…" style="mso-list:l0 level1 lfo1">`: group them into ul/ol. */
function convertWordLists(doc: Document, body: HTMLElement) {
  const isListParagraph = (el: Element | null): el is HTMLElement =>
    !!el && el.tagName === 'P' && (/mso-list\s*:/i.test(el.getAttribute('style') ?? '') || /MsoListParagraph/i.test(el.getAttribute('class') ?? ''));
  const levelOf = (el: Element) => Number(/level(\d+)/i.exec(el.getAttribute('style') ?? '')?.[1] ?? '1');

  for (const first of Array.from(body.querySelectorAll('p'))) {
    if (!first.isConnected || !isListParagraph(first)) continue;
    const prev = first.previousElementSibling;
    if (isListParagraph(prev)) continue; // handled with its group
    const group: HTMLElement[] = [];
    let cursor: Element | null = first;
    while (isListParagraph(cursor)) {
      group.push(cursor);
      cursor = cursor.nextElementSibling;
    }
    const stack: { list: HTMLElement; level: number }[] = [];
    const roots: HTMLElement[] = [];
    let rootKey = '';
    for (const p of group) {
      const level = levelOf(p);
      const listId = /mso-list\s*:\s*(l\d+)/i.exec(p.getAttribute('style') ?? '')?.[1] ?? '';
      const markerSpan = p.querySelector('[data-mso-marker]');
      let ordered: boolean;
      if (markerSpan) {
        ordered = orderedGlyph.test((markerSpan.textContent ?? '').replace(/[\s\u00a0]+/g, ''));
        markerSpan.remove();
      } else {
        const text = p.textContent ?? '';
        ordered = orderedMarker.test(text);
        stripMarker(p, ordered ? orderedMarker : bulletMarker);
      }
      // Another Word list (or another kind of list) at the top level starts a new list.
      const key = `${listId}:${ordered}`;
      if (stack.length > 0 && level <= stack[0].level && key !== rootKey) stack.length = 0;
      while (stack.length > 0 && stack[stack.length - 1].level > level) stack.pop();
      let current = stack[stack.length - 1];
      if (!current || current.level < level) {
        const list = doc.createElement(ordered ? 'ol' : 'ul');
        if (current) {
          const lastItem = current.list.lastElementChild ?? current.list.appendChild(doc.createElement('li'));
          lastItem.append(list);
        } else {
          roots.push(list);
          rootKey = key;
        }
        current = { list, level };
        stack.push(current);
      }
      const li = doc.createElement('li');
      const para = doc.createElement('p');
      para.append(...Array.from(p.childNodes));
      li.append(para);
      current.list.append(li);
    }
    first.before(...roots);
    for (const p of group) p.remove();
  }
}

/** Removes the leading list marker Word leaves as text (when its conditional comment was not there). */
function stripMarker(p: HTMLElement, marker: RegExp) {
  const walker = p.ownerDocument.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let node = walker.nextNode() as Text | null;
  while (node && node.data.trim() === '') node = walker.nextNode() as Text | null;
  if (node && marker.test(node.data)) node.data = node.data.replace(marker, '');
}
