import type { Compilable, CompiledQuery, Kysely, Transaction } from 'kysely';
import type { Database } from './schema';
import { engineOf } from './engine';

type Db = Kysely<Database> | Transaction<Database>;

/** Stands for the i-th value while a query shape is compiled; replaced by the real value on every run. */
class Slot {
  constructor(readonly index: number) {}
}

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
 */
export function compiledQuery<Shape, Values extends unknown[], Row>(build: (db: Db, shape: Shape, ...values: Values) => Compilable<Row>, key: (shape: Shape) => string) {
  const compiled = new Map<string, CompiledQuery<Row>>();
  return async (db: Db, shape: Shape, ...values: Values): Promise<Row[]> => {
    const name = `${engineOf(db)}:${key(shape)}`;
    let query = compiled.get(name);
    if (!query) {
      query = build(db, shape, ...(values.map((_, i) => new Slot(i)) as Values)).compile();
      if (compiled.size >= 64) compiled.clear();
      compiled.set(name, query);
    }
    const parameters = query.parameters.map((p) => (p instanceof Slot ? values[p.index] : p));
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}

/** A query with one shape: only its values change. */
export function fixedQuery<Values extends unknown[], Row>(build: (db: Db, ...values: Values) => Compilable<Row>) {
  const run = compiledQuery((db, _shape: null, ...values: Values) => build(db, ...values), () => '');
  return (db: Db, ...values: Values) => run(db, null, ...values);
}
