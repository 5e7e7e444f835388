import { describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { validForum } from '../support/api-assertions';
import { readDocx } from '../support/docx-reader';
import { safeText } from '../../src/domain/safe-text';
import { buildReportDocument } from '../../src/export/document-model';
import type { ReportExportData } from '../../src/export/export-report';

/**
 * Item 14: what a person typed cannot break an export or fool its reader — control characters (NUL, C0) and
 * bidirectional overrides are gone from every export; formula starts (also fullwidth) are neutralised in CSV.
 */

const nul = '\u0000';
const rlo = '\u202E';
const hostile = {
  title: `Foro${nul} de ${rlo}prueba\u0007 hostil`,
  theme: '＝HYPERLINK("http://evil.example","clic")',
  moderator: '@SUM(1+1)',
  place: '＋57 cmd',
  objective: `－2+3\u2066aislado\u2069 \u200Fmarca`,
};
const questionText = `=cmd|' /C calc'!A0${nul}`;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const hasControls = (text: string) => /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202A-\u202E\u2066-\u2069\u200E\u200F]/.test(text);

async function arrange() {
  const api = await createTestApi({ demo: true });
  const editor = await api.login('editora');
  const forum = validForum({ ...hostile, year: 2022, date: '2022-12-01' });
  forum.questions = [{ text: questionText, channel: 'live_chat', askedBy: '', answered: true, answeredBy: `－${rlo}Equipo`, answerSummary: `＠ok${nul}` }];
  const res = await api.call('POST', '/api/forums', { cookie: editor, body: forum });
  expect(res.status).toBe(201);
  const id = ((await res.json()) as { id: number }).id;
  // Only a publishable answered question reaches the open data.
  await api.db.updateTable('forum_questions').set({ publishable: 1 }).where('forum_id', '=', id).execute();
  return { ...api, editor, id };
}

describe('safeText', () => {
  it('removes control and bidirectional characters, keeps tab and line breaks, and guards formulas only for spreadsheets', () => {
    expect(safeText(`a${nul}b\u0001c\u001Fd\u007Fe\u0085f`)).toBe('abcdef');
    expect(safeText(`${rlo}abc\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061C`)).toBe('abc');
    expect(safeText('línea 1\nlínea 2\tcolumna\r\n')).toBe('línea 1\nlínea 2\tcolumna\r\n');
    for (const start of ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']) {
      expect(safeText(`${start}1+1`, { spreadsheet: true })).toBe(`'${start}1+1`);
      expect(safeText(`${start}1+1`)).toBe(`${start}1+1`);
    }
    // A control character before the formula does not hide it.
    expect(safeText(`${nul}=1+1`, { spreadsheet: true })).toBe("'=1+1");
    expect(safeText('Foro = participación', { spreadsheet: true })).toBe('Foro = participación');
  });
});

describe('open data', () => {
  it('CSV: no control or bidirectional character, every formula start neutralised (fullwidth too)', async () => {
    const { call, editor } = await arrange();
    for (const file of ['forums', 'questions']) {
      const res = await call('GET', `/api/years/2022/open-data/${file}.csv`, { cookie: editor });
      expect(res.status).toBe(200);
      const csv = await res.text();
      expect(hasControls(csv.replace(/\r\n/g, '')), file).toBe(false);
      const cells = csv.split('\r\n').flatMap((line) => line.split(';')).map((c) => c.replace(/^"|"$/g, ''));
      for (const cell of cells) expect(cell, `${file}: ${cell}`).not.toMatch(/^[=+\-@＝＋－＠]/);
    }
    const forums = await (await call('GET', '/api/years/2022/open-data/forums.csv', { cookie: editor })).text();
    expect(forums).toContain('Foro de prueba hostil');
    expect(forums).toContain(`"'＝HYPERLINK(""http://evil.example"",""clic"")"`);
    expect(forums).toContain("'@SUM(1+1)");
    expect(forums).toContain("'＋57 cmd");
    expect(forums).toContain("'－2+3aislado marca");
    const questions = await (await call('GET', '/api/years/2022/open-data/questions.csv', { cookie: editor })).text();
    expect(questions).toContain(`'=cmd|' /C calc'!A0`);
    expect(questions).toContain("'－Equipo");
  });

  it('JSON: no control or bidirectional character; the text is otherwise the text typed', async () => {
    const { call, editor, id } = await arrange();
    const res = await call('GET', '/api/years/2022/open-data.json', { cookie: editor });
    const raw = await res.text();
    expect(raw).not.toMatch(/\\u0000|\\u0007|\\u202e|\\u2066|\\u200f/i);
    expect(hasControls(raw)).toBe(false);
    const data = JSON.parse(raw) as { forums: Record<string, unknown>[]; questions: Record<string, unknown>[] };
    const forum = data.forums.find((f) => f.forum_id === id)!;
    expect(forum).toMatchObject({ title: 'Foro de prueba hostil', theme: hostile.theme, moderator: '@SUM(1+1)', objective: '－2+3aislado marca' });
    expect(data.questions.find((q) => q.forum_id === id)).toMatchObject({ text: "=cmd|' /C calc'!A0", answered_by: '－Equipo', answer_summary: '＠ok' });
  });
});

describe('the report: Word and the print view (one document model)', () => {
  it('Word: the .docx has no control or bidirectional character, and opens (valid XML)', async () => {
    const { call, editor, db } = await arrange();
    const section = await db.selectFrom('report_sections').select(['id']).where('year', '=', 2022).where('kind', '=', 'conclusions').executeTakeFirstOrThrow();
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Conclusión ${rlo}invertida${nul} y \u0008retroceso` }] }] };
    await db.updateTable('report_sections').set({ content: JSON.stringify(doc), title: `Conclusiones${rlo}` }).where('id', '=', section.id).execute();
    const res = await call('GET', '/api/reports/2022/export.docx', { cookie: editor });
    expect(res.status).toBe(200);
    const docx = readDocx(new Uint8Array(await res.arrayBuffer()));
    expect(hasControls(docx.documentXml)).toBe(false);
    expect(docx.paragraphs).toContain('Conclusión invertida y retroceso');
    expect(docx.paragraphs.join('\n')).toContain('Foro de prueba hostil');
    expect(docx.paragraphs.some((p) => /^\d+\. Conclusiones$/.test(p))).toBe(true);
  });

  it('the document model the print view draws has no control or bidirectional character in any text', async () => {
    const { call, editor } = await arrange();
    const data = (await (await call('GET', '/api/reports/2022/export-data', { cookie: editor })).json()) as ReportExportData;
    data.report.title = `Informe${rlo} 2022${nul}`;
    data.sections[0].title = `Introducción\u2067`;
    const model = buildReportDocument({ ...data, generatedAt: '2022-12-01T15:00:00Z' });
    expect(hasControls(JSON.stringify(model).replace(/\\n/g, ''))).toBe(false);
    expect(model.title).toBe('Informe 2022');
    expect(model.toc[0].title).toBe('Introducción');
  });
});
