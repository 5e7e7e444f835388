import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `npm run backup -- FILE`: a consistent copy of the database (FOROS_DB, default ./data/foros.sqlite) into FILE,
 * taken with SQLite's online backup API while the server keeps running and writing. The copy is a complete
 * SQLite file (no -wal beside it): to restore, stop the server and put it in FOROS_DB's place.
 */
export async function backupDatabase(source: string, target: string, onProgress?: (copied: number, total: number) => void): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new Error(`No existe la base de datos ${source} (revise FOROS_DB).`);
  if (resolve(source) === resolve(target)) throw new Error('La copia no puede ir sobre la misma base de datos.');
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const db = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await db.backup(target, {
      progress: ({ totalPages: total, remainingPages }) => {
        onProgress?.(total - remainingPages, total);
        return 200;
      },
    });
    return { pages: totalPages };
  } finally {
    db.close();
  }
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const target = process.argv[2];
  const source = process.env.FOROS_DB ?? './data/foros.sqlite';
  if (!target) {
    console.error('Indique el archivo de la copia: npm run backup -- /ruta/copia-foros.sqlite');
    process.exit(2);
  }
  try {
    const started = Date.now();
    const { pages } = await backupDatabase(source, target);
    console.log(`Copia de ${source} en ${target}: ${pages} páginas en ${Date.now() - started} ms.`);
  } catch (error) {
    console.error(`No se pudo hacer la copia: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
