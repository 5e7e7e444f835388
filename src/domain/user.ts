import { z } from 'zod';
import { text, validationMessages } from './common';

import { roles } from './roles';
import { passwordPolicy } from './password-policy';

export { roles, permissions, can, isAdminRole, assignableRoles, type Role, type Permission, type User, type SessionUser } from './roles';

export const roleSchema = z.enum(roles, { error: validationMessages.invalidOption });

export const username = z
  .string({ error: validationMessages.required })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, { error: validationMessages.usernameFormat });

/** The length part of the password policy; how guessable it is, `passwordProblem` (password-policy.ts) tells. */
export const password = z
  .string({ error: validationMessages.required })
  .min(passwordPolicy.minLength, { error: validationMessages.passwordLength })
  .max(passwordPolicy.maxLength, { error: validationMessages.passwordLength });

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

/**
 * Who a change is recorded under when no account made it (the 2022 demo is loaded in the name of `demo`), and
 * how screens name it: histories and «guardado por» show a person's display name, never a username.
 */
export const systemAuthorNames: Record<string, string> = { demo: 'Foros (datos de demostración)' };

/** The name a person reads for an author: the account's display name, a system author's name, or the text itself. */
export function authorName(names: Record<string, string> | undefined, username: string | null | undefined): string {
  if (!username) return '—';
  return names?.[username] ?? systemAuthorNames[username] ?? username;
}
