/** Roles and what each may do; no schema library here, so the app shell stays small. */
export const roles = ['admin', 'editor', 'reviewer'] as const;
export type Role = (typeof roles)[number];

/** What each role may do. The server enforces it on every route; the UI hides what is not allowed. */
export const permissions = {
  manageUsers: ['admin'],
  readForums: ['admin', 'editor', 'reviewer'],
  writeForums: ['admin', 'editor'],
  readAudit: ['admin', 'editor', 'reviewer'],
  writeMetrics: ['admin', 'editor'],
  readReports: ['admin', 'editor', 'reviewer'],
  writeReports: ['admin', 'editor'],
  reviewReports: ['admin', 'reviewer'],
  /** Recording a final export (the file the office files and signs): the people who produce the report. */
  exportFinalReports: ['admin', 'editor'],
  readConsultations: ['admin', 'editor', 'reviewer'],
  writeConsultations: ['admin', 'editor'],
  /** Questions as cases (Ley 1755): reviewers read, editors answer, admins configure terms and areas. */
  readQuestions: ['admin', 'editor', 'reviewer'],
  writeQuestions: ['admin', 'editor'],
  configure: ['admin'],
  /** The public «Participa» pages: what is published, and publishing the approved report. */
  managePublication: ['admin', 'editor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role | undefined | null, permission: Permission): boolean {
  return role != null && (permissions[permission] as readonly Role[]).includes(role);
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
