import { z } from 'zod';
import { text, validationMessages } from './common';

export const roles = ['admin', 'editor', 'reviewer'] as const;
export type Role = (typeof roles)[number];

export const roleSchema = z.enum(roles, { error: validationMessages.invalidOption });

export const username = z
  .string({ error: validationMessages.required })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, { error: validationMessages.usernameFormat });

export const password = z
  .string({ error: validationMessages.required })
  .min(10, { error: validationMessages.passwordLength })
  .max(200, { error: validationMessages.passwordLength });

export const loginSchema = z.strictObject({
  username: z.string({ error: validationMessages.required }).trim().min(1, { error: validationMessages.required }).max(100, { error: validationMessages.tooLong(100) }),
  password: z.string({ error: validationMessages.required }).min(1, { error: validationMessages.required }).max(200, { error: validationMessages.tooLong(200) }),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const userCreateSchema = z.strictObject({
  username,
  displayName: text(120, { required: true }),
  role: roleSchema,
  password,
});
export type UserCreateInput = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z.strictObject({
  displayName: text(120, { required: true }).optional(),
  role: roleSchema.optional(),
  active: z.boolean({ error: 'Indique sí o no.' }).optional(),
});
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;

export const passwordResetSchema = z.strictObject({ password });
export type PasswordResetInput = z.infer<typeof passwordResetSchema>;

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

export type SessionUser = Pick<User, 'id' | 'username' | 'displayName' | 'role'>;

/** What each role may do. The server enforces it on every route; the UI hides what is not allowed. */
export const permissions = {
  manageUsers: ['admin'],
  readForums: ['admin', 'editor', 'reviewer'],
  writeForums: ['admin', 'editor'],
  readAudit: ['admin', 'editor', 'reviewer'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role | undefined | null, permission: Permission): boolean {
  return role != null && (permissions[permission] as readonly Role[]).includes(role);
}
