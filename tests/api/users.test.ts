import { describe, expect, it } from 'vitest';
import { createTestApi, testPassword } from '../support/test-api';
import { dbSnapshot, expectProblem, validForum } from '../support/api-assertions';
import type { User } from '../../src/domain/user';

const newPassword = 'otra-clave-segura-123';

async function setup() {
  const api = await createTestApi();
  const admin = await api.login('admin');
  async function users(): Promise<User[]> {
    const res = await api.call('GET', '/api/users', { cookie: admin });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: User[] }).items;
  }
  async function idOf(username: string) {
    const user = (await users()).find((u) => u.username === username);
    expect(user).toBeDefined();
    return user!.id;
  }
  const tryLogin = (username: string, password: string) => api.call('POST', '/api/session', { body: { username, password } });
  return { ...api, admin, users, idOf, tryLogin };
}

describe('users: list and create', () => {
  it('lists every account without password hashes', async () => {
    const { users, call, admin } = await setup();
    const items = await users();
    expect(items.map((u) => [u.username, u.role, u.active])).toEqual([
      ['admin', 'sysadmin', true],
      ['editora', 'editor', true],
      ['revisor', 'reviewer', true],
    ]);
    const raw = await (await call('GET', '/api/users', { cookie: admin })).text();
    expect(raw).not.toMatch(/pbkdf2|passwordHash|password_hash/);
  });

  it('creates an account (201, lower-cased name, no hash) that can log in with its role', async () => {
    const { call, admin, users, tryLogin } = await setup();
    const res = await call('POST', '/api/users', { cookie: admin, body: { username: 'Nuevo.Editor', displayName: ' Nuevo editor ', role: 'editor', password: newPassword } });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ username: 'nuevo.editor', displayName: 'Nuevo editor', role: 'editor', active: true });
    expect(JSON.stringify(created)).not.toMatch(/pbkdf2|passwordHash/);
    expect((await users()).map((u) => u.username)).toContain('nuevo.editor');
    const login = await tryLogin('nuevo.editor', newPassword);
    expect(login.status).toBe(200);
    expect((await login.json()).user).toMatchObject({ username: 'nuevo.editor', role: 'editor' });
  });

  it('refuses a duplicate username (also when only the case differs) with 409 and creates nothing', async () => {
    const { call, admin, db } = await setup();
    const before = await dbSnapshot(db);
    for (const username of ['editora', 'EDITORA']) {
      const res = await call('POST', '/api/users', { cookie: admin, body: { username, displayName: 'Otra', role: 'reviewer', password: newPassword } });
      const body = await expectProblem(res, 409);
      expect(body.errors).toEqual([{ path: 'username', message: 'Ya existe una cuenta con ese nombre de usuario.' }]);
    }
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('two simultaneous creates of the same username give one 201 and one 409, never a 500', async () => {
    const { call, admin, users } = await setup();
    const body = { username: 'gemela', displayName: 'Gemela', role: 'editor', password: newPassword };
    const results = await Promise.all([call('POST', '/api/users', { cookie: admin, body }), call('POST', '/api/users', { cookie: admin, body })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    await expectProblem(results.find((r) => r.status === 409)!, 409);
    expect((await users()).filter((u) => u.username === 'gemela')).toHaveLength(1);
  });
});

describe('users: change role, deactivate, reset password', () => {
  it('changing a role takes effect: a reviewer made editor can write forums after logging in again', async () => {
    const { call, admin, idOf, login } = await setup();
    const reviewerCookie = await login('revisor');
    expect((await call('POST', '/api/forums', { cookie: reviewerCookie, body: validForum() })).status).toBe(403);
    const id = await idOf('revisor');
    const res = await call('PATCH', `/api/users/${id}`, { cookie: admin, body: { role: 'editor', displayName: 'Ya no revisor' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, username: 'revisor', role: 'editor', displayName: 'Ya no revisor', active: true });
    // The old session carried the old role; it is ended.
    expect((await call('GET', '/api/session', { cookie: reviewerCookie })).status).toBe(401);
    const fresh = await login('revisor');
    expect((await call('POST', '/api/forums', { cookie: fresh, body: validForum() })).status).toBe(201);
  });

  it('a deactivated user can no longer log in and their existing session stops working', async () => {
    const { call, admin, idOf, login, tryLogin, users } = await setup();
    const editorCookie = await login('editora');
    expect((await call('GET', '/api/forums', { cookie: editorCookie })).status).toBe(200);
    const id = await idOf('editora');
    const res = await call('PATCH', `/api/users/${id}`, { cookie: admin, body: { active: false } });
    expect(res.status).toBe(200);
    expect((await res.json()).active).toBe(false);
    expect((await users()).find((u) => u.id === id)?.active).toBe(false);

    await expectProblem(await call('GET', '/api/session', { cookie: editorCookie }), 401);
    await expectProblem(await call('GET', '/api/forums', { cookie: editorCookie }), 401);
    await expectProblem(await call('POST', '/api/forums', { cookie: editorCookie, body: validForum() }), 401);
    await expectProblem(await tryLogin('editora', testPassword), 401);

    // Reactivated, the same password works again.
    expect((await call('PATCH', `/api/users/${id}`, { cookie: admin, body: { active: true } })).status).toBe(200);
    expect((await tryLogin('editora', testPassword)).status).toBe(200);
  });

  it('resetting a password: 204, the old password stops working, the new one works, sessions end', async () => {
    const { call, admin, idOf, login, tryLogin } = await setup();
    const editorCookie = await login('editora');
    const id = await idOf('editora');
    const res = await call('POST', `/api/users/${id}/password`, { cookie: admin, body: { password: newPassword } });
    expect(res.status).toBe(204);
    await expectProblem(await tryLogin('editora', testPassword), 401);
    expect((await tryLogin('editora', newPassword)).status).toBe(200);
    await expectProblem(await call('GET', '/api/session', { cookie: editorCookie }), 401);
  });

  it('PATCH and password reset of an account that does not exist answer 404 and change nothing', async () => {
    const { call, admin, db } = await setup();
    const before = await dbSnapshot(db);
    await expectProblem(await call('PATCH', '/api/users/999', { cookie: admin, body: { role: 'editor' } }), 404);
    await expectProblem(await call('POST', '/api/users/999/password', { cookie: admin, body: { password: newPassword } }), 404);
    expect(await dbSnapshot(db)).toEqual(before);
  });
});

describe('users: the last active admin', () => {
  it('the last admin of the organisation (the sysadmin here) cannot be demoted or deactivated (409), and nothing changes', async () => {
    const { call, admin, idOf, db } = await setup();
    const id = await idOf('admin');
    const before = await dbSnapshot(db);
    for (const body of [{ role: 'editor' }, { role: 'reviewer' }, { active: false }, { role: 'editor', active: false }, { role: 'admin' }]) {
      await expectProblem(await call('PATCH', `/api/users/${id}`, { cookie: admin, body }), 409);
    }
    expect(await dbSnapshot(db)).toEqual(before);
    // Harmless changes to the last admin are still allowed.
    const ok = await call('PATCH', `/api/users/${id}`, { cookie: admin, body: { displayName: 'Jefa de sistemas', role: 'sysadmin', active: true } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ displayName: 'Jefa de sistemas', role: 'sysadmin', active: true });
  });

  it('can be demoted once another active admin exists, but not the one left after that', async () => {
    const { call, admin, idOf } = await setup();
    expect((await call('POST', '/api/users', { cookie: admin, body: { username: 'admin2', displayName: 'Segunda', role: 'admin', password: newPassword } })).status).toBe(201);
    expect((await call('POST', '/api/users', { cookie: admin, body: { username: 'admin3', displayName: 'Tercera', role: 'admin', password: newPassword } })).status).toBe(201);
    expect((await call('PATCH', `/api/users/${await idOf('admin2')}`, { cookie: admin, body: { role: 'editor' } })).status).toBe(200);
    expect((await call('PATCH', `/api/users/${await idOf('admin3')}`, { cookie: admin, body: { active: false } })).status).toBe(200);
    // Left: the sysadmin, the organisation's only active administrator.
    await expectProblem(await call('PATCH', `/api/users/${await idOf('admin')}`, { cookie: admin, body: { active: false } }), 409);
  });

  it('the last active sysadmin stays one while other admins exist (409 with the reason)', async () => {
    const { call, admin, idOf } = await setup();
    expect((await call('POST', '/api/users', { cookie: admin, body: { username: 'admin2', displayName: 'Segunda', role: 'admin', password: newPassword } })).status).toBe(201);
    const body = await expectProblem(await call('PATCH', `/api/users/${await idOf('admin')}`, { cookie: admin, body: { role: 'admin' } }), 409);
    expect(body.title).toBe('Debe quedar al menos una cuenta de administración del sistema activa.');
  });

  it('an inactive admin does not count as the remaining admin', async () => {
    const { call, admin, idOf } = await setup();
    expect((await call('POST', '/api/users', { cookie: admin, body: { username: 'admin2', displayName: 'Segunda', role: 'admin', password: newPassword } })).status).toBe(201);
    const secondId = await idOf('admin2');
    expect((await call('PATCH', `/api/users/${secondId}`, { cookie: admin, body: { active: false } })).status).toBe(200);
    await expectProblem(await call('PATCH', `/api/users/${await idOf('admin')}`, { cookie: admin, body: { role: 'editor' } }), 409);
  });
});

describe('users: only a sysadmin makes, unmakes or changes a sysadmin (issue 15)', () => {
  async function withOrgAdmin() {
    const context = await setup();
    expect((await context.call('POST', '/api/users', { cookie: context.admin, body: { username: 'jefa', displayName: 'Jefa de la oficina', role: 'admin', password: newPassword } })).status).toBe(201);
    return { ...context, orgAdmin: await context.login('jefa', newPassword) };
  }

  it('the bootstrap account is the system administrator', async () => {
    const { call, admin } = await setup();
    expect((await (await call('GET', '/api/session', { cookie: admin })).json()).user).toMatchObject({ username: 'admin', role: 'sysadmin' });
  });

  it('an admin cannot create a sysadmin, nor make one of an account (403), and nothing changes', async () => {
    const { call, orgAdmin, idOf, db } = await withOrgAdmin();
    const before = await dbSnapshot(db);
    const created = await expectProblem(await call('POST', '/api/users', { cookie: orgAdmin, body: { username: 'otra.sys', displayName: 'Otra', role: 'sysadmin', password: newPassword } }), 403);
    expect(created.title).toBe('Solo la administración del sistema puede dar o quitar el rol «Administración del sistema».');
    await expectProblem(await call('PATCH', `/api/users/${await idOf('editora')}`, { cookie: orgAdmin, body: { role: 'sysadmin' } }), 403);
    await expectProblem(await call('PATCH', `/api/users/${await idOf('jefa')}`, { cookie: orgAdmin, body: { role: 'sysadmin' } }), 403);
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it("an admin cannot demote, deactivate or reset the password of the sysadmin's account (403)", async () => {
    const { call, orgAdmin, idOf, db, tryLogin } = await withOrgAdmin();
    const id = await idOf('admin');
    const before = await dbSnapshot(db);
    for (const body of [{ role: 'editor' }, { active: false }, { displayName: 'Otro nombre' }]) {
      const problem = await expectProblem(await call('PATCH', `/api/users/${id}`, { cookie: orgAdmin, body }), 403);
      expect(problem.title).toBe('Solo la administración del sistema puede cambiar la cuenta de la administración del sistema.');
    }
    await expectProblem(await call('POST', `/api/users/${id}/password`, { cookie: orgAdmin, body: { password: 'una-clave-nueva-larga-9' } }), 403);
    expect(await dbSnapshot(db)).toEqual(before);
    expect((await tryLogin('admin', testPassword)).status).toBe(200);
  });

  it('a sysadmin can make another sysadmin, who can then manage organisations', async () => {
    const { call, admin, login } = await setup();
    expect((await call('POST', '/api/users', { cookie: admin, body: { username: 'segundo.sys', displayName: 'Segundo', role: 'sysadmin', password: newPassword } })).status).toBe(201);
    const second = await login('segundo.sys', newPassword);
    expect((await (await call('GET', '/api/session', { cookie: second })).json()).user).toMatchObject({ role: 'sysadmin' });
  });
});

describe('users: one password policy (12+ characters, not guessable)', () => {
  it.each([
    ['short', 'corta-123', /entre 12 y 200 caracteres/],
    ['common', '123456789012', /fácil de adivinar: es una contraseña común/],
    ['repeated', 'aaaaaaaaaaaaaaaa', /fácil de adivinar: repite un mismo carácter/],
    ['built on the account', 'nueva.persona2024', /fácil de adivinar/],
  ])('refuses a %s password at create and at reset, with the Spanish reason at the field', async (_kind, password, reason) => {
    const { call, admin, idOf, db } = await setup();
    const before = await dbSnapshot(db);
    const created = await call('POST', '/api/users', { cookie: admin, body: { username: 'nueva.persona', displayName: 'Nueva Persona', role: 'editor', password } });
    const body = await expectProblem(created, 400);
    expect(body.errors).toEqual([{ path: 'password', message: expect.stringMatching(reason) }]);
    const reset = await call('POST', `/api/users/${await idOf('editora')}/password`, { cookie: admin, body: { password: password === 'nueva.persona2024' ? 'Editora de prueba1' : password } });
    expect((await expectProblem(reset, 400)).errors?.[0]).toMatchObject({ path: 'password', message: expect.stringMatching(/entre 12|fácil de adivinar/) });
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('a weak FOROS_ADMIN_PASSWORD (or demo password) stops the first start with a clear message', async () => {
    const { bootstrap, WeakPasswordError } = await import('../../src/api/bootstrap');
    const { openNodeDatabase } = await import('../../src/db/node-driver');
    const db = await openNodeDatabase(':memory:');
    await expect(bootstrap(db, { demo: false, adminPassword: '1' })).rejects.toThrow(WeakPasswordError);
    await expect(bootstrap(db, { demo: false, adminPassword: '1' })).rejects.toThrow('FOROS_ADMIN_PASSWORD no cumple la política de contraseñas: La contraseña debe tener entre 12 y 200 caracteres.');
    await expect(bootstrap(db, { demo: false, adminPassword: 'administracion' })).rejects.toThrow(/fácil de adivinar/);
    await expect(bootstrap(db, { demo: false, adminPassword: 'contraseña123' })).rejects.toThrow(/fácil de adivinar/);
    expect(await db.selectFrom('users').select('id').execute()).toEqual([]);
    await db.destroy();
  });
});
