import { describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { expectProblem, expectValidationProblem, reportSnapshot, validForum } from '../support/api-assertions';
import type { ReportOverview, ReportSection, SectionComment, SectionDiff, SectionRevision, SectionRevisionSummary } from '../../src/domain/report';
import { docFromParagraphs, docToPlainText, type RichDoc } from '../../src/domain/rich-text';
import { demoMetrics2022 } from '../../src/domain/demo-metrics-2022';
import { exact } from '../../src/domain/metrics';
import {
  demoConclusions2022,
  demoForumSections2022,
  demoMethodology2022,
  demoRecommendations2022,
  demoRecommendationsClosing2022,
  demoReport2022,
} from '../../src/db/demo-report-2022';

const reportInput = {
  title: 'Foros Virtuales de Participación 2031',
  entity: 'IDIPRON',
  strategy: 'Estrategia de Rendición de Cuentas',
  preparedBy: { name: 'Persona Responsable', role: 'Líder', office: 'Oficina Asesora de Planeación' },
};

async function setup(options: { demo?: boolean } = {}) {
  const api = await createTestApi({ demo: options.demo ?? false });
  const editor = await api.login('editora');
  const reviewer = await api.login('revisor');
  const admin = await api.login('admin');
  const json = async <T>(res: Response, status = 200): Promise<T> => {
    if (res.status !== status) throw new Error(`${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const createForum = async (title: string, date: string, extra: Record<string, unknown> = {}) =>
    (await json<{ id: number }>(await api.call('POST', '/api/forums', { cookie: editor, body: validForum({ title, date, year: Number(date.slice(0, 4)), ...extra }) }), 201)).id;
  const overview = async (year: number, cookie = editor) => json<ReportOverview>(await api.call('GET', `/api/reports/${year}`, { cookie }));
  const section = async (year: number, id: number, cookie = editor) => json<ReportSection>(await api.call('GET', `/api/reports/${year}/sections/${id}`, { cookie }));
  const put = (year: number, id: number, body: unknown, cookie = editor) => api.call('PUT', `/api/reports/${year}/sections/${id}`, { cookie, body });
  const act = (year: number, id: number, action: string, cookie: string, body?: unknown) => api.call('POST', `/api/reports/${year}/sections/${id}/${action}`, { cookie, body });
  const audit = (entity: string, entityId: number) => api.db.selectFrom('audit_log').selectAll().where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('id').execute();
  return { ...api, editor, reviewer, admin, json, createForum, overview, section, put, act, audit };
}

/** A 2031 report with two forums created out of date order. */
async function withReport() {
  const ctx = await setup();
  const late = await ctx.createForum('Foro de octubre', '2031-10-01', { objective: 'Conversar sobre el presupuesto.', alliedEntities: ['Secretaría Distrital de Gobierno'], place: 'UPI La 32' });
  const early = await ctx.createForum('Foro de marzo', '2031-03-01');
  const created = await ctx.json<ReportOverview>(await ctx.call('POST', '/api/reports/2031', { cookie: ctx.editor, body: reportInput }), 201);
  const byKind = (kind: string) => created.sections.find((s) => s.kind === kind)!;
  return { ...ctx, late, early, created, byKind };
}

const save = (s: ReportSection, changes: Partial<{ title: string; content: RichDoc; recommendations: string[] }> = {}) => ({
  title: s.title,
  content: s.content,
  ...(s.kind === 'recommendations' ? { recommendations: s.recommendations } : {}),
  version: s.version,
  ...changes,
});

describe('POST /api/reports/:year', () => {
  it('builds the sections in order, forums by date, all drafts at revision 1, pre-filled from the forum', async () => {
    const { created, late, early, section, json, call, editor } = await withReport();
    expect(created).toMatchObject({ year: 2031, ...reportInput, version: 1, progress: { approved: 0, total: 11 }, pending: { forMe: [] } });
    expect(created.sections.map((s) => [s.position, s.kind, s.forumId])).toEqual([
      [1, 'introduction', null],
      [2, 'methodology', null],
      [3, 'forum', early],
      [4, 'forum', late],
      [5, 'statistics', null],
      [6, 'questions', null],
      [7, 'evaluation', null],
      [8, 'commitments', null],
      [9, 'follow_up', null],
      [10, 'conclusions', null],
      [11, 'recommendations', null],
    ]);
    expect(created.sections.every((s) => s.state === 'draft' && s.version === 1 && s.lastEditedBy === 'editora' && s.openComments === 0)).toBe(true);
    const forum = await section(2031, created.sections[3].id);
    expect(forum.title).toBe('Foro de octubre');
    const text = docToPlainText(forum.content);
    expect(text).toContain('Conversar sobre el presupuesto.');
    expect(text).toContain('Entidades aliadas: Secretaría Distrital de Gobierno.');
    expect(text).toContain('Expertos: Líder distrital de la estrategia Causas Ciudadanas (Líder de la estrategia, Secretaría Distrital de Gobierno).');
    expect(text).toContain('Lugar: UPI La 32.');
    expect(docToPlainText((await section(2031, created.sections[1].id)).content)).toMatch(/consulta ciudadana/);
    for (const s of created.sections) {
      const revisions = await json<{ items: SectionRevisionSummary[] }>(await call('GET', `/api/reports/2031/sections/${s.id}/revisions`, { cookie: editor }));
      expect(revisions.items.map((r) => r.number)).toEqual([1]);
    }
    const list = await json<{ items: unknown[] }>(await call('GET', '/api/reports', { cookie: editor }));
    expect(list.items).toEqual([{ year: 2031, title: reportInput.title, sections: 11, approved: 0 }]);
  });

  it('refuses a second report for the year (409), missing fields (400) and a bad year (404)', async () => {
    const { call, editor, db } = await withReport();
    const before = await reportSnapshot(db);
    await expectProblem(await call('POST', '/api/reports/2031', { cookie: editor, body: reportInput }), 409);
    await expectValidationProblem(await call('POST', '/api/reports/2032', { cookie: editor, body: { title: 'Sin más' } }), ['entity', 'strategy', 'preparedBy']);
    await expectValidationProblem(await call('POST', '/api/reports/2032', { cookie: editor, body: { ...reportInput, title: 'x'.repeat(201) } }), ['title']);
    await expectProblem(await call('POST', '/api/reports/1999', { cookie: editor, body: reportInput }), 404);
    await expectProblem(await call('POST', '/api/reports/20x1', { cookie: editor, body: reportInput }), 404);
    expect(await reportSnapshot(db)).toEqual(before);
  });

  it('PUT /api/reports/:year saves the data with its version; a stale version gets 409 with the current report', async () => {
    const { call, editor, admin, json } = await withReport();
    const saved = await json<ReportOverview>(await call('PUT', '/api/reports/2031', { cookie: editor, body: { ...reportInput, strategy: 'Otra', version: 1 } }));
    expect(saved).toMatchObject({ strategy: 'Otra', version: 2 });
    const body = await expectProblem(await call('PUT', '/api/reports/2031', { cookie: admin, body: { ...reportInput, version: 1 } }), 409);
    expect(body.current).toMatchObject({ strategy: 'Otra', version: 2 });
  });
});

describe('methodology from the consultation', () => {
  it('starts from the year\'s consultation: channels, responses by value group, topics chosen', async () => {
    const { call, editor, json, section } = await setup();
    const consultation = await json<{ id: number; topics: { id: number }[] }>(
      await call('POST', '/api/consultations', {
        cookie: editor,
        body: { year: 2031, title: 'Consulta 2031', openDate: '2031-02-01', closeDate: '2031-02-28', channels: ['web', 'email'], status: 'open', topics: [{ title: 'Salud mental', description: '', proposingTeam: '' }, { title: 'Empleo juvenil', description: '', proposingTeam: '' }] },
      }),
      201,
    );
    const vote = (topicId: number, valueGroupKind: string, valueGroup: string) =>
      call('POST', `/api/consultations/${consultation.id}/responses`, { cookie: editor, body: { valueGroupKind, valueGroup, topicIds: [topicId], proposedTopic: '', questions: [], channel: 'web', date: '2031-02-10' } });
    await json(await vote(consultation.topics[0].id, 'external', 'Ciudadanía'), 201);
    await json(await vote(consultation.topics[0].id, 'external', 'Ciudadanía'), 201);
    await json(await vote(consultation.topics[1].id, 'internal', 'Servidores'), 201);
    const report = await json<ReportOverview>(await call('POST', '/api/reports/2031', { cookie: editor, body: reportInput }), 201);
    const text = docToPlainText((await section(2031, report.sections.find((s) => s.kind === 'methodology')!.id)).content);
    expect(text).toContain('sitio web y correo masivo');
    expect(text).toContain('Se recibieron 3 respuestas');
    expect(text).toContain('Ciudadanía (externo): 2');
    expect(text).toContain('Los temas elegidos fueron: Salud mental y Empleo juvenil.');
  });
});

describe('the report follows the data', () => {
  it('a forum added later gets its section before the statistics, once, in the name of who created the forum', async () => {
    const { createForum, overview, audit, db } = await withReport();
    const before = await reportSnapshot(db);
    const added = await createForum('Foro de diciembre', '2031-12-01');
    // The forum's POST added it (GETs only read): the report changed before anyone opened it.
    expect((await reportSnapshot(db)).reportSections).toHaveLength(before.reportSections.length + 1);
    const report = await overview(2031);
    expect(report.sections.map((s) => s.kind)).toEqual(['introduction', 'methodology', 'forum', 'forum', 'forum', 'statistics', 'questions', 'evaluation', 'commitments', 'follow_up', 'conclusions', 'recommendations']);
    const section = report.sections[4];
    expect(section).toMatchObject({ forumId: added, title: 'Foro de diciembre', state: 'draft', lastEditedBy: 'editora' });
    const entries = await audit('report_section', section.id);
    expect(entries.map((a) => [a.username, JSON.parse(a.changes)[0]])).toEqual([['editora', 'sección agregada por foro nuevo']]);
    expect((await overview(2031)).sections).toHaveLength(12);
  });

  it('a removed forum section does not come back; deleting an approved section is refused', async () => {
    const { call, editor, reviewer, created, overview, act, early, section } = await withReport();
    const forumSection = created.sections.find((s) => s.forumId === early)!;
    expect((await call('DELETE', `/api/reports/2031/sections/${forumSection.id}`, { cookie: editor })).status).toBe(204);
    const report = await overview(2031);
    expect(report.sections.map((s) => s.forumId)).not.toContain(early);
    expect(report.sections.map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const intro = report.sections[0];
    await act(2031, intro.id, 'submit', editor);
    expect((await act(2031, intro.id, 'approve', reviewer)).status).toBe(200);
    const body = await expectProblem(await call('DELETE', `/api/reports/2031/sections/${intro.id}`, { cookie: editor }), 409);
    expect(body.title).toBe('No se puede eliminar una sección aprobada.');
    expect((await section(2031, intro.id)).state).toBe('approved');
  });

  it('free sections are added at the end; the order must be a permutation of the section ids', async () => {
    const { call, editor, json, created } = await withReport();
    const free = await json<ReportSection>(await call('POST', '/api/reports/2031/sections', { cookie: editor, body: { title: 'Anexo', kind: 'free' } }), 201);
    expect(free).toMatchObject({ kind: 'free', title: 'Anexo', position: 12, state: 'draft', version: 1, statistics: null });
    await expectValidationProblem(await call('POST', '/api/reports/2031/sections', { cookie: editor, body: { title: 'Otra', kind: 'forum' } }), ['kind']);
    const ids = [...created.sections.map((s) => s.id), free.id];
    const reversed = [...ids].reverse();
    const reordered = await json<ReportOverview>(await call('POST', '/api/reports/2031/sections/order', { cookie: editor, body: { ids: reversed } }));
    expect(reordered.sections.map((s) => s.id)).toEqual(reversed);
    expect(reordered.sections.map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const bad of [ids.slice(1), [...ids, ids[0]], [...ids.slice(1), ids[1]], [...ids.slice(1), 99999], []]) {
      await expectProblem(await call('POST', '/api/reports/2031/sections/order', { cookie: editor, body: { ids: bad } }), 400);
    }
  });
});

describe('editing a section', () => {
  it('saves a revision, moves to borrador, and a stale save gets 409 with the other change', async () => {
    const { byKind, section, put, json, admin } = await withReport();
    const intro = await section(2031, byKind('introduction').id);
    const first = await json<ReportSection>(await put(2031, intro.id, save(intro, { content: docFromParagraphs(['Texto de la editora.']) })));
    expect(first).toMatchObject({ version: 2, state: 'draft', lastEditedBy: 'editora' });
    const body = await expectProblem(await put(2031, intro.id, save(intro, { content: docFromParagraphs(['Texto del administrador.']) }), admin), 409);
    expect(body.current).toMatchObject({ id: intro.id, version: 2, lastEditedBy: 'editora', content: docFromParagraphs(['Texto de la editora.']) });
    expect(docToPlainText((await section(2031, intro.id)).content)).toBe('Texto de la editora.');
  });

  it('a reviewer cannot PUT (403) and nothing is stored', async () => {
    const { byKind, section, put, reviewer, db } = await withReport();
    const intro = await section(2031, byKind('introduction').id);
    const before = await reportSnapshot(db);
    const body = await expectProblem(await put(2031, intro.id, save(intro, { content: docFromParagraphs(['No.']) }), reviewer), 403);
    expect(body.title).toBe('Su rol no puede editar el texto del informe.');
    expect(await reportSnapshot(db)).toEqual(before);
  });

  it('recommendations are a list, only on the recommendations section', async () => {
    const { byKind, section, put, json } = await withReport();
    const recs = await section(2031, byKind('recommendations').id);
    const saved = await json<ReportSection>(await put(2031, recs.id, save(recs, { recommendations: ['Vincular otras áreas.', 'Generar cultura de participación.'] })));
    expect(saved.recommendations).toEqual(['Vincular otras áreas.', 'Generar cultura de participación.']);
    const intro = await section(2031, byKind('introduction').id);
    await expectValidationProblem(await put(2031, intro.id, { ...save(intro), recommendations: ['x'] }), ['recommendations']);
    await expectValidationProblem(await put(2031, recs.id, save(saved, { recommendations: Array.from({ length: 31 }, () => 'x') })), ['recommendations']);
  });

  it.each([
    ['an over-long title', (s: ReportSection) => save(s, { title: 'x'.repeat(201) }), 'title', null],
    ['an over-long text', (s: ReportSection) => save(s, { content: docFromParagraphs(['a'.repeat(20_001)]) }), 'content.content.0.content.0.text', null],
    ['too much text in all', (s: ReportSection) => save(s, { content: docFromParagraphs(Array.from({ length: 6 }, () => 'a'.repeat(20_000))) }), 'content', null],
    ['a malformed document', (s: ReportSection) => ({ ...save(s), content: { type: 'doc', content: [{ type: 'paragraph', content: 'texto' }] } }), null, null],
    ['a document that is a string', (s: ReportSection) => ({ ...save(s), content: '<p>hola</p>' }), 'content', null],
    ['an unknown node', (s: ReportSection) => ({ ...save(s), content: { type: 'doc', content: [{ type: 'iframe', attrs: { src: 'https://evil.example' } }] } }), null, /^Contenido con un formato no admitido: nodo «iframe»/],
    [
      'a script link',
      (s: ReportSection) => ({ ...save(s), content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'clic', marks: [{ type: 'link', attrs: { href: 'javascript:alert(document.cookie)' } }] }] }] } }),
      null,
      /^Enlace no permitido: javascript:alert/,
    ],
    [
      'an obfuscated script link',
      (s: ReportSection) => ({ ...save(s), content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'clic', marks: [{ type: 'link', attrs: { href: ' jav&#x09;ascript:alert(1)' } }] }] }] } }),
      null,
      /^Enlace no permitido/,
    ],
  ])('refuses %s with 400 and stores nothing', async (_label, body, path, title) => {
    const { byKind, section, put, db } = await withReport();
    const intro = await section(2031, byKind('introduction').id);
    const before = await reportSnapshot(db);
    const problem = await expectValidationProblem(await put(2031, intro.id, body(intro)), path ? [path] : []);
    if (title) expect(problem.title).toMatch(title);
    expect(await reportSnapshot(db)).toEqual(before);
  });

  it('refuses a body that is not JSON', async () => {
    const { byKind, call, editor } = await withReport();
    await expectProblem(await call('PUT', `/api/reports/2031/sections/${byKind('introduction').id}`, { cookie: editor, rawBody: '{"title":' }), 400);
  });

  it('stores script-looking text as text and drops unknown link attributes', async () => {
    const { byKind, section, put, json, db } = await withReport();
    const intro = await section(2031, byKind('introduction').id);
    const content = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: '<script>alert(1)</script>', marks: [{ type: 'link', attrs: { href: 'https://example.org', target: '_blank', rel: null, class: null } }] }] }],
    };
    const saved = await json<ReportSection>(await put(2031, intro.id, { ...save(intro), content }));
    expect(saved.content).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '<script>alert(1)</script>', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] }] }] });
    const rows = await db.selectFrom('report_sections').select('content').execute();
    expect(rows.some((r) => r.content.includes('"html"') || r.content.includes('_blank'))).toBe(false);
  });
});

describe('review workflow', () => {
  it('request changes → edit → borrador → submit → approve, with comments and the audit', async () => {
    const { byKind, section, put, act, json, editor, reviewer, overview, audit, call } = await withReport();
    const id = byKind('conclusions').id;
    await json(await act(2031, id, 'submit', editor));
    expect((await overview(2031, reviewer)).pending.forMe).toEqual([{ sectionId: id, title: 'Conclusiones', state: 'in_review' }]);
    await expectValidationProblem(await act(2031, id, 'request-changes', reviewer, {}), ['comment']);
    const returned = await json<ReportSection>(await act(2031, id, 'request-changes', reviewer, { comment: 'Falta la conclusión sobre la cercanía.', quote: 'Conclusiones' }));
    expect(returned).toMatchObject({ state: 'changes_requested', reviewedBy: 'revisor' });
    const comments = await json<{ items: SectionComment[] }>(await call('GET', `/api/reports/2031/sections/${id}/comments`, { cookie: editor }));
    expect(comments.items).toMatchObject([{ author: 'revisor', body: 'Falta la conclusión sobre la cercanía.', quote: 'Conclusiones', resolved: false, parentId: null }]);
    expect((await overview(2031, editor)).pending.forMe).toEqual([{ sectionId: id, title: 'Conclusiones', state: 'changes_requested' }]);
    expect((await overview(2031, editor)).sections.find((s) => s.id === id)!.openComments).toBe(1);

    const edited = await json<ReportSection>(await put(2031, id, save(await section(2031, id), { content: docFromParagraphs(['Los foros acercan a la ciudadanía.']) })));
    expect(edited.state).toBe('draft');
    expect((await json<ReportSection>(await act(2031, id, 'submit', editor))).state).toBe('in_review');
    const approved = await json<ReportSection>(await act(2031, id, 'approve', reviewer, {}));
    expect(approved).toMatchObject({ state: 'approved', approvedBy: 'revisor', reviewedBy: 'revisor' });
    expect(typeof approved.approvedAt).toBe('string');
    expect((await overview(2031)).progress).toEqual({ approved: 1, total: 11 });
    const changes = (await audit('report_section', id)).map((a) => JSON.parse(a.changes) as string[]);
    expect(changes.map((c) => c[0])).toEqual(['Conclusiones', 'enviada a revisión', 'cambios solicitados', 'contenido', 'enviada a revisión', 'aprobada']);
  });

  it('an editor cannot approve (403); nobody approves their own change (409); refused transitions are 409', async () => {
    const { byKind, act, editor, admin, reviewer, put, section, json, db } = await withReport();
    const id = byKind('introduction').id;
    await json(await act(2031, id, 'submit', editor));
    const before = await reportSnapshot(db);
    expect((await expectProblem(await act(2031, id, 'approve', editor), 403)).title).toBe('Su rol no puede aprobar ni devolver secciones del informe.');
    await expectProblem(await act(2031, id, 'request-changes', editor, { comment: 'x' }), 403);
    await expectProblem(await act(2031, id, 'submit', reviewer), 403);
    await expectProblem(await act(2031, id, 'submit', editor), 409);
    expect(await reportSnapshot(db)).toEqual(before);
    // The admin edits and submits: the admin may not approve it, the reviewer may.
    await json(await put(2031, id, save(await section(2031, id), { content: docFromParagraphs(['Cambio del administrador.']) }), admin));
    await json(await act(2031, id, 'submit', admin));
    expect((await expectProblem(await act(2031, id, 'approve', admin), 409)).title).toBe('No puede aprobar una sección cuyo último cambio es suyo.');
    expect((await json<ReportSection>(await act(2031, id, 'approve', reviewer))).state).toBe('approved');
    await expectProblem(await act(2031, id, 'approve', reviewer), 409);
    await expectProblem(await act(2031, id, 'submit', editor, { extra: true }), 400);
  });

  it('an edit of an approved section withdraws the approval and records why', async () => {
    const { byKind, act, editor, reviewer, put, section, json, audit } = await withReport();
    const id = byKind('methodology').id;
    await json(await act(2031, id, 'submit', editor));
    await json(await act(2031, id, 'approve', reviewer));
    const edited = await json<ReportSection>(await put(2031, id, save(await section(2031, id), { title: 'Metodología del ejercicio' })));
    expect(edited).toMatchObject({ state: 'draft', approvedBy: null, approvedAt: null, title: 'Metodología del ejercicio' });
    const last = (await audit('report_section', id)).map((a) => JSON.parse(a.changes) as string[]).pop();
    expect(last).toEqual(['aprobación retirada: editada después de aprobada']);
  });

  it('when the figures change, an approved statistics section goes back to review (after a metrics PUT)', async () => {
    const { byKind, act, editor, reviewer, section, json, call, late, audit } = await withReport();
    const id = byKind('statistics').id;
    const put = (version: number, reach: number) =>
      call('PUT', `/api/forums/${late}/metrics`, { cookie: editor, body: { postCard: { ...demoMetrics2022['2022-09-07'].postCard!, reach: exact(reach) }, liveSummary: null, sincePublication: null, version, acknowledgedWarnings: [] } });
    await json(await put(0, 635));
    const stats = await section(2031, id);
    expect(stats.statistics!.blocks.map((b) => b.forumTitle)).toEqual(['Foro de marzo', 'Foro de octubre']);
    expect(stats.statistics!.blocks[1].postCard.find((r) => r.field === 'reach')!.value).toBe('635');
    await json(await act(2031, id, 'submit', editor));
    await json(await act(2031, id, 'approve', reviewer));
    await json(await put(1, 1635));
    const after = await section(2031, id);
    expect(after).toMatchObject({ state: 'in_review', approvedBy: null });
    expect(after.statistics!.blocks[1].postCard.find((r) => r.field === 'reach')!.value).toBe('1.635');
    expect((await audit('report_section', id)).map((a) => JSON.parse(a.changes)[0]).pop()).toBe('aprobación retirada: cambiaron las cifras');
    // Approved again with the new figures: it stays approved while they stay.
    await json(await act(2031, id, 'approve', reviewer));
    expect((await section(2031, id)).state).toBe('approved');
  });
});

describe('revisions, diff, restore', () => {
  it('lists revisions, shows one, diffs two and restores one as a new revision', async () => {
    const { byKind, section, put, json, call, editor } = await withReport();
    const id = byKind('conclusions').id;
    await json(await put(2031, id, save(await section(2031, id), { content: docFromParagraphs(['Los foros virtuales acercan a la ciudadanía.']) })));
    await json(await put(2031, id, save(await section(2031, id), { content: docFromParagraphs(['Los foros virtuales acercan a la ciudadanía y a otros sectores.']) })));
    const revisions = (await json<{ items: SectionRevisionSummary[] }>(await call('GET', `/api/reports/2031/sections/${id}/revisions`, { cookie: editor }))).items;
    expect(revisions.map((r) => r.number)).toEqual([3, 2, 1]);
    const [third, second] = revisions;
    const full = await json<SectionRevision>(await call('GET', `/api/reports/2031/sections/${id}/revisions/${second.id}`, { cookie: editor }));
    expect(docToPlainText(full.content)).toBe('Los foros virtuales acercan a la ciudadanía.');
    const diff = await json<SectionDiff>(await call('GET', `/api/reports/2031/sections/${id}/diff?from=${second.id}&to=${third.id}`, { cookie: editor }));
    expect(diff.from).toBe(second.id);
    expect(diff.to).toBe(third.id);
    expect(diff.parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['ciudadanía y a otros sectores.']);
    expect(diff.parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['ciudadanía.']);
    await expectProblem(await call('GET', `/api/reports/2031/sections/${id}/diff?from=${second.id}`, { cookie: editor }), 400);
    await expectProblem(await call('GET', `/api/reports/2031/sections/${id}/diff?from=${second.id}&to=999999`, { cookie: editor }), 404);

    const current = await section(2031, id);
    await expectProblem(await call('POST', `/api/reports/2031/sections/${id}/revisions/${second.id}/restore`, { cookie: editor, body: { version: current.version - 1 } }), 409);
    await expectProblem(await call('POST', `/api/reports/2031/sections/${id}/revisions/${second.id}/restore`, { cookie: editor, body: {} }), 400);
    const restored = await json<ReportSection>(await call('POST', `/api/reports/2031/sections/${id}/revisions/${second.id}/restore`, { cookie: editor, body: { version: current.version } }));
    expect(docToPlainText(restored.content)).toBe('Los foros virtuales acercan a la ciudadanía.');
    expect(restored.version).toBe(current.version + 1);
    const after = (await json<{ items: SectionRevisionSummary[] }>(await call('GET', `/api/reports/2031/sections/${id}/revisions`, { cookie: editor }))).items;
    expect(after[0]).toMatchObject({ number: 4, note: 'restaurada desde la revisión 2', editedBy: 'editora' });
  });
});

describe('comments', () => {
  it('threads, quotes, resolves; everyone may comment', async () => {
    const { byKind, call, json, editor, reviewer, admin, overview } = await withReport();
    const id = byKind('introduction').id;
    const path = `/api/reports/2031/sections/${id}/comments`;
    const root = await json<SectionComment>(await call('POST', path, { cookie: reviewer, body: { body: '¿Se puede citar la fuente?', quote: 'naturaleza pública' } }), 201);
    const reply = await json<SectionComment>(await call('POST', path, { cookie: editor, body: { body: 'Sí, agrego el enlace.', parentId: root.id } }), 201);
    expect(reply).toMatchObject({ parentId: root.id, author: 'editora', quote: null, resolved: false });
    await expectValidationProblem(await call('POST', path, { cookie: admin, body: { body: 'x', parentId: 999999 } }), ['parentId']);
    await expectValidationProblem(await call('POST', path, { cookie: admin, body: { body: 'x'.repeat(5001) } }), ['body']);
    await expectValidationProblem(await call('POST', path, { cookie: admin, body: { body: '   ' } }), ['body']);
    expect((await overview(2031)).sections.find((s) => s.id === id)!.openComments).toBe(2);
    const resolved = await json<SectionComment>(await call('POST', `${path}/${root.id}/resolve`, { cookie: editor }));
    expect(resolved).toMatchObject({ resolved: true, resolvedBy: 'editora' });
    await expectProblem(await call('POST', `${path}/999999/resolve`, { cookie: editor }), 404);
    const items = (await json<{ items: SectionComment[] }>(await call('GET', path, { cookie: admin }))).items;
    expect(items.map((c) => [c.id, c.parentId, c.resolved])).toEqual([
      [root.id, null, true],
      [reply.id, root.id, false],
    ]);
    expect((await overview(2031)).sections.find((s) => s.id === id)!.openComments).toBe(1);
  });
});

describe('the 2022 demo report', () => {
  it('carries the seed report, every section approved by the reviewer, with the seed text', async () => {
    const { overview, section, reviewer } = await setup({ demo: true });
    const report = await overview(2022, reviewer);
    expect(report).toMatchObject({ ...demoReport2022, year: 2022, progress: { approved: 8, total: 8 }, pending: { forMe: [] } });
    expect(report.entity).toBe('Instituto Distrital para la Protección de la Niñez y la Juventud — IDIPRON');
    expect(report.sections.map((s) => s.title)).toEqual([
      'Introducción',
      'Metodología',
      'Foro Políticas Públicas',
      'Foro Modelo Integrado de Planeación y Gestión — MIPG',
      'Foro Causas Ciudadanas',
      'Estadísticas de interacción ciudadana',
      'Conclusiones',
      'Recomendaciones',
    ]);
    expect(report.sections.every((s) => s.state === 'approved' && s.approvedBy === 'revisor' && s.lastEditedBy === 'editora')).toBe(true);
    const text = async (i: number) => docToPlainText((await section(2022, report.sections[i].id)).content);
    const intro = await text(0);
    expect(intro).toMatch(/^El Instituto Distrital para la Protección de la Niñez y la Juventud - IDIPRON, como entidad de naturaleza pública y con el objetivo/);
    expect(intro).toContain('realizó tres (3) foros virtuales de participación durante la vigencia 2022');
    expect(intro).not.toMatch(/Nifiez|realizé|Proteccion|participacién/);
    expect(await text(1)).toBe(demoMethodology2022.join('\n\n'));
    for (const [i, forum] of demoForumSections2022.entries()) expect(await text(2 + i)).toBe(forum.paragraphs.join('\n\n'));
    const statistics = await section(2022, report.sections[5].id);
    expect(statistics.statistics!.blocks.map((b) => b.date)).toEqual(['2022-06-22', '2022-07-29', '2022-09-07']);
    expect(statistics.statistics!.blocks[0].liveSummary.find((r) => r.field === 'broadcastSeconds')!.value).toBe('01:11:33');
    expect(await text(6)).toBe(demoConclusions2022);
    const recs = await section(2022, report.sections[7].id);
    expect(recs.recommendations).toEqual(demoRecommendations2022);
    expect(docToPlainText(recs.content)).toBe(demoRecommendationsClosing2022);
    // Reading it again changes nothing (no forum without a section, figures as approved).
    expect((await overview(2022)).progress).toEqual({ approved: 8, total: 8 });
  });
});
