import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * A better-sqlite3-shaped database whose `prepare` keeps the last `max` prepared statements by SQL text, so a
 * query Kysely runs again (the same SQL with other parameters) skips SQLite's parse and plan. Kysely's SQLite
 * driver prepares every statement on every call; for the forum detail that re-preparation cost 4.4× the query.
 *
 * Safe because Kysely's SQLite driver runs one statement at a time on its single connection (a stream holds the
 * connection until it ends), and a statement keeps no state between runs. SQLite re-prepares a cached statement
 * by itself when the schema changes (migrations).
 */
export function withStatementCache(database: SqliteDatabase, max = 256): SqliteDatabase & { cachedStatements: () => number } {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare: (sql) => {
      const cached = statements.get(sql);
      if (cached) return cached;
      const statement = database.prepare(sql);
      // The app runs a few dozen distinct statements; past `max` the oldest prepared goes (Map keeps insertion order).
      if (statements.size >= max) statements.delete(statements.keys().next().value!);
      statements.set(sql, statement);
      return statement;
    },
    cachedStatements: () => statements.size,
  };
}
