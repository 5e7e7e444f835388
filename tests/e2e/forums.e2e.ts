import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, expectAccessible, loginThroughForm, newPage, screenshot, startE2e, type E2eEnv } from './support';

describe.skipIf(!chromiumPath)('forums end to end (Chromium, real server, temporary SQLite)', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('an editor creates a forum, finds it by search, edits it and deletes it; every page passes axe', async () => {
    const { context, page } = await newPage(env);
    await page.goto('/login');
    await expectAccessible(page, 'inicio de sesión');
    await screenshot(page, 'login');
    await loginThroughForm(env, page, 'editora');
    await expectAccessible(page, 'inicio (editora)');
    await screenshot(page, 'start-editor');
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Foros', exact: true }).click();

    await expect.poll(() => page.getByRole('link', { name: /Políticas Públicas/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'lista de foros');
    await screenshot(page, 'forum-list');

    await page.getByRole('link', { name: 'Nuevo foro' }).first().click();
    await page.waitForURL('**/foros/nuevo');
    await expectAccessible(page, 'nuevo foro');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect.poll(() => page.getByText('Este campo es obligatorio.').count()).toBeGreaterThan(0);
    await page.getByLabel('Título', { exact: false }).first().fill('Foro de prueba e2e: Presupuestos Participativos');
    await page.getByLabel('Tema', { exact: false }).first().fill('Presupuestos participativos locales');
    await page.getByLabel('Vigencia', { exact: false }).first().fill('2026');
    await screenshot(page, 'forum-create');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.waitForURL(/\/foros\/\d+$/);
    const forumUrl = page.url();
    await expect.poll(() => page.getByRole('heading', { name: /Presupuestos Participativos/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'detalle del foro');
    await screenshot(page, 'forum-detail');

    await page.goto('/foros');
    await page.getByLabel('Buscar por título o tema').fill('presupuestos');
    await page.waitForURL(/q=presupuestos/);
    await expect.poll(() => page.getByRole('link', { name: /Presupuestos Participativos/ }).count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: /Causas Ciudadanas/ }).count()).toBe(0);

    await page.getByRole('link', { name: /Presupuestos Participativos/ }).click();
    await page.waitForURL(forumUrl);
    await page.getByRole('link', { name: 'Editar' }).click();
    await page.waitForURL(/\/editar$/);
    await expectAccessible(page, 'editar foro');
    await page.getByLabel('Tema', { exact: false }).first().fill('Presupuestos participativos 2026');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.waitForURL(forumUrl);
    await expect.poll(() => page.getByText('Presupuestos participativos 2026').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Eliminar' }).click();
    // The confirmation as a person (and a screen reader) meets it: a dialog titled with the forum's name.
    const dialog = page.getByRole('dialog', { name: '¿Eliminar el foro «Foro de prueba e2e: Presupuestos Participativos»?' });
    await dialog.waitFor();
    await expectAccessible(page, 'confirmación de borrado');
    await dialog.getByRole('button', { name: /Eliminar/ }).click();
    await page.waitForURL(/\/foros$/);
    const gone = await page.request.get(forumUrl.replace('/foros/', '/api/forums/'));
    expect(gone.status()).toBe(404);
    await context.close();
  });

  it('a reviewer is not offered editing and the API refuses it', async () => {
    const { context, page } = await newPage(env);
    await loginThroughForm(env, page, 'revisor');
    await expectAccessible(page, 'inicio (revisor)');
    await page.goto('/foros');
    await expect.poll(() => page.getByRole('link', { name: /Causas Ciudadanas/ }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Nuevo foro' }).count()).toBe(0);
    await page.getByRole('link', { name: /Causas Ciudadanas/ }).click();
    await page.waitForURL(/\/foros\/\d+$/);
    await expect.poll(() => page.getByText('Secretaría Distrital de Gobierno').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Editar' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Eliminar' }).count()).toBe(0);
    await expectAccessible(page, 'detalle del foro (revisor)');

    const id = page.url().split('/').pop();
    const current = await (await page.request.get(`/api/forums/${id}`)).json();
    const { id: _id, version, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, origin: _origin, ...input } = current;
    // Sent as the app would (its origin, JSON): refused for the role, not for the request's form.
    const asTheApp = { origin: env.server.url, 'content-type': 'application/json' };
    const put = await page.request.put(`/api/forums/${id}`, { data: { ...input, title: 'Cambio no permitido', version }, headers: asTheApp });
    expect(put.status()).toBe(403);
    expect((await put.json()).title).toBe('Su rol no tiene permiso para esta acción.');
    const del = await page.request.delete(`/api/forums/${id}`, { headers: asTheApp });
    expect(del.status()).toBe(403);
    expect((await del.json()).title).toBe('Su rol no tiene permiso para esta acción.');
    expect((await (await page.request.get(`/api/forums/${id}`)).json()).title).toBe(current.title);
    await context.close();
  });

  it('an admin manages accounts on a page that passes axe', async () => {
    const { context, page } = await newPage(env);
    await loginThroughForm(env, page, 'admin');
    await expectAccessible(page, 'inicio (administración)');
    await page.getByRole('link', { name: 'Cuentas', exact: true }).click();
    await page.waitForURL('**/cuentas');
    await expect.poll(() => page.getByText('revisor').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'cuentas');
    await screenshot(page, 'users');
    await context.close();
  });
});
