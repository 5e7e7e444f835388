import { describe, expect, it } from 'vitest';
import { assignableRoles, can, isAdminRole, permissions, roles, type Permission, type Role } from '../../src/domain/user';

const expected: Record<Permission, Record<Role, boolean>> = {
  manageUsers: { sysadmin: true, admin: true, editor: false, reviewer: false },
  readForums: { sysadmin: true, admin: true, editor: true, reviewer: true },
  writeForums: { sysadmin: true, admin: true, editor: true, reviewer: false },
  readAudit: { sysadmin: true, admin: true, editor: true, reviewer: true },
  writeMetrics: { sysadmin: true, admin: true, editor: true, reviewer: false },
  readReports: { sysadmin: true, admin: true, editor: true, reviewer: true },
  writeReports: { sysadmin: true, admin: true, editor: true, reviewer: false },
  reviewReports: { sysadmin: true, admin: true, editor: false, reviewer: true },
  exportFinalReports: { sysadmin: true, admin: true, editor: true, reviewer: false },
  readConsultations: { sysadmin: true, admin: true, editor: true, reviewer: true },
  writeConsultations: { sysadmin: true, admin: true, editor: true, reviewer: false },
  readQuestions: { sysadmin: true, admin: true, editor: true, reviewer: true },
  writeQuestions: { sysadmin: true, admin: true, editor: true, reviewer: false },
  configure: { sysadmin: true, admin: true, editor: false, reviewer: false },
  managePublication: { sysadmin: true, admin: true, editor: true, reviewer: false },
  manageOrganizations: { sysadmin: true, admin: false, editor: false, reviewer: false },
};

describe('can()', () => {
  it('knows every permission in this table', () => {
    expect(Object.keys(permissions).sort()).toEqual(Object.keys(expected).sort());
  });

  const matrix = (Object.keys(expected) as Permission[]).flatMap((permission) => roles.map((role) => [role, permission, expected[permission][role]] as const));

  it.each(matrix)('%s may %s: %s', (role, permission, allowed) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it.each([undefined, null, 'superadmin' as Role, '' as Role])('nobody without a known role may do anything (%j)', (role) => {
    for (const permission of Object.keys(expected) as Permission[]) expect(can(role, permission)).toBe(false);
  });
});

describe('the system administrator (issue 15)', () => {
  it('may do everything an organisation administrator may, and manage organisations', () => {
    for (const permission of Object.keys(permissions) as Permission[]) {
      if (can('admin', permission)) expect(can('sysadmin', permission), permission).toBe(true);
    }
    expect(can('sysadmin', 'manageOrganizations')).toBe(true);
    expect(roles.filter((role) => can(role, 'manageOrganizations'))).toEqual(['sysadmin']);
  });

  it('only a sysadmin may give (or take away) the sysadmin role', () => {
    expect(assignableRoles('sysadmin')).toEqual(['sysadmin', 'admin', 'editor', 'reviewer']);
    expect(assignableRoles('admin')).toEqual(['admin', 'editor', 'reviewer']);
    expect(assignableRoles('editor')).toEqual([]);
    expect(assignableRoles(null)).toEqual([]);
  });

  it('counts as an administrator of its organisation', () => {
    expect(['sysadmin', 'admin', 'editor', 'reviewer', null].map((role) => isAdminRole(role as Role | null))).toEqual([true, true, false, false, false]);
  });
});
