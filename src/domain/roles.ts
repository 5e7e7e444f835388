/** Roles and what each may do; no schema library here, so the app shell stays small. */
/**
 * `sysadmin` (administrador del sistema, issue 15) is above `admin`: everything an organisation's administrator can
 * do in its own organisation, plus creating and changing organisations. Only a sysadmin makes another sysadmin.
 */
export const roles = ['sysadmin', 'admin', 'editor', 'reviewer'] as const;
export type Role = (typeof roles)[number];

/** What each role may do. The server enforces it on every route; the UI hides what is not allowed. */
export const permissions = {
  manageUsers: ['sysadmin', 'admin'],
  readForums: ['sysadmin', 'admin', 'editor', 'reviewer'],
  writeForums: ['sysadmin', 'admin', 'editor'],
  readAudit: ['sysadmin', 'admin', 'editor', 'reviewer'],
  writeMetrics: ['sysadmin', 'admin', 'editor'],
  readReports: ['sysadmin', 'admin', 'editor', 'reviewer'],
  writeReports: ['sysadmin', 'admin', 'editor'],
  reviewReports: ['sysadmin', 'admin', 'reviewer'],
  /** Recording a final export (the file the office files and signs): the people who produce the report. */
  exportFinalReports: ['sysadmin', 'admin', 'editor'],
  readConsultations: ['sysadmin', 'admin', 'editor', 'reviewer'],
  writeConsultations: ['sysadmin', 'admin', 'editor'],
  /** Questions as cases (Ley 1755): reviewers read, editors answer, admins configure terms and areas. */
  readQuestions: ['sysadmin', 'admin', 'editor', 'reviewer'],
  writeQuestions: ['sysadmin', 'admin', 'editor'],
  configure: ['sysadmin', 'admin'],
  /** The public «Participa» pages: what is published, and publishing the approved report. */
  managePublication: ['sysadmin', 'admin', 'editor'],
  /** The installation's organisations (entities) and their first administrators: the system administrator only. */
  manageOrganizations: ['sysadmin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role | undefined | null, permission: Permission): boolean {
  return role != null && (permissions[permission] as readonly Role[]).includes(role);
}

/** An administrator of its organisation: `admin`, or `sysadmin` (who is one in the organisation it belongs to). */
export function isAdminRole(role: Role | undefined | null): boolean {
  return role === 'admin' || role === 'sysadmin';
}

/** The roles `actor` may give an account (or take from one): everyone but a sysadmin, unless the actor is one. */
export function assignableRoles(actor: Role | undefined | null): readonly Role[] {
  if (actor === 'sysadmin') return roles;
  if (actor === 'admin') return roles.filter((role) => role !== 'sysadmin');
  return [];
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  createdAt: string;
  /** The organisation the account belongs to (issue 15): everything it sees and changes is that organisation's. */
  organizationId: number;
}

export type SessionUser = Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'organizationId'>;
