import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDatabase } from 'kysely';
import type { Database } from './schema';

/**
 * Kysely's SQLite driver, but its transactions begin IMMEDIATE: they take SQLite's write lock at `begin` instead of
 * at their first write. With several server processes on one file (issue 15), a deferred transaction that read
 * (a version check) and then wrote after another process had committed failed at once with SQLITE_BUSY (a 500),
 * without waiting; an immediate one waits its turn (`busy_timeout`) and then reads what the other committed, so two
 * saves of one record from one version give one 200 and one 409. Within one process nothing changes: Kysely runs
 * one transaction at a time on its single connection anyway.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteDatabase) {
    super({ database });
  }

  override createDriver() {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

/**
 * Wraps any better-sqlite3-shaped database (better-sqlite3 in Node, the sql.js adapter in the browser)
 * in Kysely. The driver itself is chosen by the entry point; nothing here is Node-only.
 */
export function createKysely(database: SqliteDatabase): Kysely<Database> {
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect(database) });
}
