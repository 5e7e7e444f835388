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
  const row = await root.selectFrom('organizations').select(['id', 'name', 'acronym', 'slug', 'time_zone', 'logo']).where('slug', '=', slug).where('active', '=', 1).executeTakeFirst();
  return row && { id: row.id, name: row.name, acronym: row.acronym, slug: row.slug, timeZone: row.time_zone, logo: row.logo };
}

export async function findOrganizationById(root: Db, id: number): Promise<(OrganizationSummary & { active: boolean; logo: string | null }) | undefined> {
  const row = await root.selectFrom('organizations').select(['id', 'name', 'acronym', 'slug', 'time_zone', 'active', 'logo']).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, name: row.name, acronym: row.acronym, slug: row.slug, timeZone: row.time_zone, active: row.active === 1, logo: row.logo };
}

/** Every organisation's id and time zone (active or not): for work done per organisation, like the retention purge. */
export async function organizationTimeZones(root: Db): Promise<{ id: number; timeZone: string }[]> {
  const rows = await root.selectFrom('organizations').select(['id', 'time_zone']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, timeZone: r.time_zone }));
}

/** An organisation's time zone (the first organisation's, for the public addresses without a slug). */
export async function organizationTimeZone(root: Db, id: number): Promise<string | undefined> {
  const row = await root.selectFrom('organizations').select('time_zone').where('id', '=', id).executeTakeFirst();
  return row?.time_zone;
}
