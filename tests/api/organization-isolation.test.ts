import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { sql, type Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, fastIterations, testPassword } from '../support/test-api';
import { validForum } from '../support/api-assertions';
import { hashPassword } from '../../src/api/passwords';
import { insertUser } from '../../src/db/user-queries';
import { forOrganization, organizationTables } from '../../src/db/org-scope';
import { createParticipaSite } from '../../src/public/participa-site';
import type { Database } from '../../src/db/schema';

/**
 * Issue 15's isolation matrix. Organisation B is the first organisation with the whole 2022 demo (forums, questions,
 * a consultation with its votes, commitments, evaluations, the approved and published report) plus records marked
 * «ZQXBETA»; organisation A («alfa») is new, with its own admin, editor and reviewer. For EVERY route the API
 * registers (read from the app, so a new route cannot be forgotten), A's people ask for B's records by id, list,
 * search, export and import target: they get 404 or A's own (empty) data, never a byte of B's — none of B's marker
 * texts appears in any answer — and B's rows are exactly as they were. The same for the public API and pages under
 * A's slug. Positive controls show the markers are found where they should be (B's own eyes, B's slug).
 */

type Api = Awaited<ReturnType<typeof createTestApi>>;

const marker = 'ZQXBETA';
const bodyText = async (res: Response) => new TextDecoder().decode(await res.arrayBuffer());

async function organizationRows(root: Kysely<Database>, organizationId: number) {
  const out: Record<string, string> = {};
  for (const table of [...organizationTables].sort()) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where organization_id = ${organizationId}`.execute(root);
    out[table] = JSON.stringify(rows.map((r) => JSON.stringify(r)).sort());
  }
  return out;
}

describe('organisations are isolated: A never reads or changes B’s data (every route)', () => {
  let api: Api;
  let a: { admin: string; editor: string; reviewer: string };
  let bEditor: string;
  let alfa: number;
  let markers: string[];
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    api = await createTestApi({ demo: true, examples: true, publicFormMinMs: 0 });
    const root = api.db;
    bEditor = await api.login('editora');
    // B's own marked records, made through the API as B.
    const forum = await api.call('POST', '/api/forums', { cookie: bEditor, body: validForum({ title: `Foro reservado ${marker}`, year: 2022 }) });
    expect(forum.status).toBe(201);
    const area = await api.call('POST', '/api/areas', { cookie: await api.login('admin'), body: { name: `Área ${marker}` } });
    expect([200, 201]).toContain(area.status);

    // B's logo (a 1×1 PNG): A can neither change nor remove it, and A's public address has none.
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (ch) => ch.charCodeAt(0));
    const logo = await api.call('PUT', '/api/organization/logo', { cookie: await api.login('admin'), rawBody: png, headers: { 'content-type': 'image/png' } });
    expect(logo.status).toBe(200);

    await root.insertInto('organizations').values({ name: 'Entidad Alfa', acronym: 'ALFA', slug: 'alfa', created_at: new Date().toISOString() }).execute();
    alfa = Number((await root.selectFrom('organizations').select('id').where('slug', '=', 'alfa').executeTakeFirstOrThrow()).id);
    const hash = await hashPassword(testPassword, fastIterations);
    const scoped = forOrganization(root, alfa);
    for (const [username, role] of [['alfa-admin', 'admin'], ['alfa-editora', 'editor'], ['alfa-revisor', 'reviewer']] as const) {
      await insertUser(scoped, { username, displayName: `Persona ${username}`, role, passwordHash: hash }, new Date().toISOString());
    }
    a = { admin: await api.login('alfa-admin'), editor: await api.login('alfa-editora'), reviewer: await api.login('alfa-revisor') };

    const first = async (table: keyof Database, where?: [string, string]) => {
      let q = root.selectFrom(table).select('id' as never).where('organization_id' as never, '=', 1 as never);
      if (where) q = q.where(where[0] as never, '=', where[1] as never);
      const row = (await q.orderBy('id' as never, 'desc').executeTakeFirst()) as { id: number } | undefined;
      return row ? Number(row.id) : 999_999;
    };
    ids.forum = await first('forums');
    ids.commitment = await first('commitments');
    ids.consultation = await first('consultations');
    ids.topic = await first('consultation_topics');
    ids.consultationResponse = await first('consultation_responses');
    ids.evaluationResponse = await first('evaluation_responses');
    ids.section = await first('report_sections');
    ids.revision = await first('section_revisions');
    ids.comment = await first('section_comments');
    ids.question = await first('forum_questions');
    ids.area = await first('areas');
    ids.submission = await first('citizen_questions');
    ids.user = await first('users', ['username', 'editora']);

    // B's marker texts: the ids' records' own words, and the entity's name.
    const texts = async (table: string, column: string) =>
      (await sql<{ v: string }>`select ${sql.ref(column)} as v from ${sql.table(table)} where organization_id = 1`.execute(root)).rows.map((r) => r.v).filter((v) => typeof v === 'string' && v.length >= 12);
    markers = [
      marker,
      'IDIPRON',
      'Editora de prueba',
      ...(await texts('forums', 'title')),
      ...(await texts('consultations', 'title')),
      ...(await texts('commitments', 'text')),
      ...(await texts('forum_questions', 'text')),
    ];
    expect(markers.length).toBeGreaterThan(10);
  });

  const leaked = (text: string) => markers.filter((m) => text.includes(m));

  /** A route pattern with B's ids (and A's slug for the public routes). */
  function concrete(path: string): { url: string; targetsB: boolean } {
    const byPrefix: [RegExp, string][] = [
      [/\/forums\/:id\/evaluation\/responses\/:responseId/, `/forums/${ids.forum}/evaluation/responses/${ids.evaluationResponse}`],
      [/\/consultations\/:id\/responses\/:responseId/, `/consultations/${ids.consultation}/responses/${ids.consultationResponse}`],
      [/\/consultations\/:id\/topics\/:topicId/, `/consultations/${ids.consultation}/topics/${ids.topic}`],
      [/\/forums\/:id/, `/forums/${ids.forum}`],
      [/\/commitments\/:id/, `/commitments/${ids.commitment}`],
      [/\/consultations\/:id/, `/consultations/${ids.consultation}`],
      [/\/sections\/:id/, `/sections/${ids.section}`],
      [/\/questions\/:id/, `/questions/${ids.question}`],
      [/\/areas\/:id/, `/areas/${ids.area}`],
      [/\/question-submissions\/:id/, `/question-submissions/${ids.submission}`],
      [/\/users\/:id/, `/users/${ids.user}`],
      [/:revisionId/, String(ids.revision)],
      [/:commentId/, String(ids.comment)],
    ];
    let url = path;
    let targetsB = false;
    for (const [pattern, value] of byPrefix) {
      if (pattern.test(url)) {
        url = url.replace(pattern, value);
        targetsB = true;
      }
    }
    url = url
      .replaceAll(':year', '2022')
      .replace(':slug', 'alfa')
      .replace('/forums/:file', `/forums/${ids.forum}.ics`)
      .replace(':file', 'forums.csv');
    const queries: Record<string, string> = { '/api/metrics': '?year=2022', '/api/forums': `?q=${marker}`, '/api/questions': '?q=prueba', '/api/commitments': '?year=2022' };
    if (url.endsWith('/diff')) url += `?from=${ids.revision}&to=${ids.revision}`;
    return { url: url + (queries[url] ?? ''), targetsB };
  }

  const routes = () => [...new Map(api.app.routes.filter((r) => r.method !== 'ALL').map((r) => [`${r.method} ${r.path}`, r])).values()];

  it('positive control: B sees its own marked records (the markers are found when they are there)', async () => {
    const res = await api.call('GET', `/api/forums?q=${marker}`, { cookie: bEditor });
    expect(leaked(await bodyText(res))).toContain(marker);
    const pub = await api.call('GET', '/api/public/years/2022');
    expect(leaked(await bodyText(pub)).length).toBeGreaterThan(0);
    expect((await api.call('GET', '/api/public/o/idipron/logo')).status).toBe(200);
    const bySlug = await api.call('GET', '/api/public/o/idipron/years/2022');
    expect(bySlug.status).toBe(200);
    expect(leaked(await bodyText(bySlug)).length).toBeGreaterThan(0);
  });

  it('every GET route, as each of A’s roles, with B’s ids: 404 for B’s records, A’s own (empty) lists, never B’s data', async () => {
    const gets = routes().filter((r) => r.method === 'GET' && !r.path.startsWith('/api/public/years'));
    expect(gets.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const route of gets) {
      const { url, targetsB } = concrete(route.path);
      for (const [who, cookie] of Object.entries(a)) {
        const res = await api.call('GET', url, { cookie });
        const text = await bodyText(res);
        const found = leaked(text);
        if (found.length > 0) problems.push(`${who} GET ${url} → ${res.status} leaks ${found.slice(0, 2).join(' | ')}`);
        if (targetsB && res.status !== 404 && res.status !== 403) problems.push(`${who} GET ${url} → ${res.status} (expected 404)`);
        if (res.status >= 500) problems.push(`${who} GET ${url} → ${res.status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every write route aimed at B’s records answers 404 (or refuses), changes none of B’s rows and returns none of B’s data', async () => {
    const before = await organizationRows(api.db, 1);
    const scores = { clarity: 5, usefulness: 4, participation: null, answers: null, format: null };
    // Bodies that pass validation, so the answer is the record lookup's (import targets included).
    const valid: Record<string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }> = {
      'PUT /api/forums/:id': { body: { ...validForum(), version: 1 } },
      'POST /api/forums/:id/evaluation/responses': { body: { scores, comment: '', valueGroup: '' } },
      'POST /api/forums/:id/evaluation/import': { body: { header: ['Correo', 'Claridad'], mapping: { Correo: 'personal', Claridad: 'clarity' }, rows: [['a@example.org', '5']] } },
      'POST /api/forums/:id/metrics/import': { rawBody: readFileSync('tests/fixtures/metrics/meta-en-comma-bom.csv', 'utf8'), headers: { 'content-type': 'text/csv' } },
      'POST /api/consultations/:id/responses/import': { body: { header: ['Tema'], rows: [['Tema']], mapping: { Tema: 'topics' }, lateMode: 'mark', defaultChannel: 'web', defaultValueGroupKind: 'unspecified' } },
      'PATCH /api/users/:id': { body: { displayName: 'Robado' } },
      'POST /api/users/:id/password': { body: { password: 'Una-clave-muy-larga-y-rara-2026!' } },
      'POST /api/reports/:year/sections/:id/comments': { body: { body: 'Comentario ajeno' } },
      'POST /api/commitments/:id/follow-ups': { body: { date: '2022-12-01', note: 'Ajeno', progress: 50, evidenceUrl: '', version: 1 } },
    };
    const writes = routes().filter((r) => r.method !== 'GET' && !r.path.startsWith('/api/public') && r.path !== '/api/session');
    expect(writes.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const route of writes) {
      const { url, targetsB } = concrete(route.path);
      const key = `${route.method} ${route.path}`;
      const options = valid[key] ?? { body: {} };
      for (const [who, cookie] of Object.entries(a)) {
        const res = await api.call(route.method, url, { cookie, ...options });
        const text = await bodyText(res);
        const found = leaked(text);
        if (found.length > 0) problems.push(`${who} ${route.method} ${url} → ${res.status} leaks ${found.slice(0, 2).join(' | ')}`);
        if (targetsB && res.status < 300) problems.push(`${who} ${route.method} ${url} → ${res.status} (B's record)`);
        if (valid[key] && targetsB && res.status !== 404 && res.status !== 403) problems.push(`${who} ${route.method} ${url} → ${res.status} (expected 404)`);
        if (res.status >= 500) problems.push(`${who} ${route.method} ${url} → ${res.status}`);
      }
    }
    // The progress import names commitments by number: B's numbers are unknown to A.
    const progress = await api.call('POST', '/api/commitments/progress-import', { cookie: a.editor, body: { header: ['Número', 'Avance'], mapping: { Número: 'id', Avance: 'progress' }, rows: [[String(ids.commitment), '90']] } });
    expect(progress.status).not.toBe(200);
    expect(leaked(await bodyText(progress))).toEqual([]);
    expect(problems).toEqual([]);
    expect(await organizationRows(api.db, 1)).toEqual(before);
  });

  it('public API and pages under A’s slug show A’s (nothing published: 404), never B’s; an unknown slug is 404', async () => {
    const publics = routes().filter((r) => r.path.startsWith('/api/public/o/'));
    expect(publics.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const route of publics) {
      const { url } = concrete(route.path);
      const res = await api.call(route.method, url, route.method === 'GET' ? {} : { body: {} });
      const found = leaked(await bodyText(res));
      if (found.length > 0) problems.push(`${route.method} ${url} → ${res.status} leaks ${found[0]}`);
      // The form's time stamp is a signature of the moment, no data of anyone's.
      if (res.status < 300 && !url.endsWith('/form-token')) problems.push(`${route.method} ${url} → ${res.status}`);
    }
    expect(problems).toEqual([]);
    expect((await api.call('GET', '/api/public/o/no-existe/years/2022')).status).toBe(404);

    const site = new Hono();
    site.route('/', createParticipaSite({ db: api.db, address: () => '127.0.0.1' }));
    for (const path of ['/participa/alfa', '/participa/alfa/2022', '/participa/alfa/2022/informe', '/participa/no-existe/2022']) {
      const res = await site.request(`http://localhost${path}`);
      expect(leaked(await res.text()), path).toEqual([]);
      if (path !== '/participa/alfa') expect(res.status, path).toBe(404);
    }
    // B's pages under its slug: its data, and links that stay under its slug.
    const own = await site.request('http://localhost/participa/idipron/2022');
    expect(own.status).toBe(200);
    const page = await own.text();
    expect(leaked(page).length).toBeGreaterThan(0);
    expect(page).toContain('/api/public/o/idipron/years/2022/');
    expect(page).not.toMatch(/"\/api\/public\/years\//);
    // The older addresses stay the first organisation's.
    expect((await site.request('http://localhost/participa/2022')).status).toBe(200);
  });
});
