import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { engineOf, tableNames } from '../../src/db/engine';
import { forOrganization, organizationOf, organizationTables, unscoped } from '../../src/db/org-scope';
import { getForum, insertForum, listForums, updateForum, deleteForum } from '../../src/db/forum-queries';
import { getPublication, savePublication } from '../../src/db/publication-queries';
import { defaultPublicationSettings } from '../../src/domain/publication';
import type { Database } from '../../src/db/schema';
import { freshTestDatabase } from '../support/test-api';
import { validForum } from '../support/api-assertions';

/** The organisation scope (src/db/org-scope.ts) on the suite's engine: two organisations, one database. */
async function twoOrganizations() {
  const root = await freshTestDatabase();
  await root.insertInto('organizations').values({ name: 'Entidad Beta', slug: 'beta', created_at: new Date().toISOString() }).execute();
  const beta = (await root.selectFrom('organizations').select('id').where('slug', '=', 'beta').executeTakeFirstOrThrow()).id;
  return { root, a: forOrganization(root, 1), b: forOrganization(root, beta), beta };
}

const now = '2026-12-01T10:00:00.000Z';

async function columnsOf(db: Kysely<Database>, table: string): Promise<string[]> {
  const { rows } =
    engineOf(db) === 'postgres'
      ? await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(db)
      : await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return rows.map((r) => r.name);
}

describe('the organisation scope', () => {
  it('every table either carries organization_id and is scoped, or is one of the installation’s own', async () => {
    const { root } = await twoOrganizations();
    const carrying: string[] = [];
    const global: string[] = [];
    for (const table of await tableNames(root)) ((await columnsOf(root, table)).includes('organization_id') ? carrying : global).push(table);
    expect(carrying.sort()).toEqual([...organizationTables].sort());
    expect(global.sort()).toEqual(['login_attempts', 'organizations', 'rate_counters', 'sessions']);
  });

  it('inserts write the scope’s organisation; reads, joins, subqueries, updates and deletes see only its rows', async () => {
    const { root, a, b, beta } = await twoOrganizations();
    const mine = await insertForum(a, validForum({ title: 'Foro de Alfa', year: 2030 }), 'x', now);
    const theirs = await insertForum(b, validForum({ title: 'Foro de Beta', year: 2030 }), 'x', now);
    const owners = await root.selectFrom('forums').select(['id', 'organization_id']).where('id', 'in', [mine, theirs]).orderBy('id').execute();
    expect(owners.map((o) => Number(o.organization_id))).toEqual([1, beta]);
    // The forum's questions (a child table) follow their forum's organisation.
    expect((await root.selectFrom('forum_questions').select('organization_id').where('forum_id', '=', theirs).execute()).every((q) => Number(q.organization_id) === beta)).toBe(true);

    expect(await getForum(a, theirs)).toBeUndefined();
    expect((await getForum(b, theirs))?.title).toBe('Foro de Beta');
    // The list is a compiled query (compiled-query.ts): one cached SQL, each call with its own organisation.
    for (let i = 0; i < 2; i++) {
      expect((await listForums(a, { year: 2030 })).items.map((f) => f.title)).toEqual(['Foro de Alfa']);
      expect((await listForums(b, { year: 2030 })).items.map((f) => f.title)).toEqual(['Foro de Beta']);
    }
    // A join and a subquery through A's scope never reach B's rows.
    const joined = await a.selectFrom('forum_questions as q').innerJoin('forums as f', 'f.id', 'q.forum_id').select('f.id').where('f.id', '=', theirs).execute();
    expect(joined).toEqual([]);
    const left = await unscoped(a).selectFrom('forums').leftJoin('forum_questions', 'forum_questions.forum_id', 'forums.id').select('forums.id').where('forums.id', '=', theirs).execute();
    expect(left.length).toBeGreaterThan(0);
    const sub = await b.selectFrom('forums').select('id').where('id', 'in', a.selectFrom('forums').select('id')).execute();
    expect(sub).toEqual([]);
    // A write aimed at B's row from A changes nothing.
    expect(await updateForum(a, theirs, 1, validForum({ title: 'Robado' }), 'x', now)).toBe(false);
    expect(await deleteForum(a, theirs)).toBe(false);
    expect((await getForum(b, theirs))?.title).toBe('Foro de Beta');
  });

  it('keys unique per organisation: both organisations save settings for the same year', async () => {
    const { a, b } = await twoOrganizations();
    expect(await savePublication(a, 2031, 0, defaultPublicationSettings('Alfa'), 'x', now)).toBe(true);
    expect(await savePublication(b, 2031, 0, defaultPublicationSettings('Beta'), 'x', now)).toBe(true);
    // The second insert of the same organisation and year is refused as before (0 = none stored yet).
    expect(await savePublication(b, 2031, 0, defaultPublicationSettings('Beta otra vez'), 'x', now)).toBe(false);
    expect((await getPublication(a, 2031)).settings.entityName).toBe('Alfa');
    expect((await getPublication(b, 2031)).settings.entityName).toBe('Beta');
  });

  it('a transaction keeps the scope; a scoped database cannot be re-scoped to another organisation', async () => {
    const { a, b, beta } = await twoOrganizations();
    await insertForum(b, validForum({ title: 'Solo de Beta', year: 2032 }), 'x', now);
    const seen = await a.transaction().execute((tx) => tx.selectFrom('forums').select('title').where('year', '=', 2032).execute());
    expect(seen).toEqual([]);
    expect(organizationOf(a)).toBe(1);
    expect(organizationOf(b)).toBe(beta);
    expect(() => forOrganization(a, beta)).toThrow();
    expect(forOrganization(a, 1)).toBe(a);
    await expect(a.insertInto('areas').values({ name: 'x', organization_id: beta } as never).execute()).rejects.toThrow(/organization_id/);
  });
});
