import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, expectAccessible, login, loginThroughForm, newPage, screenshot, startE2e, type E2eEnv } from './support';

/** Two entities the system administrator creates, each with its first administrator (issue 15). */
const entities = [
  { name: 'Secretaría Distrital de Integración Social', acronym: 'SDIS', slug: 'sdis', admin: 'jefa.sdis', adminName: 'Jefa de participación SDIS', password: 'Caracola-Verde-Tinaja-83', forum: 'Foro SDIS: comedores comunitarios' },
  { name: 'Instituto Distrital de Recreación y Deporte', acronym: 'IDRD', slug: 'idrd', admin: 'jefe.idrd', adminName: 'Jefe de participación IDRD', password: 'Bicicleta-Lunar-Pradera-47', forum: 'Foro IDRD: ciclovías de domingo' },
] as const;

async function createOrganization(page: Page, entity: (typeof entities)[number], check: boolean) {
  await page.getByRole('link', { name: 'Nueva organización' }).first().click();
  await page.waitForURL('**/organizaciones/nueva');
  await page.getByRole('heading', { level: 1, name: 'Nueva organización' }).waitFor();
  if (check) {
    // Nothing typed: the required fields say so, in Spanish, and nothing is sent.
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect.poll(() => page.getByText('Este campo es obligatorio.').count()).toBeGreaterThan(2);
    await expectAccessible(page, 'nueva organización (con errores)');
  }
  await page.getByLabel('Nombre de la entidad').fill(entity.name);
  await page.getByLabel('Sigla').fill(entity.acronym);
  await page.getByLabel('Dirección pública').fill(entity.slug);
  await page.getByLabel('Usuario', { exact: false }).fill(entity.admin);
  await page.getByLabel('Nombre para mostrar').fill(entity.adminName);
  await page.getByLabel(/^Contraseña/).and(page.locator('input')).fill(entity.password);
  if (check) {
    await expectAccessible(page, 'nueva organización');
    await screenshot(page, 'organization-create');
  }
  await page.getByRole('button', { name: 'Guardar' }).click();
  await page.waitForURL(/\/organizaciones$/);
  await page.getByRole('rowheader', { name: entity.name }).waitFor();
}

async function createForum(page: Page, title: string) {
  await page.goto('/foros/nuevo');
  await page.getByRole('heading', { level: 1, name: /Nuevo foro/ }).waitFor();
  await page.getByLabel('Título', { exact: false }).first().fill(title);
  await page.getByLabel('Tema', { exact: false }).first().fill('Participación ciudadana');
  await page.getByLabel('Vigencia', { exact: false }).first().fill('2026');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await page.waitForURL(/\/foros\/\d+$/);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  return Number(/\/foros\/(\d+)$/.exec(page.url())![1]);
}

describe.skipIf(!chromiumPath)('organisations end to end (Chromium, real server, temporary SQLite)', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2e();
    for (const entity of entities) env.passwords[entity.admin] = entity.password;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('the system administrator creates two organisations; each admin creates a forum; neither sees the other’s forums or accounts', async () => {
    const sys = await newPage(env);
    await loginThroughForm(env, sys.page, 'admin');
    await sys.page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Organizaciones' }).click();
    await sys.page.waitForURL('**/organizaciones');
    await sys.page.getByRole('table', { name: 'Organizaciones de la instalación' }).waitFor();
    await expectAccessible(sys.page, 'organizaciones');
    for (const [index, entity] of entities.entries()) await createOrganization(sys.page, entity, index === 0);
    await expectAccessible(sys.page, 'organizaciones (tres)');
    await screenshot(sys.page, 'organization-list');
    const sdisRow = sys.page.getByRole('row').filter({ has: sys.page.getByRole('rowheader', { name: entities[0].name }) });
    await expect.poll(() => sdisRow.textContent()).toMatch(/SDIS.*sdis.*1.*0.*Activa/);

    // The edit page: axe, and leaving it unchanged asks nothing.
    await sys.page.getByRole('link', { name: `Editar la organización ${entities[0].name}` }).click();
    await sys.page.getByRole('heading', { level: 1, name: `Editar ${entities[0].name}` }).waitFor();
    await expectAccessible(sys.page, 'editar organización');
    await screenshot(sys.page, 'organization-edit');
    await sys.page.getByRole('link', { name: 'Cancelar' }).click();
    await sys.page.waitForURL(/\/organizaciones$/);

    // Each entity's administrator: its organisation in the header, an empty forum list, its forum, its accounts only.
    const forumIds: number[] = [];
    for (const entity of entities) {
      const { page } = await newPage(env);
      await loginThroughForm(env, page, entity.admin);
      await expect.poll(() => page.getByTestId('current-organization').textContent()).toBe(`${entity.name} (${entity.acronym})`);
      expect(await page.getByRole('link', { name: 'Organizaciones' }).count()).toBe(0);
      forumIds.push(await createForum(page, entity.forum));
      await page.goto('/foros');
      await expect.poll(() => page.getByRole('link', { name: entity.forum }).count()).toBe(1);
      // Not the demo's forums (organisation 1's), not the other entity's.
      for (const other of [...entities.filter((e) => e !== entity).map((e) => e.forum), 'Políticas Públicas']) {
        expect(await page.getByRole('link', { name: new RegExp(other) }).count(), other).toBe(0);
      }
      await page.goto('/cuentas');
      const accounts = page.getByRole('table', { name: 'Cuentas de acceso' });
      await accounts.waitFor();
      await expect.poll(() => accounts.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-username')))).toEqual([entity.admin]);
    }

    // By id, through the API: the other organisation's forum does not exist for either admin.
    for (const [index, entity] of entities.entries()) {
      const { page } = await newPage(env);
      await login(env, page, entity.admin, { open: false });
      const other = forumIds[1 - index];
      expect((await page.request.get(`/api/forums/${other}`)).status()).toBe(404);
      expect((await page.request.get(`/api/forums/${forumIds[index]}`)).status()).toBe(200);
      expect((await page.request.get('/api/organizations')).status()).toBe(403);
    }

    // The system administrator's list counts them.
    await sys.page.reload();
    for (const entity of entities) {
      const row = sys.page.getByRole('row').filter({ has: sys.page.getByRole('rowheader', { name: entity.name }) });
      await expect.poll(() => row.locator('td').evaluateAll((cells) => cells.map((c) => c.textContent))).toEqual([entity.acronym, entity.slug, '1', '1', 'Activa', 'Editar']);
    }
  });
});
