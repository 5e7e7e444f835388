import { describe, expect, it } from 'vitest';
import { can, permissions, roles, type Permission, type Role } from '../../src/domain/user';

const expected: Record<Permission, Record<Role, boolean>> = {
  manageUsers: { admin: true, editor: false, reviewer: false },
  readForums: { admin: true, editor: true, reviewer: true },
  writeForums: { admin: true, editor: true, reviewer: false },
  readAudit: { admin: true, editor: true, reviewer: true },
  writeMetrics: { admin: true, editor: true, reviewer: false },
  readReports: { admin: true, editor: true, reviewer: true },
  writeReports: { admin: true, editor: true, reviewer: false },
  reviewReports: { admin: true, editor: false, reviewer: true },
  exportFinalReports: { admin: true, editor: true, reviewer: false },
  readConsultations: { admin: true, editor: true, reviewer: true },
  writeConsultations: { admin: true, editor: true, reviewer: false },
  readQuestions: { admin: true, editor: true, reviewer: true },
  writeQuestions: { admin: true, editor: true, reviewer: false },
  configure: { admin: true, editor: false, reviewer: false },
  managePublication: { admin: true, editor: true, reviewer: false },
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
