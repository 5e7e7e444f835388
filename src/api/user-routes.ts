import { Hono } from 'hono';
import { idParam } from '../domain/common';
import { passwordResetSchema, userCreateSchema, userUpdateSchema } from '../domain/user';
import { passwordProblem } from '../domain/password-policy';
import {
  countActiveAdmins,
  deleteUserSessions,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  updateUser,
  withoutHash,
} from '../db/user-queries';
import { writeAudit } from '../db/audit-queries';
import type { AppEnv } from './deps';
import { requirePermission, requireUser } from './auth';
import { HttpProblem } from './problem';
import { hashPassword } from './passwords';
import { readBody, readParam } from './validate';

/** The password policy at the password field (400), with the account's own words as what not to build on. */
async function assertStrongPassword(password: string, related: string[]) {
  const problem = await passwordProblem(password, related);
  if (problem) throw new HttpProblem(400, 'Los datos enviados no son válidos.', { detail: `password: ${problem}`, errors: [{ path: 'password', message: problem }] });
}

export function userRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requirePermission('manageUsers'));

  app.get('/', async (c) => c.json({ items: await listUsers(c.get('deps').db) }));

  app.post('/', async (c) => {
    const deps = c.get('deps');
    const actor = requireUser(c);
    const input = await readBody(c, userCreateSchema);
    const duplicate = () =>
      new HttpProblem(409, 'Ya existe una cuenta con ese nombre de usuario.', {
        errors: [{ path: 'username', message: 'Ya existe una cuenta con ese nombre de usuario.' }],
      });
    if (await findUserByUsername(deps.db, input.username)) throw duplicate();
    await assertStrongPassword(input.password, [input.username, input.displayName]);
    const passwordHash = await hashPassword(input.password, deps.passwordIterations);
    const now = deps.now().toISOString();
    // Checked again inside the transaction: two simultaneous requests for the same name must give 201 + 409, not a 500.
    const id = await deps.db.transaction().execute(async (tx) => {
      if (await findUserByUsername(tx, input.username)) return null;
      const newId = await insertUser(tx, { ...input, passwordHash }, now);
      await writeAudit(tx, { at: now, userId: actor.id, username: actor.username, action: 'create', entity: 'user', entityId: newId, changes: [`rol: ${input.role}`] });
      return newId;
    });
    if (id === null) throw duplicate();
    const user = await findUserById(deps.db, id);
    return c.json(withoutHash(user!), 201);
  });

  app.patch('/:id', async (c) => {
    const deps = c.get('deps');
    const actor = requireUser(c);
    const id = readParam(c, 'id', idParam);
    const input = await readBody(c, userUpdateSchema);
    const user = await findUserById(deps.db, id);
    if (!user) throw new HttpProblem(404, 'No existe esa cuenta.');
    const losesAdmin = user.role === 'admin' && user.active && ((input.role && input.role !== 'admin') || input.active === false);
    const now = deps.now().toISOString();
    // Counted inside the transaction, so two admins demoting each other at once cannot leave none.
    const kept = await deps.db.transaction().execute(async (tx) => {
      if (losesAdmin && (await countActiveAdmins(tx)) <= 1) return false;
      const changed = (Object.keys(input) as (keyof typeof input)[]).filter((key) => input[key] !== undefined && input[key] !== user[key]);
      if (changed.length === 0) return true;
      await updateUser(tx, id, input);
      if (input.active === false || (input.role && input.role !== user.role)) await deleteUserSessions(tx, id);
      await writeAudit(tx, { at: now, userId: actor.id, username: actor.username, action: 'update', entity: 'user', entityId: id, changes: changed });
      return true;
    });
    if (!kept) throw new HttpProblem(409, 'Debe quedar al menos una cuenta de administración activa.');
    return c.json(withoutHash((await findUserById(deps.db, id))!));
  });

  app.post('/:id/password', async (c) => {
    const deps = c.get('deps');
    const actor = requireUser(c);
    const id = readParam(c, 'id', idParam);
    const input = await readBody(c, passwordResetSchema);
    const user = await findUserById(deps.db, id);
    if (!user) throw new HttpProblem(404, 'No existe esa cuenta.');
    await assertStrongPassword(input.password, [user.username, user.displayName]);
    const passwordHash = await hashPassword(input.password, deps.passwordIterations);
    const now = deps.now().toISOString();
    await deps.db.transaction().execute(async (tx) => {
      await updateUser(tx, id, { passwordHash });
      await deleteUserSessions(tx, id);
      await writeAudit(tx, { at: now, userId: actor.id, username: actor.username, action: 'password_reset', entity: 'user', entityId: id, changes: [] });
    });
    return c.body(null, 204);
  });

  return app;
}
