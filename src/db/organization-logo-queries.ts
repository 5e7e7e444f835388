import type { Kysely, Transaction } from 'kysely';
import { organizationIdOf, unscoped } from './org-scope';
import type { Database } from './schema';

/**
 * An organisation's uploaded logo (0028). The image is the organisation's data: read and written through its scope
 * (`forOrganization`); its hash is also kept on the organisations row (read on the root database by the session,
 * the lists and the public pages, without the image).
 */
type Db = Kysely<Database> | Transaction<Database>;

export interface StoredLogo {
  mediaType: string;
  sha256: string;
  size: number;
  /** base64 */
  data: string;
}

/** The scope's organisation's logo, if it has one. */
export async function getLogo(scoped: Db): Promise<StoredLogo | undefined> {
  const row = await scoped.selectFrom('organization_logos').select(['media_type', 'sha256', 'size', 'data']).executeTakeFirst();
  return row && { mediaType: row.media_type, sha256: row.sha256, size: Number(row.size), data: row.data };
}

/** Replaces the scope's organisation's logo (one row per organisation), and its hash on the organisations row. */
export async function saveLogo(scoped: Db, logo: StoredLogo, who: string, now: string): Promise<void> {
  await scoped.deleteFrom('organization_logos').execute();
  await scoped.insertInto('organization_logos').values({ media_type: logo.mediaType, sha256: logo.sha256, size: logo.size, data: logo.data, updated_at: now, updated_by: who }).execute();
  await unscoped(scoped).updateTable('organizations').set({ logo: logo.sha256 }).where('id', '=', organizationIdOf(scoped)).execute();
}

/** Removes the scope's organisation's logo; false when it had none. */
export async function deleteLogo(scoped: Db): Promise<boolean> {
  const result = await scoped.deleteFrom('organization_logos').executeTakeFirst();
  await unscoped(scoped).updateTable('organizations').set({ logo: null }).where('id', '=', organizationIdOf(scoped)).execute();
  return Number(result.numDeletedRows) > 0;
}
