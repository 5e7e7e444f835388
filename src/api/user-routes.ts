import { unscoped } from '../db/org-scope';
import { Hono } from 'hono';
import { idParam } from '../domain/common';
import { isAdminRole, passwordResetSchema, userCreateSchema, userUpdateSchema, type Role, type SessionUser } from '../domain/user';
import { passwordProblem } from '../domain/password-policy';
import {
  countActiveAdmins,
  countActiveSysadmins,
  deleteUserSessions,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  updateUser,
  withoutHash } from '../db/user-queries';
import type { AppEnv } from './deps';
import { doc, jsonBody, ok, pathParams, problems } from './openapi-doc';
import { requirePermission, requireUser } from './auth';
import { change } from './change';
import { HttpProblem } from './problem';
import { hashPassword } from './passwords';
import { readParam } from './validate';

const userCreateBody = jsonBody(userCreateSchema, 'UserCreate');
const userUpdateBody = jsonBody(userUpdateSchema, 'UserUpdate');
const passwordResetBody = jsonBody(passwordResetSchema, 'PasswordReset');

export const userRouteMessages = {
  sysadminRole: 'Solo la administración del sistema puede dar o quitar el rol «Administración del sistema».',
  sysadminAccount: 'Solo la administración del sistema puede cambiar la cuenta de la administración del sistema.',
  lastAdmin: 'Debe quedar al menos una cuenta de administración activa.',
  lastSysadmin: 'Debe quedar al menos una cuenta de administración del sistema activa.',
} as const;

/** Nobody but a sysadmin makes a sysadmin, unmakes one, or touches a sysadmin's account (403). */
function assertMayTouch(actor: SessionUser, target: { role: Role } | null, newRole: Role | undefined) {
  if (actor.role === 'sysadmin') return;
  if (target?.role === 'sysadmin') throw new HttpProblem(403, userRouteMessages.sysadminAccount);
  if (newRole === 'sysadmin') throw new HttpProblem(403, userRouteMessages.sysadminRole, { errors: [{ path: 'role', message: userRouteMessages.sysadminRole }] });
}

/** The password policy at the password field (400), with the account's own words as what not to build on. */
async function assertStrongPassword(password: string, related: string[]) {
  const problem = await passwordProblem(password, related);
  if (problem) throw new HttpProblem(400, 'Los datos enviados no son válidos.', { detail: `password: ${problem}`, errors: [{ path: 'password', message: problem }] });
}

export function userRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requirePermission('manageUsers'));

  app.get('/', doc('Cuentas (administración)', { ...ok(200, 'Lista de cuentas'), ...problems(401, 403) }), async (c) => c.json({ items: await listUsers(c.get('deps').db) }));

  app.post('/', doc('Crear cuenta', { ...ok(201, 'Cuenta creada'), ...problems(400, 401, 403, 409) }), userCreateBody, async (c) => {
    const deps = c.get('deps');
    const input = await userCreateBody.read(c);
    assertMayTouch(requireUser(c), null, input.role);
    const duplicate = () =>
      new HttpProblem(409, 'Ya existe una cuenta con ese nombre de usuario.', {
        errors: [{ path: 'username', message: 'Ya existe una cuenta con ese nombre de usuario.' }],
      });
    // Usernames are unique across the installation (login is by username): looked up above organisations.
    if (await findUserByUsername(deps.rootDb, input.username)) throw duplicate();
    await assertStrongPassword(input.password, [input.username, input.displayName]);
    const passwordHash = await hashPassword(input.password, deps.passwordIterations);
    // Checked again inside the transaction: two simultaneous requests for the same name must give 201 + 409, not a 500.
    const user = await change(c, async ({ tx, now }) => {
      if (await findUserByUsername(unscoped(tx), input.username)) throw duplicate();
      const id = await insertUser(tx, { ...input, passwordHash }, now);
      return { result: withoutHash((await findUserById(tx, id))!), audit: [{ action: 'create', entity: 'user', entityId: id, changes: [`rol: ${input.role}`] }] };
    });
    return c.json(user, 201);
  });

  app.patch('/:id', doc('Cambiar rol, nombre o estado', { ...ok(200, 'Cuenta'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ id: idParam }) }), userUpdateBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const input = await userUpdateBody.read(c);
    // The last active admin is counted inside the transaction, so two admins demoting each other at once cannot leave none.
    const user = await change(c, async ({ tx, user: actor }) => {
      const current = await findUserById(tx, id);
      if (!current) throw new HttpProblem(404, 'No existe esa cuenta.');
      assertMayTouch(actor, current, input.role);
      // An organisation keeps an administrator (a sysadmin is one), and the installation keeps a sysadmin.
      const losesAdmin = isAdminRole(current.role) && current.active && ((input.role && !isAdminRole(input.role)) || input.active === false);
      if (losesAdmin && (await countActiveAdmins(tx)) <= 1) throw new HttpProblem(409, userRouteMessages.lastAdmin);
      const losesSysadmin = current.role === 'sysadmin' && current.active && ((input.role && input.role !== 'sysadmin') || input.active === false);
      if (losesSysadmin && (await countActiveSysadmins(tx)) <= 1) throw new HttpProblem(409, userRouteMessages.lastSysadmin);
      const changed = (Object.keys(input) as (keyof typeof input)[]).filter((key) => input[key] !== undefined && input[key] !== current[key]);
      if (changed.length === 0) return { result: withoutHash(current) };
      await updateUser(tx, id, input);
      if (input.active === false || (input.role && input.role !== current.role)) await deleteUserSessions(tx, id);
      return { result: withoutHash((await findUserById(tx, id))!), audit: [{ action: 'update', entity: 'user', entityId: id, changes: changed }] };
    });
    return c.json(user);
  });

  app.post('/:id/password', doc('Restablecer contraseña', { ...ok(204, 'Hecho'), ...problems(400, 401, 403, 404) }, { parameters: pathParams({ id: idParam }) }), passwordResetBody, async (c) => {
    const deps = c.get('deps');
    const id = readParam(c, 'id', idParam);
    const input = await passwordResetBody.read(c);
    const user = await findUserById(deps.db, id);
    if (!user) throw new HttpProblem(404, 'No existe esa cuenta.');
    assertMayTouch(requireUser(c), user, undefined);
    await assertStrongPassword(input.password, [user.username, user.displayName]);
    const passwordHash = await hashPassword(input.password, deps.passwordIterations);
    await change(c, async ({ tx }) => {
      if (!(await findUserById(tx, id))) throw new HttpProblem(404, 'No existe esa cuenta.');
      await updateUser(tx, id, { passwordHash });
      await deleteUserSessions(tx, id);
      return { result: null, audit: [{ action: 'password_reset', entity: 'user', entityId: id, changes: [] }] };
    });
    return c.body(null, 204);
  });

  return app;
}
