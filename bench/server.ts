import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openNodeDatabase } from '../src/db/node-driver';
import type { Database } from '../src/db/schema';
import { startServer, type RunningServer } from '../src/server/start-server';

export const benchAdminPassword = 'clave-de-benchmark-2026';
export const benchIterations = 1000;
/**
 * The benches time thousands of reads a second by one account: far over the default limit of 1 200 a minute, so they
 * raise it (FOROS_READS_PER_MINUTE / readsPerMinute). The limit's cost stays in what they measure: the reads are
 * still counted, one database write per block of 100.
 */
export const benchReadsPerMinute = '1000000000';

/** A temporary SQLite file that the bench seeds, serves and removes. */
export interface BenchWorkspace {
  dir: string;
  dbFile: string;
  cleanup: () => void;
}

export function createWorkspace(): BenchWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'foros-bench-'));
  let removed = false;
  return {
    dir,
    dbFile: join(dir, 'foros-bench.sqlite'),
    cleanup: () => {
      if (removed) return;
      removed = true;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the file directly (migrated), hands it to `fill`, then closes it so the server can open it. */
export async function withDatabase<T>(dbFile: string, fill: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const db = await openNodeDatabase(dbFile);
  try {
    return await fill(db);
  } finally {
    await db.destroy();
  }
}

export function startBenchServer(dbFile: string, distDir?: string, demo = false): Promise<RunningServer> {
  return startServer({ port: 0, dbFile, demo, adminPassword: benchAdminPassword, passwordIterations: benchIterations, distDir, logLevel: 'warn', readsPerMinute: Number(benchReadsPerMinute) });
}

/** Logs in over HTTP and returns the Cookie header value for later requests. */
export async function login(baseUrl: string, username = 'admin', password = benchAdminPassword): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(baseUrl).origin },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`El inicio de sesión de ${username} falló: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('El inicio de sesión no devolvió la cookie de sesión.');
  return cookie;
}
