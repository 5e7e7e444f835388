import type { Kysely, Transaction } from 'kysely';
import type { AuditAction, AuditEntry } from '../domain/audit';
import type { Database } from './schema';
import { fromJson } from './json-column';

type Db = Kysely<Database> | Transaction<Database>;

export async function writeAudit(
  db: Db,
  entry: { at: string; userId: number | null; username: string; action: AuditAction; entity: string; entityId: number | null; changes: string[] },
) {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      user_id: entry.userId,
      username: entry.username,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      changes: JSON.stringify(entry.changes),
    })
    .execute();
}

export async function auditFor(db: Db, entity: string, entityId: number): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    username: r.username,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    changes: fromJson(r.changes),
  }));
}
