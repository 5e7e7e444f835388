import type { Kysely, SqliteDatabase, SqliteStatement } from 'kysely';
import type { BindParams, Database as SqlJsDb, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import type { Database } from './schema';
import { createKysely } from './sqlite-database';
import { migrateToLatest } from './migrations';

/** Kysely gives plain JS values; sql.js binds bigint as text and rejects undefined, so normalise like better-sqlite3 would store them. */
function toSqlValue(value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError(`sql.js no puede guardar el entero ${value} sin perder precisión.`);
    }
    return Number(value);
  }
  return value as SqlValue;
}

function toBindParams(parameters: ReadonlyArray<unknown>): BindParams {
  return parameters.map(toSqlValue);
}

/**
 * One statement as Kysely's SqliteDialect expects it (the better-sqlite3 shape), over sql.js.
 * The sql.js statement lives in wasm memory, so it is freed after each execution and re-prepared
 * only if the same statement object is executed again (Kysely prepares once per query).
 */
class SqlJsStatement implements SqliteStatement {
  readonly reader: boolean;
  #stmt: Statement | null;

  constructor(
    private readonly owner: SqlJsDatabase,
    private readonly sql: string,
  ) {
    this.#stmt = owner.raw.prepare(sql);
    this.reader = this.#stmt.getColumnNames().length > 0;
  }

  #take(parameters: ReadonlyArray<unknown>): Statement {
    const stmt = this.#stmt ?? this.owner.raw.prepare(this.sql);
    this.#stmt = null;
    try {
      stmt.bind(toBindParams(parameters));
    } catch (error) {
      stmt.free();
      throw error;
    }
    return stmt;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    const stmt = this.#take(parameters);
    try {
      const rows: unknown[] = [];
      while (stmt.step()) rows.push(stmt.getAsObject());
      return rows;
    } finally {
      stmt.free();
    }
  }

  run(parameters: ReadonlyArray<unknown>): { changes: number; lastInsertRowid: number } {
    const before = this.owner.totalChanges();
    const stmt = this.#take(parameters);
    try {
      while (stmt.step()) {
        // A writer returns no rows; step until done so the statement completes.
      }
    } finally {
      stmt.free();
    }
    // Like better-sqlite3: DDL and pragmas report 0, not the count left over from the previous write.
    const changes = this.owner.totalChanges() === before ? 0 : this.owner.raw.getRowsModified();
    return { changes, lastInsertRowid: this.owner.lastInsertRowid() };
  }

  *iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    const stmt = this.#take(parameters);
    try {
      while (stmt.step()) yield stmt.getAsObject();
    } finally {
      stmt.free();
    }
  }
}

/**
 * A sql.js database (SQLite compiled to wasm; runs in the browser and in Node) made to look like
 * better-sqlite3, which is what Kysely's SqliteDialect talks to. Browser-safe: no Node imports.
 */
export class SqlJsDatabase implements SqliteDatabase {
  #lastRowid: Statement;
  #totalChanges: Statement;

  constructor(readonly raw: SqlJsDb) {
    this.#lastRowid = raw.prepare('select last_insert_rowid()');
    this.#totalChanges = raw.prepare('select total_changes()');
  }

  /**
   * The whole database as a SQLite file's bytes. sql.js closes and reopens the database to export it, freeing every
   * prepared statement and resetting pragmas: call it only between statements (through Kysely's connection, so no transaction is open).
   */
  exportBytes(): Uint8Array {
    const bytes = this.raw.export();
    // Reopened with SQLite's defaults: turn the foreign keys back on, as the migrations do at open.
    this.raw.run('PRAGMA foreign_keys = ON');
    this.#lastRowid = this.raw.prepare('select last_insert_rowid()');
    this.#totalChanges = this.raw.prepare('select total_changes()');
    return bytes;
  }

  prepare(sql: string): SqliteStatement {
    return new SqlJsStatement(this, sql);
  }

  close(): void {
    this.#lastRowid.free();
    this.#totalChanges.free();
    this.raw.close();
  }

  /** @internal */
  lastInsertRowid(): number {
    return this.#scalar(this.#lastRowid);
  }

  /** @internal */
  totalChanges(): number {
    return this.#scalar(this.#totalChanges);
  }

  #scalar(stmt: Statement): number {
    try {
      stmt.step();
      return Number(stmt.get()[0] ?? 0);
    } finally {
      stmt.reset();
    }
  }
}

/**
 * A fresh in-memory SQLite over an initialised sql.js module, wrapped in Kysely and migrated to the
 * latest schema. The caller loads sql.js (in the browser with the wasm URL from Vite; in Node with
 * its default file lookup).
 */
export async function openSqlJsDatabase(sqlJs: SqlJsStatic, bytes?: Uint8Array): Promise<Kysely<Database>> {
  return (await openSqlJs(sqlJs, bytes)).db;
}

/** The same, from a saved file's bytes when given, with the adapter (for `exportBytes`). */
export async function openSqlJs(sqlJs: SqlJsStatic, bytes?: Uint8Array): Promise<{ db: Kysely<Database>; file: SqlJsDatabase }> {
  const file = new SqlJsDatabase(new sqlJs.Database(bytes));
  const db = createKysely(file);
  await migrateToLatest(db);
  return { db, file };
}
