/**
 * Where the static demo keeps its data: one IndexedDB record with the SQLite file's bytes and the session cookie,
 * written after each answer that changed either (never on a timer). When the browser refuses storage (private
 * mode, storage full, blocked), the demo goes on in memory and says so.
 */
export interface SavedDemo {
  db: Uint8Array;
  cookies: [string, string][];
}

const dbName = 'foros-demo';
const storeName = 'estado';
const key = 'actual';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB'));
  });
}

function open(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('Este navegador no tiene IndexedDB.'));
  const req = indexedDB.open(dbName, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(storeName);
  return request(req);
}

async function inStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    const tx = db.transaction(storeName, mode);
    const result = await request(work(tx.objectStore(storeName)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB'));
    });
    return result;
  } finally {
    db.close();
  }
}

export const demoStorage = {
  load: async (): Promise<SavedDemo | null> => ((await inStore('readonly', (s) => s.get(key))) as SavedDemo | undefined) ?? null,
  save: async (saved: SavedDemo): Promise<void> => void (await inStore('readwrite', (s) => s.put(saved, key))),
  clear: async (): Promise<void> => void (await inStore('readwrite', (s) => s.delete(key))),
};
