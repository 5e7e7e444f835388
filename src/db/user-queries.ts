import type { Kysely, Transaction } from 'kysely';
import type { Role, User } from '../domain/user';
import type { Database, UsersTable } from './schema';
import { fixedQuery } from './compiled-query';

type Db = Kysely<Database> | Transaction<Database>;
type UserRow = Omit<UsersTable, 'id' | 'organization_id'> & { id: number; organization_id: number };

export interface UserWithHash extends User {
  passwordHash: string;
}

function fromRow(row: UserRow): UserWithHash {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    active: row.active === 1,
    createdAt: row.created_at,
    passwordHash: row.password_hash,
    organizationId: row.organization_id,
  };
}

export function withoutHash({ passwordHash: _hash, ...user }: UserWithHash): User {
  return user;
}

/**
 * The account that logs in with `username` (unique across the installation; run on the root database). An account
 * of a deactivated organisation reads as deactivated: it cannot log in.
 */
export async function findUserByUsername(db: Db, username: string): Promise<(UserWithHash & { accountActive: boolean; organizationActive: boolean }) | undefined> {
  const row = await db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .selectAll('users')
    .select('organizations.active as organization_active')
    .where('username', '=', username)
    .executeTakeFirst();
  return row && { ...fromRow(row), active: row.active === 1 && row.organization_active === 1, accountActive: row.active === 1, organizationActive: row.organization_active === 1 };
}

export async function findUserById(db: Db, id: number): Promise<UserWithHash | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map((r) => withoutHash(fromRow(r)));
}

/** Every account's display name by username (active or not: old histories name them too). */
export async function userDisplayNames(db: Db): Promise<Record<string, string>> {
  const rows = await db.selectFrom('users').select(['username', 'display_name']).execute();
  return Object.fromEntries(rows.map((r) => [r.username, r.display_name]));
}

export async function countUsers(db: Db): Promise<number> {
  const { n } = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

export async function insertUser(
  db: Db,
  user: { username: string; displayName: string; role: Role; passwordHash: string },
  now: string,
): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({ username: user.username, display_name: user.displayName, role: user.role, active: 1, password_hash: user.passwordHash, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateUser(db: Db, id: number, changes: { displayName?: string; role?: Role; active?: boolean; passwordHash?: string }) {
  const set: Partial<Omit<UsersTable, 'id' | 'organization_id'>> = {};
  if (changes.displayName !== undefined) set.display_name = changes.displayName;
  if (changes.role !== undefined) set.role = changes.role;
  if (changes.active !== undefined) set.active = changes.active ? 1 : 0;
  if (changes.passwordHash !== undefined) set.password_hash = changes.passwordHash;
  if (Object.keys(set).length === 0) return;
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

/** Active administrators of the organisation (a sysadmin is one of its organisation). */
export async function countActiveAdmins(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', 'in', ['admin', 'sysadmin'])
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function countActiveSysadmins(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'sysadmin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function insertSession(db: Db, tokenHash: string, userId: number, now: string, expiresAt: string) {
  await db.insertInto('sessions').values({ token_hash: tokenHash, user_id: userId, created_at: now, expires_at: expiresAt, last_seen_at: now }).execute();
}

const sessionUserQuery = fixedQuery((db: Db, tokenHash: string, now: string, idleSince: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .selectAll('users')
    .select(['sessions.expires_at as session_expires_at', 'organizations.time_zone as organization_time_zone', 'organizations.active as organization_active'])
    .select((eb) => eb.fn.coalesce('sessions.last_seen_at', 'sessions.created_at').as('last_seen'))
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where((eb) => eb.fn.coalesce('sessions.last_seen_at', 'sessions.created_at'), '>', idleSince)
    .where('users.active', '=', 1),
);

/**
 * The account of a live session (not expired — `expires_at` — nor idle since `idleSince`, account active) with when it
 * was last seen and when it ends, its organisation's time zone and whether the organisation is active: a deactivated
 * organisation's sessions end with it (the caller refuses them, saying why). Runs on every request (auth.ts): its SQL
 * is built and compiled once (compiled-query.ts), only the values change.
 */
export async function findSessionUser(
  db: Db,
  tokenHash: string,
  now: string,
  idleSince: string,
): Promise<(UserWithHash & { lastSeenAt: string; sessionExpiresAt: string; timeZone: string; organizationActive: boolean }) | undefined> {
  const [row] = await sessionUserQuery(db, tokenHash, now, idleSince);
  return row && { ...fromRow(row), lastSeenAt: row.last_seen, sessionExpiresAt: row.session_expires_at, timeZone: row.organization_time_zone, organizationActive: row.organization_active === 1 };
}

/** Notes a session's latest request (for the idle timeout). */
export async function touchSession(db: Db, tokenHash: string, now: string) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

/** Sessions past their absolute end are of no use: removed at each login. */
export async function deleteExpiredSessions(db: Db, now: string) {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteUserSessions(db: Db, userId: number) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
