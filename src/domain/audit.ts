export const auditActions = ['create', 'update', 'delete', 'login', 'logout', 'password_reset', 'export', 'login_failed', 'login_throttled', 'publish'] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  id: number;
  at: string;
  username: string;
  action: AuditAction;
  entity: string;
  entityId: number | null;
  /** Which fields changed (updates), or a short description. */
  changes: string[];
}

/** An audit entry as a change returns it: the write path adds when and who (src/api/change.ts). */
export interface AuditDraft {
  action: AuditAction;
  entity: string;
  entityId: number | null;
  changes: string[];
}
