import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { readDocx, type DocxContents } from '../support/docx-reader';
import { openDataColumns } from '../../src/export/open-data';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The seed's sections, in order and numbered as the seed numbers them. */
const seedHeadings = [
  '1. Introducción',
  '2. Metodología',
  '3. Foro Políticas Públicas',
  '4. Foro Modelo Integrado de Planeación y Gestión — MIPG',
  '5. Foro Causas Ciudadanas',
  '6. Estadísticas de interacción ciudadana',
  '7. Conclusiones',
  '8. Recomendaciones',
];

async function getDocx(api: TestApi, cookie: string, query = '') {
  const res = await api.call('GET', `/api/reports/2022/export.docx${query}`, { cookie });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes };
}

/** The body paragraphs from the first section heading on (after the title page and the table of contents). */
const bodyOf = (docx: DocxContents) => docx.paragraphs.slice(docx.paragraphs.lastIndexOf(seedHeadings[0]));

describe('report export (Word, final export audit, open data)', () => {
  let api: TestApi;
  let editor: string;
  let reviewer: string;
  beforeAll(async () => {
    api = await createTestApi({ demo: true });
    editor = await api.login('editora');
    reviewer = await api.login('revisor');
  });

  it('refuses anonymous requests (401) and unknown years (404)', async () => {
    for (const path of ['/api/reports/2022/export.docx', '/api/reports/2022/export-data', '/api/years/2022/open-data.json', '/api/years/2022/open-data/forums.csv']) {
      expect((await api.call('GET', path)).status, path).toBe(401);
    }
    expect((await api.call('POST', '/api/reports/2022/exports', { body: {} })).status).toBe(401);
    expect((await api.call('GET', '/api/reports/2031/export.docx', { cookie: editor })).status).toBe(404);
    expect((await api.call('GET', '/api/years/2022/open-data/secret.csv', { cookie: editor })).status).toBe(404);
  });

  it('exports the approved 2022 report: sections in the seed order, tables with the seed figures, charts as images, no draft mark', async () => {
    const { res, bytes } = await getDocx(api, reviewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toContain('informe-2022.docx');
    expect(res.headers.get('x-foros-sha256')).toBe(sha256(bytes));
    const docx = readDocx(bytes);

    // Title page and table of contents.
    expect(docx.paragraphs).toContain('Foros Virtuales de Participación 2022');
    expect(docx.paragraphs).toContain('Vigencia 2022');
    expect(docx.paragraphs).toContain('Tabla de contenido');
    expect(docx.documentXml.includes('TOC \\h \\o &quot;1-2&quot;')).toBe(true);

    // Headings in order, as Word headings (Heading1) that start a page.
    const body = bodyOf(docx);
    const positions = seedHeadings.map((h) => body.indexOf(h));
    expect(positions.every((p) => p >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect((docx.documentXml.match(/<w:pStyle w:val="Heading1"\/>/g) ?? []).length).toBe(8);
    expect(body.indexOf('Elaboró')).toBeGreaterThan(positions[7]);
    expect(body).toContain('Edwin Alvaro Herrera Gonzalez');
    expect(body).toContain('Oficina Asesora de Planeación');

    // Statistics: three forums, three tables each, the seed's figures es-CO, approximate ones marked.
    expect(docx.tables).toBe(9);
    const statistics = body.slice(positions[5], positions[6]);
    for (const figure of ['236', '650', '24', '11', '01:11:33', '19', '113', '39', '2:42', '549 min 57 s', '47', '1:04', '627 min', '85', '199', '441', '883', '00:56:39', '1.153 min 5 s', '≈ 1.700 min', '573', '635', '00:42:34', '807 min 27 s', '0:41', '≈ 1.100 min']) {
      expect(statistics, figure).toContain(figure);
    }
    expect(statistics).toContain('Rendimiento de la transmisión en vivo de 01:11:33.');
    expect(statistics.some((p) => p.startsWith('≈ marca una cifra aproximada'))).toBe(true);

    // Formatting kept: the introduction's link, the recommendations as a bulleted list.
    expect(docx.documentXml).toContain('naturaleza pública');
    expect(docx.files).toContain('word/numbering.xml');
    const recommendations = body.slice(positions[7]);
    expect(recommendations.some((p) => p.startsWith('Vincular otras áreas'))).toBe(true);

    // The charts: one per forum, as SVG with a PNG fallback.
    expect(docx.media.filter((m) => m.endsWith('.png'))).toHaveLength(3);
    expect(docx.media.filter((m) => m.endsWith('.svg'))).toHaveLength(3);
    expect(body.filter((p) => /^Gráfico \d+\. Cifras principales/.test(p))).toHaveLength(3);

    // Final: no draft mark anywhere; entity in the header, page numbers in the footer.
    expect(docx.documentXml).not.toContain('BORRADOR');
    expect(docx.headers.join('\n')).not.toContain('BORRADOR');
    expect(docx.headers.join('\n')).toContain('IDIPRON');
    expect(docx.footers.join('\n')).toMatch(/PAGE/);
    expect(docx.footers.join('\n')).toMatch(/NUMPAGES/);
  });

  it('records a final export in the audit log with who, when and the SHA-256 of the file', async () => {
    const before = new Date().toISOString();
    const res = await api.call('POST', '/api/reports/2022/export.docx', { cookie: editor });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const after = new Date().toISOString();
    expect(res.status).toBe(200);
    const hash = sha256(bytes);
    expect(res.headers.get('x-foros-sha256')).toBe(hash);
    const entry = await api.db.selectFrom('audit_log').selectAll().where('action', '=', 'export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(entry.username).toBe('editora');
    expect(entry.entity).toBe('report');
    expect(entry.entity_id).toBe(2022);
    expect(entry.at >= before && entry.at <= after).toBe(true);
    expect(JSON.parse(entry.changes)).toContain(`sha256: ${hash}`);

    expect(JSON.parse(entry.changes)).toContain('generado en: servidor (SHA-256 calculado por el servidor)');

    // The browser builds the file itself and reports it here: marked as the browser's word.
    const recorded = await api.call('POST', '/api/reports/2022/exports', { cookie: editor, body: { sha256: hash, bytes: bytes.length, fileName: 'informe-2022.docx' } });
    expect(recorded.status).toBe(204);
    const browserEntry = await api.db.selectFrom('audit_log').selectAll().where('action', '=', 'export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(browserEntry.username).toBe('editora');
    expect(JSON.parse(browserEntry.changes)).toContain('generado en: navegador (informado por el navegador: el servidor no vio el archivo)');
  });

  it('a GET never records: a download of the approved report writes nothing, final=1 is refused (405, the final export is a POST)', async () => {
    const before = await api.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect((await getDocx(api, editor)).res.status).toBe(200);
    const final = await api.call('GET', '/api/reports/2022/export.docx?final=1', { cookie: editor });
    expect(final.status).toBe(405);
    expect(final.headers.get('allow')).toBe('POST');
    expect((await final.json()).title).toMatch(/POST/);
    const after = await api.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('only the roles that export final documents record one (a reviewer gets 403); the record is validated', async () => {
    const record = { sha256: 'a'.repeat(64), bytes: 1000, fileName: 'informe-2022.docx' };
    const before = await api.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect((await api.call('POST', '/api/reports/2022/exports', { cookie: reviewer, body: record })).status).toBe(403);
    expect((await api.call('POST', '/api/reports/2022/export.docx', { cookie: reviewer })).status).toBe(403);
    for (const bad of [
      { ...record, sha256: 'x' },
      { ...record, sha256: 'A'.repeat(64) },
      { ...record, bytes: 0 },
      { ...record, bytes: 100_000_001 },
      { ...record, bytes: 1.5 },
      { ...record, fileName: 'informe-2021.docx' },
      { ...record, fileName: '../informe-2022.docx' },
      { ...record, extra: 1 },
    ]) {
      expect((await api.call('POST', '/api/reports/2022/exports', { cookie: editor, body: bad })).status, JSON.stringify(bad)).toBe(400);
    }
    const after = await api.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('marks every page BORRADOR and lists the pending sections while a section is not approved; refuses a final export (409)', async () => {
    const conclusions = await api.db.selectFrom('report_sections').select(['id', 'state']).where('year', '=', 2022).where('kind', '=', 'conclusions').executeTakeFirstOrThrow();
    await api.db.updateTable('report_sections').set({ state: 'in_review' }).where('id', '=', conclusions.id).execute();
    try {
      const { res, bytes } = await getDocx(api, editor);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain('informe-2022-borrador.docx');
      const docx = readDocx(bytes);
      expect(docx.headers.length).toBeGreaterThan(0);
      for (const header of docx.headers) expect(header).toContain('BORRADOR');
      const firstPage = docx.paragraphs.slice(0, docx.paragraphs.indexOf('Tabla de contenido'));
      expect(firstPage).toContain('BORRADOR');
      expect(firstPage).toContain('Secciones pendientes de aprobación');
      expect(firstPage).toContain('7. Conclusiones (en revisión)');
      expect(firstPage).not.toContain('1. Introducción (aprobada)');

      const final = await api.call('POST', '/api/reports/2022/export.docx', { cookie: editor });
      expect(final.status).toBe(409);
      expect((await final.json()).title).toMatch(/todas las secciones están aprobadas/);
      expect((await api.call('POST', '/api/reports/2022/exports', { cookie: editor, body: { sha256: 'a'.repeat(64), bytes: 10, fileName: 'informe-2022.docx' } })).status).toBe(409);
      expect((await api.call('GET', '/api/reports/2022/export.docx?final=maybe', { cookie: editor })).status).toBe(400);
    } finally {
      await api.db.updateTable('report_sections').set({ state: conclusions.state }).where('id', '=', conclusions.id).execute();
    }
  });

  it('answers the export data the browser builds the same document from', async () => {
    const res = await api.call('GET', '/api/reports/2022/export-data', { cookie: reviewer });
    expect(res.status).toBe(200);
    const data = await res.json();
    expect(data.report.title).toBe('Foros Virtuales de Participación 2022');
    expect(data.sections.map((s: { title: string }) => s.title)).toHaveLength(8);
    expect(data.sections[0].content.type).toBe('doc');
    expect(data.forums).toHaveLength(3);
    expect(Object.keys(data.metricsByForumId)).toHaveLength(3);
    expect(data.statistics.blocks).toHaveLength(3);
  });

  it('publishes the open data as CSV with a byte-order mark and a data dictionary, and as JSON', async () => {
    for (const file of ['forums', 'questions', 'metrics'] as const) {
      const res = await api.call('GET', `/api/years/2022/open-data/${file}.csv`, { cookie: reviewer });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes.slice(3));
      const [header] = text.split('\r\n');
      expect(header.split(';')).toEqual(openDataColumns[file]);
    }
    const metrics = new TextDecoder().decode(new Uint8Array(await (await api.call('GET', '/api/years/2022/open-data/metrics.csv', { cookie: reviewer })).arrayBuffer()));
    expect(metrics).toMatch(/;since_publication;2022-10-20;manual;totalWatchSeconds;102000;segundos;sí;3000\r\n/);
    expect(metrics).toMatch(/;live_summary;2022-06-22;manual;broadcastSeconds;4293;segundos;no;\r\n/);
    const forums = new TextDecoder().decode(new Uint8Array(await (await api.call('GET', '/api/years/2022/open-data/forums.csv', { cookie: reviewer })).arrayBuffer()));
    expect(forums).toContain('Foro Virtual de Participación: Políticas Públicas');

    const dictionary = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await (await api.call('GET', '/api/years/2022/open-data/dictionary.csv', { cookie: reviewer })).arrayBuffer()));
    expect(dictionary.startsWith('\uFEFFfile;column;meaning;unit\r\n')).toBe(true);
    for (const file of ['forums', 'questions', 'metrics'] as const) for (const column of openDataColumns[file]) expect(dictionary).toContain(`${file}-2022.csv;${column};`);

    const json = await (await api.call('GET', '/api/years/2022/open-data.json', { cookie: reviewer })).json();
    expect(json.year).toBe(2022);
    expect(json.forums).toHaveLength(3);
    expect(Object.keys(json.forums[0])).toEqual(openDataColumns.forums);
    expect(json.metrics.length).toBeGreaterThan(50);
    expect(json.metrics[0]).toMatchObject({ forum_id: json.forums[0].forum_id, snapshot: 'post_card' });
    expect(json.dictionary.map((e: { column: string }) => e.column)).toContain('approximate');
    expect(Array.isArray(json.questions)).toBe(true);
    const dictionaryJson = await (await api.call('GET', '/api/years/2022/open-data/dictionary.json', { cookie: reviewer })).json();
    expect(dictionaryJson.dictionary).toEqual(json.dictionary);
  });
});
