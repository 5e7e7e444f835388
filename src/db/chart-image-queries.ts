import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

/**
 * The charts' PNGs kept in the database (0030, `chart_images`), through the organisation's scoped store: an
 * organisation reads and writes only its own. Keys are content hashes (src/api/chart-images.ts), so an entry is never
 * stale — only unused; the bound evicts the least recently used.
 */
type Db = Kysely<Database> | Transaction<Database>;

/** Keys per statement: far under SQLite's and PostgreSQL's parameter limits, and a few MB of PNG per insert at most. */
const chunk = 100;

const chunks = <T>(items: readonly T[], size = chunk): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Bytes as read back: better-sqlite3 and pg give a Buffer, sql.js a Uint8Array; the export wants a plain Uint8Array view. */
const bytesOf = (value: Uint8Array): Uint8Array => new Uint8Array(value.buffer, value.byteOffset, value.byteLength);

/** The stored PNGs of these keys (those that are stored). */
export async function readChartImages(db: Db, keys: readonly string[]): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  for (const part of chunks([...new Set(keys)])) {
    const rows = await db.selectFrom('chart_images').select(['key', 'png']).where('key', 'in', part).execute();
    for (const row of rows) found.set(row.key, bytesOf(row.png));
  }
  return found;
}

/** Which of these keys are stored (without reading the images). */
export async function storedChartImageKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(keys)])) {
    const rows = await db.selectFrom('chart_images').select('key').where('key', 'in', part).execute();
    for (const row of rows) found.add(row.key);
  }
  return found;
}

/** Stores these images (an image stored already — the same content drawn twice at once — only gets its time). */
export async function saveChartImages(db: Db, images: ReadonlyArray<{ key: string; png: Uint8Array }>, now: string): Promise<void> {
  const unique = [...new Map(images.map((image) => [image.key, image])).values()];
  for (const part of chunks(unique, 20)) {
    await db
      .insertInto('chart_images')
      .values(part.map(({ key, png }) => ({ key, png, bytes: png.byteLength, used_at: now })))
      .onConflict((oc) => oc.column('key').doUpdateSet({ used_at: now }))
      .execute();
  }
}

/** Marks these images as used now (an export or a warm-up needed them): the last to be evicted. */
export async function touchChartImages(db: Db, keys: readonly string[], now: string): Promise<void> {
  for (const part of chunks([...new Set(keys)])) await db.updateTable('chart_images').set({ used_at: now }).where('key', 'in', part).execute();
}

/**
 * Keeps the organisation's images within `maxBytes`: the most recently used stay, the rest are deleted. An entry
 * that no export or warm-up has needed since its figures changed is, by then, among the least recently used.
 * Answers how many were deleted.
 */
export async function evictChartImages(db: Db, maxBytes: number): Promise<number> {
  const total = await db.selectFrom('chart_images').select((eb) => eb.fn.sum<number | string | null>('bytes').as('bytes')).executeTakeFirst();
  if (Number(total?.bytes ?? 0) <= maxBytes) return 0;
  const rows = await db.selectFrom('chart_images').select(['key', 'bytes']).orderBy('used_at', 'desc').orderBy('key').execute();
  let kept = 0;
  const out: string[] = [];
  for (const row of rows) {
    kept += Number(row.bytes);
    if (kept > maxBytes) out.push(row.key);
  }
  for (const part of chunks(out)) await db.deleteFrom('chart_images').where('key', 'in', part).execute();
  return out.length;
}
