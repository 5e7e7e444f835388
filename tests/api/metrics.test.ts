import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApi, testEngine } from '../support/test-api';
import { dbSnapshot, expectProblem, expectValidationProblem, validForum } from '../support/api-assertions';
import { demoMetrics2022 } from '../../src/domain/demo-metrics-2022';
import { exact, type ForumMetricsInput } from '../../src/domain/metrics';
import type { ForumMetricsRecord, MetricsImportResponse, YearMetrics } from '../../src/domain/metrics-update';
import type { MetricsIssue } from '../../src/domain/metrics-rules';

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/metrics/${name}`));
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const dates = { politicas: '2022-06-22', mipg: '2022-07-29', causas: '2022-09-07' } as const;

interface Problem422 {
  title: string;
  code: string;
  errors: { path: string; message: string }[];
  issues: MetricsIssue[];
  rows?: unknown[];
}

async function setup() {
  const api = await createTestApi({ demo: true });
  const editor = await api.login('editora');
  const reviewer = await api.login('revisor');
  const admin = await api.login('admin');
  const forums = await api.db.selectFrom('forums').select(['id', 'date']).execute();
  const idOf = (date: string) => forums.find((f) => f.date === date)!.id;

  async function getMetrics(forumId: number, cookie = editor): Promise<ForumMetricsRecord> {
    const res = await api.call('GET', `/api/forums/${forumId}/metrics`, { cookie });
    expect(res.status).toBe(200);
    return (await res.json()) as ForumMetricsRecord;
  }
  /** PUT as the editor, or as `as` (null = anonymous). */
  const put = (forumId: number, body: unknown, as: string | null = editor) => api.call('PUT', `/api/forums/${forumId}/metrics`, { cookie: as ?? undefined, body });
  /** Posts a file to the import route as the browser would (raw bytes, a CSV content type). */
  function importFile(forumId: number, body: Uint8Array | string, query = '', options: { cookie?: string; contentType?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'text/csv', origin: 'http://localhost', ...(options.headers ?? {}) };
    const cookie = 'cookie' in options ? options.cookie : editor;
    if (cookie) headers.cookie = cookie;
    return api.app.request(`/api/forums/${forumId}/metrics/import${query}`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
  }
  async function createForum(): Promise<number> {
    const res = await api.call('POST', '/api/forums', { cookie: editor, body: validForum({ title: 'Foro sin métricas', date: '2022-11-30' }) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: number }).id;
  }
  const metricsAudit = (forumId: number) =>
    api.db.selectFrom('audit_log').selectAll().where('entity', '=', 'forum_metrics').where('entity_id', '=', forumId).orderBy('id').execute();
  return { ...api, editor, reviewer, admin, idOf, getMetrics, put, importFile, createForum, metricsAudit };
}

/** The demo figures of a forum as a PUT body. */
const body = (date: string, version: number, change: (m: ForumMetricsInput) => void = () => {}, extra: Record<string, unknown> = {}) => {
  const metrics = copy(demoMetrics2022[date]);
  change(metrics);
  return { ...metrics, version, ...extra };
};

describe('GET /api/forums/:id/metrics', () => {
  it('serves the 2022 demo figures as saved by the demo (version 1, manual, no issues)', async () => {
    const { getMetrics, idOf } = await setup();
    for (const date of Object.values(dates)) {
      const record = await getMetrics(idOf(date));
      expect(record).toMatchObject({ forumId: idOf(date), version: 1, acknowledgedWarnings: [], updatedBy: 'demo', issues: [] });
      expect(typeof record.updatedAt).toBe('string');
      const { postCard, liveSummary, sincePublication } = record;
      expect({ postCard, liveSummary, sincePublication }).toEqual(demoMetrics2022[date]);
      expect([postCard!.source, liveSummary!.source, sincePublication!.source]).toEqual(['manual', 'manual', 'manual']);
    }
  });

  it('keeps exact and approximate figures apart (Foro MIPG: 19:13:05 exact, "1,7 mil" minutes approximate)', async () => {
    const { getMetrics, idOf } = await setup();
    const mipg = await getMetrics(idOf(dates.mipg));
    expect(mipg.liveSummary!.totalWatchSeconds).toEqual({ value: 69185, approximate: false });
    expect(mipg.sincePublication!.totalWatchSeconds).toEqual({ value: 102000, approximate: true, margin: 3000 });
    expect(mipg.liveSummary!.broadcastSeconds!.value).toBe(3399);
  });

  it('answers version 0 and no snapshots for a forum whose metrics were never saved', async () => {
    const { getMetrics, createForum } = await setup();
    const id = await createForum();
    expect(await getMetrics(id)).toEqual({
      forumId: id,
      version: 0,
      postCard: null,
      liveSummary: null,
      sincePublication: null,
      acknowledgedWarnings: [],
      updatedAt: null,
      updatedBy: null,
      issues: [],
    });
  });

  it('answers 404 for a forum that does not exist, or an id that is not one', async () => {
    const { call, editor } = await setup();
    const missing = await expectProblem(await call('GET', '/api/forums/9999/metrics', { cookie: editor }), 404);
    expect(missing.title).toBe('No existe un foro con ese identificador.');
    await expectProblem(await call('GET', '/api/forums/abc/metrics', { cookie: editor }), 404);
  });

  it('lets a reviewer read, and refuses anonymous with 401', async () => {
    const { call, idOf, reviewer } = await setup();
    expect((await call('GET', `/api/forums/${idOf(dates.mipg)}/metrics`, { cookie: reviewer })).status).toBe(200);
    await expectProblem(await call('GET', `/api/forums/${idOf(dates.mipg)}/metrics`), 401);
  });
});

describe('PUT /api/forums/:id/metrics', () => {
  it('saves with the current version: 200, version + 1, who saved it, the GET shape, an audit entry naming the snapshot', async () => {
    const { put, getMetrics, idOf, metricsAudit } = await setup();
    const id = idOf(dates.mipg);
    const res = await put(id, body(dates.mipg, 1, (m) => (m.liveSummary!.peakLiveViewers = exact(41))));
    expect(res.status).toBe(200);
    const saved = (await res.json()) as ForumMetricsRecord;
    expect(saved).toMatchObject({ forumId: id, version: 2, updatedBy: 'editora', acknowledgedWarnings: [], issues: [] });
    expect(saved.liveSummary!.peakLiveViewers).toEqual(exact(41));
    expect(saved.sincePublication).toEqual(demoMetrics2022[dates.mipg].sincePublication);
    expect(await getMetrics(id)).toEqual(saved);
    const audit = await metricsAudit(id);
    expect(audit.at(-1)).toMatchObject({ action: 'update', username: 'editora', entity: 'forum_metrics', entity_id: id });
    expect(JSON.parse(audit.at(-1)!.changes)).toEqual(['liveSummary']);
  });

  it('first save of a forum without metrics: version 0 → 1, audited as a creation', async () => {
    const { put, getMetrics, createForum, metricsAudit, admin } = await setup();
    const id = await createForum();
    const res = await put(id, { postCard: null, liveSummary: null, sincePublication: demoMetrics2022[dates.politicas].sincePublication, version: 0 }, admin);
    expect(res.status).toBe(200);
    const saved = (await res.json()) as ForumMetricsRecord;
    expect(saved).toMatchObject({ version: 1, postCard: null, liveSummary: null, updatedBy: 'admin' });
    expect(saved.sincePublication).toEqual(demoMetrics2022[dates.politicas].sincePublication);
    expect(await getMetrics(id)).toEqual(saved);
    const audit = await metricsAudit(id);
    expect(audit).toHaveLength(1);
    expect(audit[0].action).toBe('create');
    expect(JSON.parse(audit[0].changes)).toEqual(['sincePublication']);
    // Version 0 again is now stale.
    await expectProblem(await put(id, { postCard: null, liveSummary: null, sincePublication: null, version: 0 }), 409);
  });

  it('fills figures and series left out of the body with null and []', async () => {
    const { put, createForum } = await setup();
    const id = await createForum();
    const res = await put(id, { postCard: { source: 'manual', asOf: '2022-12-01', reach: exact(10) }, liveSummary: null, sincePublication: null, version: 0 });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as ForumMetricsRecord;
    expect(saved.postCard).toEqual({ source: 'manual', asOf: '2022-12-01', plays: null, reactions: null, comments: null, shares: null, reach: exact(10), interactions: null, views3s: null });
  });

  it('refuses a stale version with 409, the stored metrics (GET shape) in `current`, and changes nothing', async () => {
    const { put, getMetrics, idOf, db, admin } = await setup();
    const id = idOf(dates.mipg);
    expect((await put(id, body(dates.mipg, 1, (m) => (m.postCard!.plays = exact(500))), admin)).status).toBe(200);
    const stored = await getMetrics(id);
    const before = await dbSnapshot(db);
    const problem = await expectProblem(await put(id, body(dates.mipg, 1, (m) => (m.postCard!.plays = exact(600)))), 409);
    expect(problem.current).toEqual(stored);
    expect(problem.current).toMatchObject({ version: 2, updatedBy: 'admin' });
    expect(problem.detail).toContain('versión 1');
    expect(await dbSnapshot(db)).toEqual(before);
    // A version from the future is just as stale.
    await expectProblem(await put(id, body(dates.mipg, 7)), 409);
  });

  it('refuses figures that cannot be true with 422 `blocking`, one error per figure involved, and changes nothing', async () => {
    const { put, idOf, db } = await setup();
    const id = idOf(dates.mipg);
    const before = await dbSnapshot(db);
    // 1-minute views (300) above 3-second views (211): not even a confirmed warning lets it through.
    const res = await put(id, body(dates.mipg, 1, (m) => (m.liveSummary!.views1m = exact(300)), { acknowledgedWarnings: ['views-nested'] }));
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await expectProblem(res, 422)) as unknown as Problem422;
    expect(problem.code).toBe('blocking');
    expect(problem.title).toMatch(/^Las cifras no son coherentes: /);
    expect(problem.title).toContain('(300)');
    expect(problem.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['liveSummary.views1m', 'liveSummary.views3s']));
    for (const error of problem.errors) expect(error.message).toMatch(/no pueden superar/);
    expect(problem.issues.some((i) => i.rule === 'views-nested' && i.severity === 'block')).toBe(true);
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('refuses an unconfirmed warning with 422 `warnings`, then saves once the person confirms it', async () => {
    const { put, getMetrics, idOf, db } = await setup();
    const id = idOf(dates.mipg);
    // 44 reactions + 10 comments + 100 shares = 154, far from the 87 interactions (rule 6: a warning).
    const figures = (m: ForumMetricsInput) => (m.postCard!.shares = exact(100));
    const before = await dbSnapshot(db);
    const problem = (await expectProblem(await put(id, body(dates.mipg, 1, figures)), 422)) as unknown as Problem422;
    expect(problem.code).toBe('warnings');
    expect(problem.title).toBe('Revise y confirme las advertencias antes de guardar.');
    expect(problem.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['postCard.interactions', 'postCard.shares']));
    expect(problem.issues.map((i) => [i.rule, i.severity])).toEqual([['interactions-sum', 'warn']]);
    expect(await dbSnapshot(db)).toEqual(before);

    // Confirming another warning is not confirming this one.
    await expectProblem(await put(id, body(dates.mipg, 1, figures, { acknowledgedWarnings: ['peak-within-viewers'] })), 422);
    expect(await dbSnapshot(db)).toEqual(before);

    const res = await put(id, body(dates.mipg, 1, figures, { acknowledgedWarnings: ['interactions-sum', 'peak-within-viewers'] }));
    expect(res.status).toBe(200);
    const saved = (await res.json()) as ForumMetricsRecord;
    expect(saved.version).toBe(2);
    expect(saved.postCard!.shares).toEqual(exact(100));
    // Only the confirmation of a warning these figures raise is kept; the warning is still reported.
    expect(saved.acknowledgedWarnings).toEqual(['interactions-sum']);
    expect(saved.issues.map((i) => i.rule)).toEqual(['interactions-sum']);
    expect(await getMetrics(id)).toEqual(saved);
  });

  /** A request body to spoil, one field at a time. */
  type Spoilable = Record<string, unknown> & { liveSummary: Record<string, unknown>; postCard: Record<string, unknown> };
  it.each([
    ['an unknown field', (b: Spoilable) => (b.liveSummary.viewers = exact(3)), 'liveSummary.viewers'],
    ['an unknown top-level field', (b: Spoilable) => (b.notes = 'x'), 'notes'],
    ['a negative number', (b: Spoilable) => (b.liveSummary.views3s = { value: -1, approximate: false }), 'liveSummary.views3s.value'],
    ['a number sent as text', (b: Spoilable) => (b.liveSummary.views3s = { value: '211', approximate: false }), 'liveSummary.views3s.value'],
    ['a decimal count', (b: Spoilable) => (b.postCard.plays = { value: 1.5, approximate: false }), 'postCard.plays.value'],
    ['no version', (b: Spoilable) => delete b.version, 'version'],
    ['a negative version', (b: Spoilable) => (b.version = -1), 'version'],
    ['a missing snapshot key', (b: Spoilable) => delete b.sincePublication, 'sincePublication'],
    ['an unknown warning id', (b: Spoilable) => (b.acknowledgedWarnings = ['no-such-rule']), 'acknowledgedWarnings.0'],
    ['a bad date', (b: Spoilable) => (b.liveSummary.asOf = '2022-02-30'), 'liveSummary.asOf'],
  ])('refuses %s with 400 and the field path, changing nothing', async (_name, spoil, path) => {
    const { put, idOf, db } = await setup();
    const before = await dbSnapshot(db);
    const bad = body(dates.mipg, 1) as unknown as Spoilable;
    spoil(bad);
    await expectValidationProblem(await put(idOf(dates.mipg), bad), [path]);
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('refuses a reviewer (403), anonymous (401) and a missing forum (404), changing nothing', async () => {
    const { put, idOf, db, reviewer } = await setup();
    const before = await dbSnapshot(db);
    const forbidden = await expectProblem(await put(idOf(dates.mipg), body(dates.mipg, 1), reviewer), 403);
    expect(forbidden.title).toBe('Su rol no tiene permiso para esta acción.');
    await expectProblem(await put(idOf(dates.mipg), body(dates.mipg, 1), null), 401);
    await expectProblem(await put(9999, body(dates.mipg, 0)), 404);
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('saving figures identical to the stored ones writes no new version and answers the current record (issue 10, item 9)', async () => {
    const { put, getMetrics, idOf, metricsAudit, db } = await setup();
    const id = idOf(dates.mipg);
    const before = await getMetrics(id);
    const auditCount = (await metricsAudit(id)).length;
    const snapshot = await dbSnapshot(db);
    // The same figures, keys in another order and defaults left out: still the same.
    const same = body(dates.mipg, 1, (m) => {
      const { plays, ...rest } = m.postCard!;
      m.postCard = { plays, ...rest };
      delete (m.liveSummary as Partial<typeof m.liveSummary>)!.avgConcurrentViewers;
    });
    const res = await put(id, same);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(before);
    expect(await metricsAudit(id)).toHaveLength(auditCount);
    expect(await dbSnapshot(db)).toEqual(snapshot);
    // One figure changed: a new version.
    const changed = await put(id, body(dates.mipg, 1, (m) => (m.postCard!.comments = exact(11))));
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as ForumMetricsRecord).version).toBe(2);
  });

  it('keeps the 1 MB limit for JSON bodies', async () => {
    const { call, editor, idOf } = await setup();
    const res = await call('PUT', `/api/forums/${idOf(dates.mipg)}/metrics`, { cookie: editor, rawBody: JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) }) });
    await expectProblem(res, 413);
  });
});

describe('POST /api/forums/:id/metrics/import', () => {
  it('dry run: previews the matched row merged into the forum’s metrics and changes nothing', async () => {
    const { importFile, getMetrics, idOf, db } = await setup();
    const id = idOf(dates.politicas);
    const before = await getMetrics(id);
    const snapshot = await dbSnapshot(db);
    const res = await importFile(id, fixture('meta-en-comma-bom.csv'), '?dryRun=1');
    expect(res.status).toBe(200);
    const preview = (await res.json()) as MetricsImportResponse;
    expect(preview).toMatchObject({ dryRun: true, saved: false, version: 1, format: 'meta_video', language: 'en', selectedRow: { rowNumber: 2, matchedBy: 'title' } });
    expect(preview.rows).toEqual([
      { rowNumber: 2, title: 'Foro Virtual de Participación: Políticas Públicas IDIPRON', publishDate: '2022-06-22', permalink: 'https://www.facebook.com/IDIPRONBogota/videos/587654321098765/', day: null },
      { rowNumber: 3, title: 'Un video "corto", sin foro', publishDate: '2022-10-03', permalink: 'https://www.facebook.com/IDIPRONBogota/videos/599999999999999/', day: null },
    ]);
    expect(preview.recognisedColumns.map((c) => c.field)).toEqual(expect.arrayContaining(['views3s', 'views1m', 'shares']));
    // The file's figures replace the stored ones; what it does not give is kept.
    expect(preview.metrics.postCard).toMatchObject({ source: 'meta_csv', shares: exact(15), reactions: exact(24), plays: exact(236) });
    expect(preview.metrics.sincePublication).toMatchObject({ source: 'meta_csv', views3s: exact(236), views1m: exact(47), avgWatchSeconds: exact(64) });
    expect(preview.metrics.liveSummary).toEqual(before.liveSummary);
    expect(preview.issues).toEqual([]);
    // What the row gives (the preview's «Cifras que se escribirán»), apart from what was kept.
    expect(preview.imported.postCard).toMatchObject({ source: 'meta_csv', shares: exact(15) });
    expect(preview.imported.liveSummary).toBeUndefined();
    // A dry run with a (current) version and confirmations still writes nothing.
    const withVersion = await importFile(id, fixture('meta-en-comma-bom.csv'), '?dryRun=true&version=1&acknowledge=interactions-sum');
    expect(withVersion.status).toBe(200);
    expect(await withVersion.json()).toEqual(preview);
    expect(await getMetrics(id)).toEqual(before);
    expect(await dbSnapshot(db)).toEqual(snapshot);
  });

  it('never sends back the file’s other columns (page, description, ids: possibly personal data)', async () => {
    const { importFile, idOf } = await setup();
    const res = await importFile(idOf(dates.politicas), fixture('meta-en-comma-bom.csv'), '?dryRun=true');
    expect(res.status).toBe(200);
    const text = await res.text();
    const preview = JSON.parse(text) as MetricsImportResponse;
    for (const row of preview.rows) expect(Object.keys(row).sort()).toEqual(['day', 'permalink', 'publishDate', 'rowNumber', 'title']);
    for (const value of ['te invita', '1111111111111111', '111222333', 'promo']) expect(text).not.toContain(value);
  });

  it('saves with the current version: bumps it, keeps the other snapshots, audits an "importación"', async () => {
    const { importFile, getMetrics, idOf, metricsAudit } = await setup();
    const id = idOf(dates.politicas);
    const before = await getMetrics(id);
    const res = await importFile(id, fixture('meta-en-comma-bom.csv'), '?version=1');
    expect(res.status).toBe(200);
    const result = (await res.json()) as MetricsImportResponse;
    expect(result).toMatchObject({ dryRun: false, saved: true, version: 2 });
    const after = await getMetrics(id);
    expect(after).toMatchObject({ version: 2, updatedBy: 'editora', issues: [] });
    expect(after.postCard).toEqual(result.metrics.postCard);
    expect(after.postCard!.shares).toEqual(exact(15));
    expect(after.sincePublication!.source).toBe('meta_csv');
    expect(after.liveSummary).toEqual(before.liveSummary);
    const audit = await metricsAudit(id);
    expect(audit.at(-1)).toMatchObject({ action: 'update', username: 'editora' });
    expect(JSON.parse(audit.at(-1)!.changes)).toEqual(['importación', 'postCard', 'sincePublication']);
  });

  it('never puts today on «Fecha de corte»: keeps the saved date, takes the chosen or the file’s one, asks when there is none (issue 10, item 3)', async () => {
    const { importFile, getMetrics, idOf, createForum, db } = await setup();
    const id = idOf(dates.politicas);
    const before = await getMetrics(id);
    expect(before.sincePublication!.asOf).toBe('2022-10-20');
    // The file carries no date: each snapshot keeps its saved one, and the answer lists every date it writes.
    const kept = (await (await importFile(id, fixture('meta-en-comma-bom.csv'), '?version=1')).json()) as MetricsImportResponse;
    expect(kept.saved).toBe(true);
    expect(kept.asOf).toEqual([
      { kind: 'postCard', before: '2022-10-20', after: '2022-10-20', from: 'saved' },
      { kind: 'sincePublication', before: '2022-10-20', after: '2022-10-20', from: 'saved' },
    ]);
    const afterKept = await getMetrics(id);
    expect([afterKept.postCard!.asOf, afterKept.liveSummary!.asOf, afterKept.sincePublication!.asOf]).toEqual(['2022-10-20', '2022-06-22', '2022-10-20']);
    // The date the person chose wins.
    const chosen = (await (await importFile(id, fixture('meta-en-comma-bom.csv'), '?version=2&asOf=2022-11-03')).json()) as MetricsImportResponse;
    expect(chosen.asOf.map((a) => [a.kind, a.after, a.from])).toEqual([
      ['postCard', '2022-11-03', 'chosen'],
      ['sincePublication', '2022-11-03', 'chosen'],
    ]);
    expect((await getMetrics(id)).sincePublication!.asOf).toBe('2022-11-03');
    // A daily row carries its own day.
    const daily = 'Title,Date,Reach\nForo Virtual de Participación: Políticas Públicas,10/25/2022,700\n';
    const fromFile = (await (await importFile(id, daily, '?dryRun=1')).json()) as MetricsImportResponse;
    expect(fromFile.asOf).toEqual([
      { kind: 'postCard', before: '2022-11-03', after: '2022-10-25', from: 'file' },
      { kind: 'sincePublication', before: '2022-11-03', after: '2022-10-25', from: 'file' },
    ]);
    expect(fromFile.metrics.sincePublication!.asOf).toBe('2022-10-25');

    // A forum without metrics and a file without a date: asked for, at the field, nothing saved.
    const fresh = await createForum();
    const snapshot = await dbSnapshot(db);
    const asked = await importFile(fresh, fixture('meta-en-comma-bom.csv'), '?version=0&row=2');
    const problem = (await expectProblem(asked, 400)) as unknown as Problem422;
    expect(problem.title).toMatch(/^Indique la fecha de corte/);
    expect(problem.errors).toEqual([{ path: 'asOf', message: problem.title }]);
    expect(await dbSnapshot(db)).toEqual(snapshot);
    const badDate = await importFile(fresh, fixture('meta-en-comma-bom.csv'), '?version=0&row=2&asOf=2022-02-30');
    expect(((await expectProblem(badDate, 400)) as unknown as Problem422).errors[0].path).toBe('asOf');
  });

  it('an import that changes nothing writes no new version (issue 10, item 9)', async () => {
    const { importFile, getMetrics, idOf, metricsAudit } = await setup();
    const id = idOf(dates.politicas);
    const first = (await (await importFile(id, fixture('meta-en-comma-bom.csv'), '?version=1')).json()) as MetricsImportResponse;
    expect(first).toMatchObject({ saved: true, unchanged: false, version: 2 });
    const auditCount = (await metricsAudit(id)).length;
    const again = (await (await importFile(id, fixture('meta-en-comma-bom.csv'), '?version=2')).json()) as MetricsImportResponse;
    expect(again).toMatchObject({ saved: false, unchanged: true, version: 2 });
    expect((await getMetrics(id)).version).toBe(2);
    expect(await metricsAudit(id)).toHaveLength(auditCount);
  });

  it('saves a first import of a forum without metrics from version 0', async () => {
    const { importFile, getMetrics, createForum } = await setup();
    const id = await createForum();
    const res = await importFile(id, fixture('youtube-live-viewership.csv'), '?version=0', { contentType: 'application/octet-stream' });
    expect(res.status).toBe(200);
    const result = (await res.json()) as MetricsImportResponse;
    expect(result.selectedRow).toEqual({ rowNumber: 2, matchedBy: 'single' });
    const after = await getMetrics(id);
    expect(after.version).toBe(1);
    expect(after.postCard).toBeNull();
    expect(after.liveSummary!.source).toBe('youtube_csv');
    expect(after.liveSummary!.liveViewersCurve.length).toBeGreaterThan(0);
    expect(after.liveSummary!.peakLiveViewers!.value).toBe(Math.max(...after.liveSummary!.liveViewersCurve.map((p) => p.viewers)));
  });

  it('asks to choose a row (422 `no-row`, with the rows) when none matches, then takes the chosen one', async () => {
    const { importFile, idOf, db } = await setup();
    const id = idOf(dates.mipg);
    const before = await dbSnapshot(db);
    const res = await importFile(id, fixture('meta-en-comma-bom.csv'), '?version=1');
    const problem = (await expectProblem(res, 422)) as unknown as Problem422;
    expect(problem.code).toBe('no-row');
    expect(problem.title).toBe('Ninguna fila del archivo corresponde a este foro. Elija la fila.');
    expect(problem.rows).toHaveLength(2);
    expect(await dbSnapshot(db)).toEqual(before);
    const missing = (await expectProblem(await importFile(id, fixture('meta-en-comma-bom.csv'), '?dryRun=1&row=9'), 422)) as unknown as Problem422;
    expect(missing.code).toBe('no-row');

    const chosen = await importFile(id, fixture('meta-en-comma-bom.csv'), '?dryRun=1&row=3');
    expect(chosen.status).toBe(200);
    const preview = (await chosen.json()) as MetricsImportResponse;
    expect(preview.selectedRow).toEqual({ rowNumber: 3, matchedBy: 'row' });
    expect(preview.metrics.sincePublication!.views3s).toEqual(exact(1234));
  });

  it('applies the PUT rules: a warning needs `acknowledge`, blocking figures are refused', async () => {
    const { importFile, getMetrics, idOf, db, createForum } = await setup();
    const causas = idOf(dates.causas);
    // YouTube likes 60 + comments 26 + shares 10 = 96 against the stored 57 interactions: rule 6 warns.
    const dry = (await (await importFile(causas, fixture('youtube-table-data.csv'), '?dryRun=1')).json()) as MetricsImportResponse;
    expect(dry.selectedRow).toEqual({ rowNumber: 3, matchedBy: 'title' });
    expect(dry.issues.map((i) => i.rule)).toEqual(['interactions-sum']);
    const before = await dbSnapshot(db);
    const warned = (await expectProblem(await importFile(causas, fixture('youtube-table-data.csv'), '?version=1'), 422)) as unknown as Problem422;
    expect(warned.code).toBe('warnings');
    expect(warned.errors.map((e) => e.path)).toContain('postCard.interactions');
    expect(await dbSnapshot(db)).toEqual(before);
    const saved = await importFile(causas, fixture('youtube-table-data.csv'), '?version=1&acknowledge=interactions-sum');
    expect(saved.status).toBe(200);
    const after = await getMetrics(causas);
    expect(after).toMatchObject({ version: 2, acknowledgedWarnings: ['interactions-sum'] });
    expect(after.postCard).toMatchObject({ source: 'youtube_csv', plays: exact(1200), reactions: exact(60) });

    // A forum without metrics, so only the file's figures count: 20 one-minute views, 10 three-second ones.
    const fresh = await createForum();
    const impossible = 'Title,3-second video views,1-minute video views\nOtro video,10,20\n';
    const preview = (await (await importFile(fresh, impossible, '?dryRun=1&asOf=2022-12-01')).json()) as MetricsImportResponse;
    expect(preview.selectedRow).toEqual({ rowNumber: 2, matchedBy: 'single' });
    expect(preview.issues.map((i) => [i.rule, i.severity])).toEqual([['views-nested', 'block']]);
    const beforeBlocked = await dbSnapshot(db);
    const blocked = (await expectProblem(await importFile(fresh, impossible, '?version=0&acknowledge=views-nested&asOf=2022-12-01'), 422)) as unknown as Problem422;
    expect(blocked.code).toBe('blocking');
    expect(blocked.errors.map((e) => e.path).sort()).toEqual(['sincePublication.views1m', 'sincePublication.views3s']);
    expect(await dbSnapshot(db)).toEqual(beforeBlocked);
  });

  it.each([
    ['a binary file', () => fixture('bad-binary.csv'), /binarios/],
    ['an empty file', () => new Uint8Array(0), /vacío/],
    ['a file of unknown columns', () => fixture('bad-unknown-headers.csv'), /.+/],
    ['an Excel workbook', () => new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), /Excel/],
  ])('refuses %s with 400 and the parser’s Spanish message, dry run or not, changing nothing', async (_name, file, message) => {
    const { importFile, idOf, db } = await setup();
    const before = await dbSnapshot(db);
    for (const query of ['?dryRun=1', '?version=1']) {
      const problem = await expectProblem(await importFile(idOf(dates.politicas), file(), query), 400);
      expect(problem.title).toMatch(message);
    }
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('refuses another content type with 415', async () => {
    const { importFile, idOf, db } = await setup();
    const before = await dbSnapshot(db);
    for (const type of ['application/json', 'text/plain', 'multipart/form-data; boundary=x', '']) {
      await expectProblem(await importFile(idOf(dates.politicas), fixture('meta-en-comma-bom.csv'), '?dryRun=1', { contentType: type }), 415);
    }
    expect((await importFile(idOf(dates.politicas), fixture('meta-en-comma-bom.csv'), '?dryRun=1', { contentType: 'text/csv; charset=utf-8' })).status).toBe(200);
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('takes files over the API-wide 1 MB limit (a 2 MB export is imported)', async () => {
    const { importFile, idOf } = await setup();
    const lines = ['Title,Publish time,3-second video views,1-minute video views,Reach', 'Foro Virtual de Participación: Políticas Públicas,06/22/2022 10:00,236,47,650'];
    for (let i = 0, size = 0; size < 2 * 1024 * 1024; i++) {
      const line = `Video de relleno número ${i} con un título largo para ocupar espacio en el archivo,01/01/2021 10:00,10,1,20`;
      lines.push(line);
      size += line.length + 1;
    }
    const file = new TextEncoder().encode(lines.join('\n'));
    expect(file.length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await importFile(idOf(dates.politicas), file, '?dryRun=1');
    expect(res.status).toBe(200);
    const preview = (await res.json()) as MetricsImportResponse;
    expect(preview.selectedRow).toEqual({ rowNumber: 2, matchedBy: 'title' });
    expect(preview.rows.length).toBe(lines.length - 1);
  });

  it('refuses a body over 6 MB with 413 (streamed or announced), and over 5 MB with the parser’s 400', async () => {
    const { importFile, idOf, db } = await setup();
    const before = await dbSnapshot(db);
    const big = new Uint8Array(6 * 1024 * 1024 + 1).fill(0x41);
    const streamed = await expectProblem(await importFile(idOf(dates.politicas), big, '?dryRun=1'), 413);
    expect(streamed.title).toBe('El archivo es demasiado grande (máximo 6 MB).');
    const announced = await importFile(idOf(dates.politicas), 'Title\nx\n', '?dryRun=1', { headers: { 'content-length': String(7 * 1024 * 1024) } });
    await expectProblem(announced, 413);
    const between = await expectProblem(await importFile(idOf(dates.politicas), new Uint8Array(5.5 * 1024 * 1024).fill(0x41), '?dryRun=1'), 400);
    expect(between.title).toMatch(/5 MB/);
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('refuses a stale or missing version with 409 and the current metrics', async () => {
    const { importFile, getMetrics, idOf, db } = await setup();
    const id = idOf(dates.politicas);
    const current = await getMetrics(id);
    const before = await dbSnapshot(db);
    for (const query of ['?version=0', '?version=2', '', '?dryRun=0']) {
      const problem = await expectProblem(await importFile(id, fixture('meta-en-comma-bom.csv'), query), 409);
      expect(problem.current).toEqual(current);
    }
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('refuses bad query parameters with 400, a reviewer with 403, anonymous with 401, a missing forum with 404', async () => {
    const { importFile, idOf, db, reviewer } = await setup();
    const id = idOf(dates.politicas);
    const before = await dbSnapshot(db);
    await expectValidationProblem(await importFile(id, fixture('meta-en-comma-bom.csv'), '?dryRun=yes'), ['dryRun']);
    await expectValidationProblem(await importFile(id, fixture('meta-en-comma-bom.csv'), '?version=uno'), ['version']);
    await expectValidationProblem(await importFile(id, fixture('meta-en-comma-bom.csv'), '?row=1'), ['row']);
    await expectValidationProblem(await importFile(id, fixture('meta-en-comma-bom.csv'), '?version=1&acknowledge=interactions-sum,otra'), ['acknowledge.1']);
    await expectValidationProblem(await importFile(id, fixture('meta-en-comma-bom.csv'), '?dryRun=1&force=1'), ['force']);
    await expectProblem(await importFile(id, fixture('meta-en-comma-bom.csv'), '?dryRun=1', { cookie: reviewer }), 403);
    await expectProblem(await importFile(id, fixture('meta-en-comma-bom.csv'), '?dryRun=1', { cookie: undefined }), 401);
    await expectProblem(await importFile(9999, fixture('meta-en-comma-bom.csv'), '?dryRun=1'), 404);
    expect(await dbSnapshot(db)).toEqual(before);
  });
});

describe('GET /api/metrics?year=YYYY', () => {
  it('lists the year’s forums in date order with their snapshots; previous is null when that year has no forums', async () => {
    const { call, reviewer, idOf } = await setup();
    const res = await call('GET', '/api/metrics?year=2022', { cookie: reviewer });
    expect(res.status).toBe(200);
    const year = (await res.json()) as YearMetrics;
    expect(year.year).toBe(2022);
    expect(year.previous).toBeNull();
    expect(year.forums.map((f) => f.date)).toEqual([dates.politicas, dates.mipg, dates.causas]);
    for (const forum of year.forums) {
      expect(forum).toMatchObject({ id: idOf(forum.date!), platform: 'facebook_live' });
      expect(forum.title).toMatch(/^Foro Virtual de Participación/);
      expect(forum.metrics).toEqual(demoMetrics2022[forum.date!]);
    }
  });

  it('gives the previous year when it has forums, and null metrics for a forum without them', async () => {
    const { call, editor } = await setup();
    const created = await call('POST', '/api/forums', { cookie: editor, body: validForum({ title: 'Foro 2023', year: 2023, date: '2023-03-01' }) });
    expect(created.status).toBe(201);
    const year = (await (await call('GET', '/api/metrics?year=2023', { cookie: editor })).json()) as YearMetrics;
    expect(year.forums).toEqual([{ id: (await created.json()).id, title: 'Foro 2023', date: '2023-03-01', platform: validForum().platform, metrics: null }]);
    expect(year.previous!.year).toBe(2022);
    expect(year.previous!.forums).toHaveLength(3);
    const empty = (await (await call('GET', '/api/metrics?year=2030', { cookie: editor })).json()) as YearMetrics;
    expect(empty).toEqual({ year: 2030, forums: [], previous: null });
  });

  it.each(['', '?year=1999', '?year=2101', '?year=abc', '?year=2022.5', '?year=2022&x=1'])('refuses %j with 400', async (query) => {
    const { call, editor } = await setup();
    await expectValidationProblem(await call('GET', `/api/metrics${query}`, { cookie: editor }));
  });

  it('refuses anonymous with 401', async () => {
    const { call } = await setup();
    await expectProblem(await call('GET', '/api/metrics?year=2022'), 401);
  });
});

describe('deleting a forum', () => {
  it('deletes its metrics with it', async () => {
    const { call, editor, idOf, db } = await setup();
    const id = idOf(dates.mipg);
    expect(await db.selectFrom('forum_metrics').select('forum_id').where('forum_id', '=', id).execute()).toHaveLength(1);
    expect((await call('DELETE', `/api/forums/${id}`, { cookie: editor })).status).toBe(204);
    expect(await db.selectFrom('forum_metrics').select('forum_id').where('forum_id', '=', id).execute()).toEqual([]);
    await expectProblem(await call('GET', `/api/forums/${id}/metrics`, { cookie: editor }), 404);
    const year = (await (await call('GET', '/api/metrics?year=2022', { cookie: editor })).json()) as YearMetrics;
    expect(year.forums.map((f) => f.date)).toEqual([dates.politicas, dates.causas]);
  });

  it('leaves no orphan even on a connection without foreign keys', async () => {
    const { call, editor, idOf, db } = await setup();
    if (testEngine === 'postgres') {
      // PostgreSQL has no per-connection switch: the metrics' foreign key goes instead.
      await sql`do $$ declare k text; begin
        for k in select conname from pg_constraint where conrelid = cast('forum_metrics' as regclass) and contype = 'f' loop
          execute format('alter table forum_metrics drop constraint %I', k);
        end loop; end $$`.execute(db);
    } else await sql`PRAGMA foreign_keys = OFF`.execute(db);
    expect((await call('DELETE', `/api/forums/${idOf(dates.causas)}`, { cookie: editor })).status).toBe(204);
    expect(await db.selectFrom('forum_metrics').select('forum_id').where('forum_id', '=', idOf(dates.causas)).execute()).toEqual([]);
  });
});
