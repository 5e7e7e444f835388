import type { Kysely, Transaction } from 'kysely';
import type { Organization, OrganizationColors, OrganizationUpdate } from '../domain/organization-admin';
import type { Database } from './schema';

/**
 * The installation's organisations, for the system administrator (issue 15). Every query here runs on the root
 * (unscoped) database: the organisations table is the installation's, and the counts are per organisation.
 */
type Db = Kysely<Database> | Transaction<Database>;

function parseColors(text: string): OrganizationColors {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as OrganizationColors) : {};
  } catch {
    return {};
  }
}

function organizationQuery(root: Db) {
  return root
    .selectFrom('organizations as o')
    .selectAll('o')
    .select((eb) => [
      eb.selectFrom('users').select((e) => e.fn.countAll<number>().as('n')).whereRef('users.organization_id', '=', 'o.id').as('user_count'),
      eb.selectFrom('forums').select((e) => e.fn.countAll<number>().as('n')).whereRef('forums.organization_id', '=', 'o.id').as('forum_count'),
    ]);
}

type OrganizationRow = Awaited<ReturnType<ReturnType<typeof organizationQuery>['executeTakeFirstOrThrow']>>;

function fromRow(row: OrganizationRow): Organization {
  return {
    id: row.id,
    name: row.name,
    acronym: row.acronym,
    nit: row.nit,
    slug: row.slug,
    timeZone: row.time_zone,
    logo: row.logo,
    colors: parseColors(row.colors),
    active: row.active === 1,
    createdAt: row.created_at,
    version: row.version,
    users: Number(row.user_count ?? 0),
    forums: Number(row.forum_count ?? 0),
  };
}

/** Every organisation, by name, with how many accounts and forums each holds. */
export async function listOrganizations(root: Db): Promise<Organization[]> {
  const rows = await organizationQuery(root).orderBy('o.name').orderBy('o.id').execute();
  return rows.map(fromRow);
}

export async function getOrganization(root: Db, id: number): Promise<Organization | undefined> {
  const row = await organizationQuery(root).where('o.id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

/** The organisation that holds `slug`, if any (other than `exceptId`). */
export async function organizationWithSlug(root: Db, slug: string, exceptId?: number): Promise<number | undefined> {
  let query = root.selectFrom('organizations').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst())?.id;
}

/** Whether any organisation has an account named `username` (usernames are unique across the installation). */
export async function usernameTaken(root: Db, username: string): Promise<boolean> {
  return (await root.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}

export async function insertOrganization(root: Db, input: Omit<OrganizationUpdate, 'active' | 'version'>, now: string): Promise<number> {
  const { id } = await root
    .insertInto('organizations')
    .values({ name: input.name, acronym: input.acronym, nit: input.nit, slug: input.slug, time_zone: input.timeZone, logo: null, colors: JSON.stringify(input.colors), active: 1, created_at: now, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Saves the organisation if it is still at `version` (false: someone saved it since). */
export async function updateOrganization(root: Db, id: number, version: number, input: Omit<OrganizationUpdate, 'version'>): Promise<boolean> {
  const result = await root
    .updateTable('organizations')
    .set({
      name: input.name,
      acronym: input.acronym,
      nit: input.nit,
      slug: input.slug,
      time_zone: input.timeZone,
      colors: JSON.stringify(input.colors),
      ...(input.active === undefined ? {} : { active: input.active ? 1 : 0 }),
      version: version + 1,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends every session of the organisation's accounts (those it had when deactivated, as it is reactivated). */
export async function deleteOrganizationSessions(root: Db, id: number): Promise<void> {
  await root.deleteFrom('sessions').where('user_id', 'in', root.selectFrom('users').select('id').where('organization_id', '=', id)).execute();
}
