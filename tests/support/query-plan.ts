import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest } from '../../src/db/migrations';
import type { Database } from '../../src/db/schema';

export interface LoggedStatement {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * A migrated in-memory SQLite database without statistics (a new installation) whose statements are logged, for the
 * list-plan tests: `run` gets the database, the statements logged since `reset()`, and `plan(s)`, SQLite's
 * `explain query plan` of a logged statement (its details, in order).
 */
export async function withPlannedDatabase(
  run: (t: { db: Kysely<Database>; statements: LoggedStatement[]; reset: () => void; plan: (s: LoggedStatement) => string[] }) => Promise<void>,
): Promise<void> {
  const sqlite = new BetterSqlite3(':memory:');
  const statements: LoggedStatement[] = [];
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log: (event) => void statements.push(event.query) });
  try {
    await migrateToLatest(db);
    statements.length = 0;
    const plan = (s: LoggedStatement) => (sqlite.prepare(`explain query plan ${s.sql}`).all(...(s.parameters as unknown[])) as { detail: string }[]).map((row) => row.detail);
    await run({ db, statements, reset: () => void (statements.length = 0), plan });
  } finally {
    await db.destroy();
  }
}
