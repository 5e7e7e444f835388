import { describe, expect, it } from 'vitest';
import { createTestApi, testPassword } from '../support/test-api';
import { dbSnapshot, expectProblem, expectSpanish, validForum } from '../support/api-assertions';
import type { Organization } from '../../src/domain/organization-admin';
import { organizationMessages } from '../../src/domain/organization-admin';
import { organizationDeactivatedMessage } from '../../src/api/auth';
import { sessionMessages } from '../../src/api/session-routes';

const adminPassword = 'Caracola-Verde-Tinaja-83';

/** A valid POST /api/organizations body, with overrides. */
function newOrganization(overrides: Record<string, unknown> = {}, admin: Record<string, unknown> = {}) {
  return {
    name: 'Secretaría Distrital de Integración Social',
    acronym: 'SDIS',
    nit: '899.999.061-9',
    slug: 'sdis',
    timeZone: 'America/Bogota',
    colors: { primary: '#1C4E80' },
    ...overrides,
    admin: { username: 'jefa.sdis', displayName: 'Jefa de participación', password: adminPassword, ...admin },
  };
}

async function setup() {
  const api = await createTestApi();
  const sysadmin = await api.login('admin');
  const create = (body: unknown, cookie = sysadmin) => api.call('POST', '/api/organizations', { cookie, body });
  const list = async () => {
    const res = await api.call('GET', '/api/organizations', { cookie: sysadmin });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Organization[] }).items;
  };
  /** Everything a refused request must leave as it was: the data and the organisations. */
  const snapshot = async () => ({ data: await dbSnapshot(api.db), organizations: await api.db.selectFrom('organizations').selectAll().orderBy('id').execute() });
  /** An organisation administrator of organisation 1 (not a sysadmin). */
  const orgAdmin = async () => {
    expect((await api.call('POST', '/api/users', { cookie: sysadmin, body: { username: 'jefa.uno', displayName: 'Jefa uno', role: 'admin', password: adminPassword } })).status).toBe(201);
    return api.login('jefa.uno', adminPassword);
  };
  return { ...api, sysadmin, create, list, snapshot, orgAdmin };
}

describe('organisations: who may manage them', () => {
  it('an organisation admin, an editor and a reviewer get 403 on every route, anonymous 401; nothing changes', async () => {
    const { call, login, orgAdmin, snapshot } = await setup();
    const cookies = [await orgAdmin(), await login('editora'), await login('revisor')];
    const before = await snapshot();
    for (const cookie of [...cookies, undefined]) {
      const status = cookie ? 403 : 401;
      for (const [method, path, body] of [
        ['GET', '/api/organizations', undefined],
        ['GET', '/api/organizations/1', undefined],
        ['POST', '/api/organizations', newOrganization()],
        ['PUT', '/api/organizations/1', { name: 'Tomada', slug: 'tomada' }],
      ] as const) {
        const problem = await expectProblem(await call(method, path, { cookie, body }), status);
        expectSpanish(problem.title);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('the system administrator lists organisation 1 with its accounts and forums', async () => {
    const { list } = await setup();
    const items = await list();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: 1, active: true, version: 1, users: 3, forums: 0, timeZone: 'America/Bogota' });
  });
});

describe('organisations: create with the first admin', () => {
  it('201: the organisation (lower-cased slug and colour) and its admin, who logs in to an empty organisation of its own', async () => {
    const { create, list, call, login } = await setup();
    const res = await create(newOrganization({ slug: 'SDIS' }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as Organization;
    expect(created).toMatchObject({ name: 'Secretaría Distrital de Integración Social', acronym: 'SDIS', nit: '899.999.061-9', slug: 'sdis', timeZone: 'America/Bogota', colors: { primary: '#1c4e80' }, active: true, version: 1, users: 1, forums: 0, logo: null });
    expect((await list()).map((o) => o.slug)).toContain('sdis');

    const jefa = await login('jefa.sdis', adminPassword);
    const session = await (await call('GET', '/api/session', { cookie: jefa })).json();
    expect(session.user).toMatchObject({ username: 'jefa.sdis', role: 'admin', organizationId: created.id });
    expect(session.organization).toEqual({ id: created.id, name: created.name, acronym: 'SDIS', slug: 'sdis', timeZone: 'America/Bogota', logo: null });
    // Its accounts: only itself. Its forums: none of organisation 1's.
    const users = await (await call('GET', '/api/users', { cookie: jefa })).json();
    expect(users.items.map((u: { username: string }) => u.username)).toEqual(['jefa.sdis']);
    expect((await (await call('GET', '/api/forums', { cookie: jefa })).json()).total).toBe(0);
    // It manages its own accounts, not organisations.
    expect((await call('POST', '/api/users', { cookie: jefa, body: { username: 'editor.sdis', displayName: 'Editor SDIS', role: 'editor', password: adminPassword } })).status).toBe(201);
    await expectProblem(await call('GET', '/api/organizations', { cookie: jefa }), 403);
  });

  it('is in the audit log of the system administrator’s organisation', async () => {
    const { create, db } = await setup();
    const created = (await (await create(newOrganization())).json()) as Organization;
    const entry = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'organization').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'create', entity_id: created.id, username: 'admin', organization_id: 1 });
    expect(JSON.parse(entry.changes)).toEqual([created.name, 'dirección pública: sdis', expect.stringMatching(/^primera cuenta de administración: jefa\.sdis/)]);
  });

  it.each([
    ['a slug of digits', { slug: '2026' }, {}, 'slug', organizationMessages.slugDigits],
    ['a slug with accents', { slug: 'integración' }, {}, 'slug', organizationMessages.slugFormat],
    ['a bad NIT', { nit: 'NIT-ABC' }, {}, 'nit', organizationMessages.nitFormat],
    ['an unknown time zone', { timeZone: 'America/Macondo' }, {}, 'timeZone', organizationMessages.timeZone],
    ['a colour by name', { colors: { primary: 'azul' } }, {}, 'colors.primary', organizationMessages.color],
    ['no name', { name: '  ' }, {}, 'name', 'Este campo es obligatorio.'],
    ['a bad username', {}, { username: 'Jefa SDIS' }, 'admin.username', 'Use de 3 a 40 letras minúsculas, números, punto, guion o guion bajo.'],
    ['a short password', {}, { password: 'corta' }, 'admin.password', 'La contraseña debe tener entre 12 y 200 caracteres.'],
    ['a guessable password', {}, { password: 'jefa.sdis2026' }, 'admin.password', expect.stringMatching(/fácil de adivinar/)],
  ])('400 for %s, at its field in Spanish; nothing saved', async (_case, overrides, admin, path, message) => {
    const { create, snapshot } = await setup();
    const before = await snapshot();
    const problem = await expectProblem(await create(newOrganization(overrides, admin)), 400);
    expect(problem.errors).toContainEqual({ path, message });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an unknown field and a body that is not an object (400, Spanish)', async () => {
    const { create, call, sysadmin } = await setup();
    expect((await expectProblem(await create({ ...newOrganization(), owner: 'yo' }), 400)).errors).toContainEqual({ path: 'owner', message: 'Este campo no está permitido.' });
    expectSpanish((await expectProblem(await call('POST', '/api/organizations', { cookie: sysadmin, rawBody: '[1,2' }), 400)).title);
  });

  it('409 for a taken slug or a username taken in any organisation, at the field; nothing half-saved', async () => {
    const { create, snapshot } = await setup();
    expect((await create(newOrganization())).status).toBe(201);
    const before = await snapshot();
    const slug = await expectProblem(await create(newOrganization({ name: 'Otra' }, { username: 'otra.persona' })), 409);
    expect(slug.errors).toEqual([{ path: 'slug', message: organizationMessages.slugTaken }]);
    // 'editora' is organisation 1's; 'jefa.sdis' the first new organisation's.
    for (const username of ['editora', 'jefa.sdis']) {
      const taken = await expectProblem(await create(newOrganization({ slug: 'otra' }, { username })), 409);
      expect(taken.errors).toEqual([{ path: 'admin.username', message: organizationMessages.usernameTaken }]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('two simultaneous creates of the same slug give one 201 and one 409, never a 500', async () => {
    const { create, list } = await setup();
    const results = await Promise.all([create(newOrganization()), create(newOrganization({}, { username: 'jefe.dos' }))]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await list()).filter((o) => o.slug === 'sdis')).toHaveLength(1);
  });

  it('an organisation admin can create no sysadmin there either: the first admin is an admin', async () => {
    const { create, login, call } = await setup();
    await create(newOrganization());
    const jefa = await login('jefa.sdis', adminPassword);
    await expectProblem(await call('POST', '/api/users', { cookie: jefa, body: { username: 'sys.sdis', displayName: 'X', role: 'sysadmin', password: adminPassword } }), 403);
  });
});

describe('organisations: read and save', () => {
  it('GET by id (404 for one that does not exist or a bad id)', async () => {
    const { create, call, sysadmin } = await setup();
    const created = (await (await create(newOrganization())).json()) as Organization;
    expect(await (await call('GET', `/api/organizations/${created.id}`, { cookie: sysadmin })).json()).toEqual(created);
    expectSpanish((await expectProblem(await call('GET', '/api/organizations/999', { cookie: sysadmin }), 404)).title);
    await expectProblem(await call('GET', '/api/organizations/abc', { cookie: sysadmin }), 404);
  });

  it('PUT saves with the version; a stale version gets 409 with the stored record; a taken slug 409 at the field', async () => {
    const { create, call, sysadmin, snapshot } = await setup();
    const created = (await (await create(newOrganization())).json()) as Organization;
    const put = (body: unknown) => call('PUT', `/api/organizations/${created.id}`, { cookie: sysadmin, body });
    const saved = await put({ name: 'Secretaría de Integración Social', acronym: 'SDIS', nit: '', slug: 'integracion-social', timeZone: 'America/Bogota', colors: {}, version: 1 });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ name: 'Secretaría de Integración Social', nit: '', slug: 'integracion-social', colors: {}, version: 2, users: 1 });

    const before = await snapshot();
    const stale = await expectProblem(await put({ name: 'Otro nombre', slug: 'otro', version: 1 }), 409);
    expect(stale.current).toMatchObject({ version: 2, name: 'Secretaría de Integración Social' });
    expect(stale.detail).toBe('Usted partió de la versión 1; la versión guardada es la 2.');
    expect((await create(newOrganization({ name: 'Instituto de Recreación y Deporte', acronym: 'IDRD', slug: 'idrd' }, { username: 'jefe.idrd' }))).status).toBe(201);
    const taken = await expectProblem(await put({ name: 'X', slug: 'idrd', version: 2 }), 409);
    expect(taken.errors).toEqual([{ path: 'slug', message: organizationMessages.slugTaken }]);
    const after = await snapshot();
    expect(after.organizations.find((o) => o.id === created.id)).toEqual(before.organizations.find((o) => o.id === created.id));
    expect(after.data.forums).toEqual(before.data.forums);
  });

  it('deactivating an organisation ends its sessions and refuses its logins, saying so; reactivating lets them in again', async () => {
    const { create, call, sysadmin, login } = await setup();
    const created = (await (await create(newOrganization())).json()) as Organization;
    const jefa = await login('jefa.sdis', adminPassword);
    expect((await call('POST', '/api/forums', { cookie: jefa, body: validForum() })).status).toBe(201);
    const put = (active: boolean, version: number) => call('PUT', `/api/organizations/${created.id}`, { cookie: sysadmin, body: { name: created.name, acronym: 'SDIS', slug: 'sdis', active, version } });
    expect(await (await put(false, 1)).json()).toMatchObject({ active: false, forums: 1 });
    // The session they had: its next request is refused with the reason, whatever the route.
    expect((await expectProblem(await call('GET', '/api/session', { cookie: jefa }), 401)).title).toBe(organizationDeactivatedMessage);
    expect((await expectProblem(await call('GET', '/api/forums', { cookie: jefa }), 401)).title).toBe(organizationDeactivatedMessage);
    expect((await expectProblem(await call('POST', '/api/forums', { cookie: jefa, body: validForum() }), 401)).title).toBe(organizationDeactivatedMessage);
    // Logging in with the right password: told the organisation is deactivated (403); a wrong password learns nothing.
    expect((await expectProblem(await call('POST', '/api/session', { body: { username: 'jefa.sdis', password: adminPassword } }), 403)).title).toBe(organizationDeactivatedMessage);
    expect((await expectProblem(await call('POST', '/api/session', { body: { username: 'jefa.sdis', password: 'Otra-Clave-Equivocada-12' } }), 401)).title).toBe(sessionMessages.wrong);
    expect((await expectProblem(await call('POST', '/api/session', { body: { username: 'nadie.sdis', password: adminPassword } }), 401)).title).toBe(sessionMessages.wrong);
    expect((await put(true, 2)).status).toBe(200);
    // The session from before is over for good (a fresh login is needed); the login works again.
    expect((await expectProblem(await call('GET', '/api/forums', { cookie: jefa }), 401)).title).toBe('Inicie sesión para continuar.');
    expect((await call('POST', '/api/session', { body: { username: 'jefa.sdis', password: adminPassword } })).status).toBe(200);
  });

  it('the system administrator cannot deactivate its own organisation (409)', async () => {
    const { call, sysadmin, login } = await setup();
    const problem = await expectProblem(await call('PUT', '/api/organizations/1', { cookie: sysadmin, body: { name: 'Mi entidad', slug: 'mi-entidad', active: false } }), 409);
    expect(problem.title).toBe('No puede desactivar la organización de su propia cuenta.');
    expect((await call('GET', '/api/session', { cookie: await login('editora', testPassword) })).status).toBe(200);
  });

  it('bodies over 16 KB get 413', async () => {
    const { create } = await setup();
    await expectProblem(await create(newOrganization({ name: 'x'.repeat(17 * 1024) })), 413);
  });
});
