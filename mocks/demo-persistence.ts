import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema';
import type { SqlJsDatabase } from '../src/db/sqljs-database';
import { showDemoBanner, showWaitingForOtherTab } from './demo-banner';
import { demoStorage } from './demo-storage';
import type { HandlerOptions } from './handlers';

const storageRefused =
  'Este navegador no deja guardar los datos de la demostración (modo privado, almacenamiento lleno o bloqueado): puede seguir usándola, pero los cambios se perderán al recargar la página.';

/** The demo's accounts (made by the same bootstrap as the server's demo), shown in the banner. */
const demoAccounts = ['admin', 'editora', 'revisor'];

/**
 * One tab at a time: each tab runs its own copy of the database, and two writers would overwrite each other's
 * saves. The first tab holds a Web Lock while it lives; another waits, saying why, and starts when it is released.
 */
async function oneTabAtATime(): Promise<void> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return; // no Web Locks (an old browser, or a page not served over HTTPS or from localhost)
  await new Promise<void>((acquired) => {
    let hide: (() => void) | null = null;
    const hold = async () => {
      hide?.();
      acquired();
      await new Promise(() => undefined); // held until the tab closes or reloads
    };
    void locks.request('foros-demo', { ifAvailable: true }, async (lock) => {
      if (lock) return hold();
      hide = showWaitingForOtherTab();
      void locks.request('foros-demo', hold);
    });
  });
}

/** Opens the saved demo (or none): the tab's turn, the banner, and what this browser kept. */
export async function openDemo(password: string) {
  await oneTabAtATime();
  let resetting = false;
  const banner = showDemoBanner({
    accounts: demoAccounts,
    password,
    onReset: async () => {
      resetting = true;
      await demoStorage.clear().catch(() => undefined);
      window.location.assign('/');
    },
  });
  let saved: Awaited<ReturnType<typeof demoStorage.load>> = null;
  let storageWorks = true;
  try {
    saved = await demoStorage.load();
  } catch {
    storageWorks = false;
    banner.setStatus(storageRefused);
  }

  /** After each answer: the database and the cookie saved when either changed (no write, no save). */
  const persistAfterEachAnswer = (db: Kysely<Database>, file: SqlJsDatabase): HandlerOptions => {
    let savedChanges = file.totalChanges();
    let savedCookies = JSON.stringify(saved?.cookies ?? []);
    let queue = Promise.resolve();
    return {
      cookies: saved?.cookies ?? [],
      afterAnswer: (jar) =>
        (queue = queue.then(async () => {
          const cookies = [...jar];
          if (!storageWorks || resetting) return;
          if (file.totalChanges() === savedChanges && JSON.stringify(cookies) === savedCookies) return;
          // Through Kysely's one connection: no transaction is open while sql.js closes and reopens the file.
          const bytes = await db.connection().execute(async () => {
            const exported = file.exportBytes();
            savedChanges = file.totalChanges();
            return exported;
          });
          try {
            await demoStorage.save({ db: bytes, cookies });
            savedCookies = JSON.stringify(cookies);
          } catch {
            storageWorks = false;
            banner.setStatus(storageRefused);
          }
        })),
    };
  };
  return { savedDb: saved?.db, persistAfterEachAnswer };
}
