import type { Compilable, CompiledQuery, Kysely, Transaction } from 'kysely';
import type { Database } from './schema';
import { engineOf } from './engine';
import { OrganizationSlot, organizationScopeOf, withOrganizationSlot } from './org-scope';

type Db = Kysely<Database> | Transaction<Database>;

/** Stands for the i-th value while a query shape is compiled; replaced by the real value on every run. */
class Slot {
  constructor(readonly index: number) {}
}

const organizationSlot = new OrganizationSlot();

/**
 * A query whose SQL is built and compiled once per shape, then run with each call's values. Kysely builds an
 * immutable tree and compiles it to SQL on every call; for the forum list that cost about as much as the two
 * statements themselves.
 *
 * - `shape` is whatever changes the SQL text (which filters are present, the sort column): `build` gets it as is,
 *   and `key(shape)` names it; calls with the same key share one compiled query (a handful per query).
 * - `values` reach `build` as stand-ins, so `build` must hand each one to Kysely as a value (where, limit,
 *   offset, sql`${}`) and never test or compute with it; every call then runs the compiled SQL with its values.
 *
 * The SQL is compiled per engine (SQLite's `?` and PostgreSQL's `$1`, their quoting and functions): the cache key is
 * the engine and the shape's key, so one process may hold databases of both engines (the bench does).
 *
 * On a database scoped to an organisation (org-scope.ts) the scope's `organization_id = ?` is compiled with a slot
 * too, filled from the database each call runs on: one cached query serves every organisation, never with the
 * organisation it was first compiled for. Scoped and root databases compile apart (their SQL differs).
 */
export function compiledQuery<Shape, Values extends unknown[], Row>(build: (db: Db, shape: Shape, ...values: Values) => Compilable<Row>, key: (shape: Shape) => string) {
  const compiled = new Map<string, CompiledQuery<Row>>();
  return async (db: Db, shape: Shape, ...values: Values): Promise<Row[]> => {
    const scope = organizationScopeOf(db);
    const name = `${engineOf(db)}:${scope ? 'org' : 'root'}:${key(shape)}`;
    let query = compiled.get(name);
    if (!query) {
      const compileDb = scope ? (withOrganizationSlot(db, organizationSlot) as Db) : db;
      query = build(compileDb, shape, ...(values.map((_, i) => new Slot(i)) as Values)).compile();
      if (compiled.size >= 64) compiled.clear();
      compiled.set(name, query);
    }
    const parameters = query.parameters.map((p) => (p instanceof Slot ? values[p.index] : p === organizationSlot ? scope!.organizationId : p));
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}

/** A query with one shape: only its values change. */
export function fixedQuery<Values extends unknown[], Row>(build: (db: Db, ...values: Values) => Compilable<Row>) {
  const run = compiledQuery((db, _shape: null, ...values: Values) => build(db, ...values), () => '');
  return (db: Db, ...values: Values) => run(db, null, ...values);
}
