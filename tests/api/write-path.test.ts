import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApi, testOrigin } from '../support/test-api';
import { expectProblem, validForum } from '../support/api-assertions';
import type { Database } from '../../src/db/schema';
import { tableNames } from '../../src/db/engine';
import { insertForum } from '../../src/db/forum-queries';
import { getForumMetrics, upsertForumMetrics } from '../../src/db/metrics-queries';
import { demoMetrics2022 } from '../../src/domain/demo-metrics-2022';
import { exact } from '../../src/domain/metrics';
import type { ReportOverview, ReportSection } from '../../src/domain/report';
import { workflowMessages } from '../../src/domain/report-workflow';
import type { Consultation } from '../../src/domain/consultation';
import { forumInputSchema } from '../../src/domain/forum';

type Stored = Record<string, unknown> & { version: number };
/** A forum as read, as a PUT body (its input fields and version), with changes. */
const forumBody = (forum: Stored, changes: Record<string, unknown> = {}) => ({
  ...Object.fromEntries(Object.keys(forumInputSchema.shape).map((key) => [key, forum[key]])),
  version: forum.version,
  ...changes,
});

/**
 * The write path (src/api/change.ts): GETs only read; every write that affects a report brings it in step in the
 * same request, in the name of the person who made it; and that person may not approve what they changed,
 * however indirectly (issue 9, item 7: four eyes).
 */

/**
 * Every row of every table, except the sessions (their bookkeeping is not data the app shows, and an idle
 * timeout may touch it on reads).
 */
async function dump(db: Kysely<Database>) {
  const rows: Record<string, unknown[]> = {};
  for (const name of await tableNames(db)) {
    // Bookkeeping of requests, not data: a session's last request, and the rate limits (counted in the database so
    // several server processes share them, issue 15).
    if (name === 'sessions' || name === 'rate_counters') continue;
    // In a stable order on both engines (PostgreSQL has no rowid): by the rows' text.
    rows[name] = (await sql`select * from ${sql.table(name)}`.execute(db)).rows.map((row) => JSON.stringify(row)).sort();
  }
  return rows;
}

async function setup() {
  const api = await createTestApi({ demo: true });
  const editor = await api.login('editora');
  const reviewer = await api.login('revisor');
  const admin = await api.login('admin');
  const json = async <T>(res: Response, status = 200): Promise<T> => {
    if (res.status !== status) throw new Error(`${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const forums = await api.db.selectFrom('forums').select(['id', 'date']).orderBy('date').execute();
  const overview = async (year = 2022) => json<ReportOverview>(await api.call('GET', `/api/reports/${year}`, { cookie: editor }));
  const statistics = async (year = 2022) => (await overview(year)).sections.find((s) => s.kind === 'statistics')!;
  const section = async (id: number, year = 2022) => json<ReportSection>(await api.call('GET', `/api/reports/${year}/sections/${id}`, { cookie: editor }));
  const act = (id: number, action: 'submit' | 'approve', cookie: string, year = 2022) => api.call('POST', `/api/reports/${year}/sections/${id}/${action}`, { cookie });
  const sectionAudit = (id: number) => api.db.selectFrom('audit_log').select(['username', 'changes']).where('entity', '=', 'report_section').where('entity_id', '=', id).orderBy('id').execute();
  /** The figures of the first demo forum with one changed, as a metrics PUT body. */
  const changedFigures = async (forumId: number, reach: number) => {
    const current = await getForumMetrics(api.db, forumId);
    return { postCard: { ...demoMetrics2022[forums[0].date!].postCard!, reach: exact(reach) }, liveSummary: current.liveSummary, sincePublication: current.sincePublication, version: current.version, acknowledgedWarnings: [] };
  };
  /** The person who caused the change may not approve it; a reviewer who did not, may. */
  const expectFourEyes = async (id: number, causer: string, year = 2022) => {
    expect((await expectProblem(await act(id, 'approve', causer, year), 409)).title).toBe(workflowMessages.ownChange);
    expect((await json<ReportSection>(await act(id, 'approve', reviewer, year))).state).toBe('approved');
  };
  return { ...api, editor, reviewer, admin, json, forums, overview, statistics, section, act, sectionAudit, changedFigures, expectFourEyes };
}

describe('GET never writes', () => {
  it('no GET route changes the database, even when the data is ahead of the report', async () => {
    const { app, db, call, admin, json, forums } = await setup();
    // Data the report has not followed (written past the API, as an older version or a script would): a 2022
    // forum without a section, and new figures under an approved statistics section. Reading must not repair it.
    await insertForum(
      db,
      validForum({ title: 'Foro cargado por fuera', year: 2022, date: '2022-11-15', questions: [{ text: '¿Y?', channel: 'web_form', askedBy: '', answered: false, answeredBy: '', answerSummary: '' }] }),
      'script',
      new Date().toISOString(),
    );
    const questionId = (await db.selectFrom('forum_questions').select('id').executeTakeFirstOrThrow()).id;
    const at = new Date().toISOString();
    const commitmentId = (
      await db
        .insertInto('commitments')
        .values({ forum_id: forums[0].id, question_id: null, year: 2022, text: 'Publicar la ruta', area: 'Planeación', person: 'Coordinación', due_date: '2022-12-30', status: 'pending', cancel_reason: '', progress: 10, illustrative: 0, version: 1, created_at: at, updated_at: at, created_by: 'script', updated_by: 'script' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const figures = await getForumMetrics(db, forums[0].id);
    await upsertForumMetrics(db, forums[0].id, figures.version, { ...figures, postCard: { ...figures.postCard!, reach: exact(9999) } }, [], 'script', new Date().toISOString());
    // A response and a comment, so every list has something to read.
    const consultation = (await db.selectFrom('consultations').select('id').executeTakeFirstOrThrow()).id;
    // (Ids read from the database: a GET would be the first read after the drift.)
    const sectionId = (await db.selectFrom('report_sections').select('id').where('kind', '=', 'statistics').executeTakeFirstOrThrow()).id;
    await json(await call('POST', `/api/reports/2022/sections/${sectionId}/comments`, { cookie: admin, body: { body: 'Revisar la cifra de alcance.' } }), 201);
    const revisionId = (await db.selectFrom('section_revisions').select('id').where('section_id', '=', sectionId).executeTakeFirstOrThrow()).id;

    // The organisation's logo, so its public address answers 200 (a 1×1 PNG).
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (ch) => ch.charCodeAt(0));
    expect((await call('PUT', '/api/organization/logo', { cookie: admin, rawBody: png, headers: { 'content-type': 'image/png' } })).status).toBe(200);
    const slug = (await db.selectFrom('organizations').select('slug').where('id', '=', 1).executeTakeFirstOrThrow()).slug;
    const concrete = (path: string) =>
      path
        .replace(':slug', slug)
        .replace('/forums/:id', `/forums/${forums[0].id}`)
        .replace('/forums/:file', `/forums/${forums[0].id}.ics`)
        .replace('/consultations/:id', `/consultations/${consultation}`)
        .replace('/questions/:id', `/questions/${questionId}`)
        .replace('/commitments/:id', `/commitments/${commitmentId}`)
        .replace('/organizations/:id', '/organizations/1')
        .replace('/sections/:id', `/sections/${sectionId}`)
        .replace(':revisionId', String(revisionId))
        .replaceAll(':year', '2022')
        .replace(':file', 'forums.csv');
    const queries: Record<string, string> = { '/api/metrics': '?year=2022', '/api/reports/:year/sections/:id/diff': `?from=${revisionId}&to=${revisionId}` };
    const gets = [...new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.path))].sort();
    expect(gets.length).toBeGreaterThan(25);

    const writers: string[] = [];
    let before = JSON.stringify(await dump(db));
    for (const path of gets) {
      const url = concrete(path) + (queries[path] ?? '');
      expect(url, `a value for the parameters of ${path}`).not.toMatch(/:[a-zA-Z]/);
      const res = await call('GET', url, { cookie: admin });
      expect(res.status, `GET ${url}: ${res.status === 200 ? '' : await res.clone().text()}`).toBe(200);
      await res.arrayBuffer();
      const after = JSON.stringify(await dump(db));
      if (after !== before) writers.push(`GET ${path}`);
      before = after;
    }
    expect(writers).toEqual([]);
  });
});

describe('the report follows every write that feeds it, in the same request', () => {
  it('a forum renamed, moved to another year or deleted changes the statistics it appears in', async () => {
    const { call, editor, admin, json, forums, statistics, overview, expectFourEyes, act } = await setup();
    const forum = async (id: number) => json<Stored>(await call('GET', `/api/forums/${id}`, { cookie: editor }));
    // Renamed by the admin: the approved statistics section (it shows forum titles) goes back to review, the admin's change.
    await json(await call('PUT', `/api/forums/${forums[1].id}`, { cookie: admin, body: forumBody(await forum(forums[1].id), { title: 'MIPG: nuevo título' }) }));
    expect(await statistics()).toMatchObject({ state: 'in_review', lastEditedBy: 'admin', approvedBy: null });
    await expectFourEyes((await statistics()).id, admin);

    // Moved to 2031, where a report exists: it gets a section there; 2022's statistics lose it.
    await json(await call('POST', '/api/reports/2031', { cookie: editor, body: { title: 'Informe 2031', entity: 'IDIPRON', strategy: '', preparedBy: { name: '', role: '', office: '' } } }), 201);
    await json(await call('PUT', `/api/forums/${forums[1].id}`, { cookie: admin, body: forumBody(await forum(forums[1].id), { year: 2031, date: '2031-07-29' }) }));
    const report2031 = await overview(2031);
    expect(report2031.sections.find((s) => s.forumId === forums[1].id)).toMatchObject({ kind: 'forum', state: 'draft', lastEditedBy: 'admin' });
    expect(await statistics()).toMatchObject({ state: 'in_review', lastEditedBy: 'admin' });
    await expectFourEyes((await statistics()).id, admin);

    // Deleted by the admin: 2022's statistics change again.
    expect((await call('DELETE', `/api/forums/${forums[2].id}`, { cookie: admin })).status).toBe(204);
    expect(await statistics()).toMatchObject({ state: 'in_review', lastEditedBy: 'admin' });
    await expectFourEyes((await statistics()).id, admin);
    // A forum write that does not change what the statistics show leaves the approval alone.
    await json(await call('PUT', `/api/forums/${forums[0].id}`, { cookie: admin, body: forumBody(await forum(forums[0].id), { place: 'Otro lugar' }) }));
    expect(await statistics()).toMatchObject({ state: 'approved', approvedBy: 'revisor' });
    expect((await act((await statistics()).id, 'approve', admin)).status).toBe(409);
  });

  it('a consultation change does not touch the report (its methodology is drafted once, when the report is created)', async () => {
    const { call, editor, json, db } = await setup();
    const sections = await db.selectFrom('report_sections').selectAll().orderBy('id').execute();
    const c = await json<Consultation>(await call('GET', '/api/consultations/1', { cookie: editor }));
    const body = { year: c.year, title: c.title, openDate: c.openDate, closeDate: c.closeDate, channels: ['web'], status: c.status, topics: c.topics, version: c.version };
    await json(await call('PUT', '/api/consultations/1', { cookie: editor, body }));
    expect(await db.selectFrom('report_sections').selectAll().orderBy('id').execute()).toEqual(sections);
  });
});

describe('four eyes on indirect changes (issue 9, item 7)', () => {
  it('metrics PUT: the statistics section goes back to review as the changer’s change, and the changer cannot approve it', async () => {
    const { call, admin, json, forums, statistics, changedFigures, sectionAudit, expectFourEyes } = await setup();
    const before = await statistics();
    expect(before).toMatchObject({ state: 'approved', lastEditedBy: 'editora' });
    await json(await call('PUT', `/api/forums/${forums[0].id}/metrics`, { cookie: admin, body: await changedFigures(forums[0].id, 700) }));
    const after = await statistics();
    expect(after).toMatchObject({ state: 'in_review', lastEditedBy: 'admin', approvedBy: null });
    const last = (await sectionAudit(after.id)).pop()!;
    expect([last.username, JSON.parse(last.changes)]).toEqual(['admin', ['aprobación retirada: cambiaron las cifras', 'estado: en revisión']]);
    await expectFourEyes(after.id, admin);
  });

  it('metrics PUT on a section already in review: it stays in review, now the changer’s, who cannot approve it', async () => {
    const { call, editor, admin, json, forums, statistics, section, act, changedFigures, expectFourEyes } = await setup();
    const id = (await statistics()).id;
    // The editor edits and submits it: in review, the editor's change.
    const current = await section(id);
    await json(await call('PUT', `/api/reports/2022/sections/${id}`, { cookie: editor, body: { title: 'Estadísticas', content: current.content, version: current.version } }));
    await json(await act(id, 'submit', editor));
    expect(await statistics()).toMatchObject({ state: 'in_review', lastEditedBy: 'editora' });
    // The admin changes a figure: the content the reviewer would approve is now partly the admin's.
    await json(await call('PUT', `/api/forums/${forums[0].id}/metrics`, { cookie: admin, body: await changedFigures(forums[0].id, 701) }));
    expect(await statistics()).toMatchObject({ state: 'in_review', lastEditedBy: 'admin' });
    await expectFourEyes(id, admin);
    // The same figures saved again change nothing: no new author, the approval stays.
    await json(await call('PUT', `/api/forums/${forums[0].id}/metrics`, { cookie: editor, body: await changedFigures(forums[0].id, 701) }));
    expect(await statistics()).toMatchObject({ state: 'approved', lastEditedBy: 'admin', approvedBy: 'revisor' });
  });

  it('metrics import: the same, for figures that came from a file', async () => {
    const { app, admin, forums, statistics, expectFourEyes } = await setup();
    const res = await app.request(`/api/forums/${forums[0].id}/metrics/import?version=1`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: admin, origin: testOrigin },
      body: new Uint8Array(readFileSync('tests/fixtures/metrics/meta-en-comma-bom.csv')),
    });
    expect(res.status).toBe(200);
    expect(await statistics()).toMatchObject({ state: 'in_review', lastEditedBy: 'admin' });
    await expectFourEyes((await statistics()).id, admin);
  });

  it('a 2022 forum created by the admin: its new section is the admin’s, who can submit it but not approve it', async () => {
    const { call, admin, json, overview, act, sectionAudit, expectFourEyes, db } = await setup();
    const forum = await json<{ id: number }>(await call('POST', '/api/forums', { cookie: admin, body: validForum({ title: 'Foro de noviembre', year: 2022, date: '2022-11-20', objective: 'Texto del administrador.' }) }), 201);
    const added = (await overview()).sections.find((s) => s.forumId === forum.id)!;
    expect(added).toMatchObject({ kind: 'forum', state: 'draft', lastEditedBy: 'admin' });
    expect(await db.selectFrom('section_revisions').select(['number', 'edited_by']).where('section_id', '=', added.id).execute()).toEqual([{ number: 1, edited_by: 'admin' }]);
    expect((await sectionAudit(added.id)).map((a) => a.username)).toEqual(['admin']);
    expect((await json<ReportSection>(await act(added.id, 'submit', admin))).state).toBe('in_review');
    await expectFourEyes(added.id, admin);
  });

  it('a forum created from a consultation topic: its section is the creator’s, who cannot approve it', async () => {
    const { call, admin, json, overview, act, expectFourEyes } = await setup();
    const consultation = await json<Consultation>(await call('GET', '/api/consultations/1', { cookie: admin }));
    const free = consultation.topics.find((t) => !consultation.forums.some((f) => f.topicId === t.id))!;
    const forum = await json<{ id: number; year: number }>(await call('POST', `/api/consultations/1/topics/${free.id}/forum`, { cookie: admin }), 201);
    expect(forum.year).toBe(2022);
    const added = (await overview()).sections.find((s) => s.forumId === forum.id)!;
    expect(added).toMatchObject({ kind: 'forum', title: free.title, lastEditedBy: 'admin' });
    await json(await act(added.id, 'submit', admin));
    await expectFourEyes(added.id, admin);
  });
});
