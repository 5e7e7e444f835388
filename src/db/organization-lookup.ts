import type { Kysely, Transaction } from 'kysely';
import type { OrganizationSummary } from '../domain/organization';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The organisations table is the installation's (not scoped): these lookups run on the root database — the public
 * routes find their organisation by slug, a session names its organisation.
 */
export async function findOrganizationBySlug(root: Db, slug: string): Promise<OrganizationSummary | undefined> {
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return undefined;
  return root.selectFrom('organizations').select(['id', 'name', 'acronym', 'slug', 'logo']).where('slug', '=', slug).where('active', '=', 1).executeTakeFirst();
}

export async function findOrganizationById(root: Db, id: number): Promise<(OrganizationSummary & { timeZone: string; active: boolean; logo: string | null }) | undefined> {
  const row = await root.selectFrom('organizations').select(['id', 'name', 'acronym', 'slug', 'time_zone', 'active', 'logo']).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, name: row.name, acronym: row.acronym, slug: row.slug, timeZone: row.time_zone, active: row.active === 1, logo: row.logo };
}
