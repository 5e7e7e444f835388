import type { Kysely, Transaction } from 'kysely';
import { defaultPublicationSettings, publicationSettingsSchema, type PublicationSettings, type PublishedReportSummary } from '../domain/publication';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface PublicationRecord {
  year: number;
  settings: PublicationSettings;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The year's settings, or the defaults (nothing public, version 0) when the office never saved any. */
export async function getPublication(db: Db, year: number): Promise<PublicationRecord> {
  const row = await db.selectFrom('publication_settings').selectAll().where('year', '=', year).executeTakeFirst();
  if (!row) return { year, settings: defaultPublicationSettings(), version: 0, updatedAt: null, updatedBy: null };
  return { year, settings: parsedSettings(row.settings), version: row.version, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

/**
 * The stored settings' text, parsed: stored settings were validated when written; parsing again keeps an older
 * row's missing field at its default. Every public page and vote reads them (several times), so the parse of
 * the last texts seen is kept, frozen (the same text always parses the same).
 */
const parsedTexts = new Map<string, PublicationSettings>();
function parsedSettings(text: string): PublicationSettings {
  const kept = parsedTexts.get(text);
  if (kept) return kept;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = {};
  }
  const parsed = publicationSettingsSchema.safeParse({ ...defaultPublicationSettings(), ...(raw as object) });
  const settings = parsed.success ? parsed.data : defaultPublicationSettings();
  deepFreeze(settings);
  if (parsedTexts.size >= 32) parsedTexts.delete(parsedTexts.keys().next().value!);
  parsedTexts.set(text, settings);
  return settings;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}

/** Saves the settings if the stored version is still `expectedVersion` (0: none stored yet). False when it moved on. */
export async function savePublication(db: Db, year: number, expectedVersion: number, settings: PublicationSettings, by: string, now: string): Promise<boolean> {
  const json = JSON.stringify(settings);
  if (expectedVersion === 0) {
    const inserted = await db
      .insertInto('publication_settings')
      .values({ year, settings: json, version: 1, updated_at: now, updated_by: by })
      .onConflict((oc) => oc.column('year').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db
    .updateTable('publication_settings')
    .set({ settings: json, version: expectedVersion + 1, updated_at: now, updated_by: by })
    .where('year', '=', year)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

const summaryColumns = ['number', 'sha256', 'bytes', 'published_at', 'published_by'] as const;
const toSummary = (row: { number: number; sha256: string; bytes: number; published_at: string; published_by: string }): PublishedReportSummary => ({
  number: row.number,
  sha256: row.sha256,
  bytes: row.bytes,
  publishedAt: row.published_at,
  publishedBy: row.published_by,
});

/** The year's published report versions, newest first. */
export async function listPublishedReports(db: Db, year: number): Promise<PublishedReportSummary[]> {
  const rows = await db.selectFrom('published_reports').select(summaryColumns).where('year', '=', year).orderBy('number', 'desc').execute();
  return rows.map(toSummary);
}

/** The newest published version with its snapshot (the exact stored text), or undefined. */
export async function latestPublishedReport(db: Db, year: number): Promise<(PublishedReportSummary & { snapshot: string }) | undefined> {
  const row = await db.selectFrom('published_reports').select([...summaryColumns, 'snapshot']).where('year', '=', year).orderBy('number', 'desc').limit(1).executeTakeFirst();
  return row ? { ...toSummary(row), snapshot: row.snapshot } : undefined;
}

/** Stores published version `number` of the year (the caller read the last number in the same transaction; the unique index refuses a duplicate). */
export async function insertPublishedReport(db: Db, row: { year: number; number: number; snapshot: string; sha256: string; bytes: number; by: string; now: string }): Promise<void> {
  await db
    .insertInto('published_reports')
    .values({ year: row.year, number: row.number, snapshot: row.snapshot, sha256: row.sha256, bytes: row.bytes, published_at: row.now, published_by: row.by })
    .execute();
}
