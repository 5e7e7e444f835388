import { describe, expect, it } from 'vitest';
import { createTestApi, testEngine } from '../support/test-api';
import { expectProblem, validForum } from '../support/api-assertions';
import type { Forum } from '../../src/domain/forum';

/**
 * Two people save the same record at the same moment, from the same version. On SQLite the one connection runs one
 * transaction at a time; on PostgreSQL (project `postgres`) the requests run on different connections of the pool at
 * once, and the write path's lock (src/db/engine.ts, lockForWrite) must still let exactly one of them through.
 */
describe(`concurrent saves of one record (${testEngine})`, () => {
  async function setup() {
    const api = await createTestApi();
    const editor = await api.login('editora');
    const admin = await api.login('admin');
    const created = await api.call('POST', '/api/forums', { cookie: editor, body: validForum() });
    expect(created.status).toBe(201);
    return { ...api, editor, admin, forum: (await created.json()) as Forum };
  }

  it('two saves from the same version: one 200, one 409 with the record the other saved; the audit has one update', async () => {
    const { call, db, editor, admin, forum } = await setup();
    const [a, b] = await Promise.all([
      call('PUT', `/api/forums/${forum.id}`, { cookie: editor, body: { ...validForum({ title: 'Guardado por la editora' }), version: 1 } }),
      call('PUT', `/api/forums/${forum.id}`, { cookie: admin, body: { ...validForum({ title: 'Guardado por la administración' }), version: 1 } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    const saved = (await won.json()) as Forum;
    const problem = await expectProblem(lost, 409);
    expect(problem.current).toEqual(saved);
    expect(saved.version).toBe(2);
    const stored = (await (await call('GET', `/api/forums/${forum.id}`, { cookie: editor })).json()) as Forum;
    expect(stored).toEqual(saved);
    const updates = await db.selectFrom('audit_log').select('id').where('entity', '=', 'forum').where('entity_id', '=', forum.id).where('action', '=', 'update').execute();
    expect(updates).toHaveLength(1);
  });

  it('eight saves from the same version at once: exactly one is saved, the other seven are told who won', async () => {
    const { call, editor, forum } = await setup();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call('PUT', `/api/forums/${forum.id}`, { cookie: editor, body: { ...validForum({ title: `Versión ${i + 1}` }), version: 1 } })),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    const winner = (await answers[statuses.indexOf(200)].json()) as Forum;
    const stored = (await (await call('GET', `/api/forums/${forum.id}`, { cookie: editor })).json()) as Forum;
    expect(stored).toMatchObject({ title: winner.title, version: 2 });
  });
});
