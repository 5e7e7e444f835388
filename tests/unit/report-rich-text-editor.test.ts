// @vitest-environment jsdom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { toStoredDoc } from '../../src/client/ui/rich-text/editor-doc';
import { cleanPastedHtml } from '../../src/client/ui/rich-text/paste-cleanup';
import { reportEditorExtensions } from '../../src/client/ui/rich-text/rich-text-extensions';
import { docToPlainText, richDocSchema } from '../../src/domain/rich-text';
import '../support/prosemirror-jsdom';

let editor: Editor | undefined;
afterEach(() => editor?.destroy());

/** What the report editor stores for some pasted HTML (cleaned as a paste is, then parsed by the editor's schema). */
function pasted(html: string) {
  editor = new Editor({ extensions: reportEditorExtensions, content: cleanPastedHtml(html) });
  return toStoredDoc(editor.getJSON());
}

const wordHtml = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{font-family:Calibri}</style></head><body>
<h1 style="mso-style-name:x">Conclusiones</h1>
<p class=MsoNormal style='color:#C00000;font-family:"Arial"'><span style='font-weight:bold'>Los foros</span> posibilitan un <i>análisis</i>.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><!--[if !supportLists]--><span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><!--[endif]-->Vincular otras áreas<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><!--[if !supportLists]--><span style='font-family:Symbol'>·<span>&nbsp;&nbsp; </span></span><!--[endif]-->Generar cultura de participación<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><!--[if !supportLists]--><span>1.<span>&nbsp;&nbsp; </span></span><!--[endif]-->Primero<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><!--[if !supportLists]--><span>2.<span>&nbsp;&nbsp; </span></span><!--[endif]-->Segundo<o:p></o:p></p>
<p><s>tachado</s> <u>subrayado</u> <code>código</code> <a href="javascript:alert(1)">malo</a> <a href="https://idipron.gov.co">bueno</a></p>
<script>alert(1)</script><img src=x onerror="alert(1)">
</body></html>`;

describe('report editor: pasting from Word', () => {
  it('keeps headings, bold, italic, real lists and safe links; drops styles, strike, underline, code, scripts and unsafe links', () => {
    const doc = pasted(wordHtml);
    const parsed = richDocSchema.safeParse(doc);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const json = JSON.stringify(doc);
    expect(doc.content[0]).toMatchObject({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Conclusiones' }] });
    expect(doc.content[1]).toMatchObject({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Los foros', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' posibilitan un ' },
        { type: 'text', text: 'análisis', marks: [{ type: 'italic' }] },
        { type: 'text', text: '.' },
      ],
    });
    expect(doc.content[2]?.type).toBe('bulletList');
    expect(docToPlainText(parsed.data!)).toContain('• Vincular otras áreas\n• Generar cultura de participación');
    expect(doc.content[3]?.type).toBe('orderedList');
    expect(JSON.stringify(doc.content[3])).toContain('Primero');
    for (const gone of ['strike', 'underline', '"code"', 'javascript', 'alert', 'color', 'Mso', 'font', 'image']) expect(json).not.toContain(gone);
    expect(json).toContain('https://idipron.gov.co');
    expect(json).toContain('malo'); // the text stays, without the link
  });

  it('an h1 becomes the top heading (h2) and h5/h6 the lowest (h4); the editor has no level 1', () => {
    const doc = pasted('<h1>A</h1><h3>B</h3><h6>C</h6>');
    expect(doc.content.map((n) => (n.type === 'heading' ? n.attrs.level : null))).toEqual([2, 3, 4]);
  });
});
