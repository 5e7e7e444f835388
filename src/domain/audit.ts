export const auditActions = ['create', 'update', 'delete', 'login', 'logout', 'password_reset', 'export', 'login_failed', 'login_throttled'] as const;
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
