import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bogotaToday } from '../../src/domain/bogota-date';
import { arrangeParticipaYear, chromiumPath, expectAccessible, login, newPage, screenshot, startE2e, type E2eEnv } from './support';

/**
 * A citizen on the public «Participa» page of this year, at 390 px and with the keyboard: votes in the open
 * consultation, asks a forum still to come a question, evaluates the forum that happened; the office accepts the
 * question in «Moderación». axe on every public page and state. The forms' minimum time-to-submit is 0 here
 * (startServer's publicFormMinMs) so nothing waits.
 */
describe.skipIf(!chromiumPath)('a citizen on «Participa», and the office moderating', () => {
  let env: E2eEnv;
  const year = Number(bogotaToday().slice(0, 4));

  beforeAll(async () => {
    env = await startE2e({ publicFormMinMs: 0 });
    await arrangeParticipaYear(env, { plannedForum: 'Foro de movilidad', topics: [{ title: 'Parques', description: '' }, { title: 'Empleo juvenil', description: '' }] });
  });
  afterAll(async () => {
    await env?.close();
  });

  /** The page at 390 px: axe-clean and no sideways scroll. */
  async function checked(page: Page, label: string) {
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${label} sin desplazamiento lateral`).toBe(true);
    await expectAccessible(page, label);
  }

  it('votes, evaluates with the keyboard at 390 px; a question with a contact but no consent is refused and says why', async () => {
    const { page } = await newPage(env);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/participa/${year}`);
    await checked(page, 'página de la vigencia');

    // Vote: a topic, the value group, sent with Enter.
    await page.getByRole('checkbox', { name: 'Parques' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('radio', { name: 'No hago parte de la entidad (grupo externo)' }).focus();
    await page.keyboard.press('Space');
    await page.getByLabel('¿Qué grupo?', { exact: false }).fill('Ciudadanía');
    await page.getByRole('button', { name: 'Enviar mi voto' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Gracias por votar' }).waitFor();
    await checked(page, 'voto registrado');
    await screenshot(page, 'participa-voto-390');

    // A question to the forum still to come, with a contact but without the consent: refused, said why.
    await page.goto(`/participa/${year}`);
    const ask = page.locator('details', { has: page.getByText('Hacer una pregunta para «Foro de movilidad»') });
    await ask.locator('summary').focus();
    await page.keyboard.press('Enter');
    await ask.getByLabel('Su pregunta (obligatoria)').fill('¿Habrá rutas nocturnas para la localidad de Bosa?');
    await ask.getByLabel('Correo electrónico o teléfono').fill('ana@example.org');
    await checked(page, 'formulario de pregunta abierto');
    await ask.getByRole('button', { name: 'Enviar mi pregunta' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'No se pudo recibir su pregunta' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('debe aceptar el aviso de privacidad');
    await checked(page, 'pregunta rechazada');

    await page.goto(`/participa/${year}`);
    // The evaluation of the forum that happened.
    const evaluate = page.locator('details', { has: page.getByText('Evaluar «Foro de salud»') });
    await evaluate.locator('summary').focus();
    await page.keyboard.press('Enter');
    for (const [question, score] of [['¿La información fue clara?', '5 — Muy de acuerdo'], ['¿El tema le resultó útil?', '4 — De acuerdo']] as const) {
      await evaluate.getByRole('group', { name: question }).getByRole('radio', { name: score }).focus();
      await page.keyboard.press('Space');
    }
    await checked(page, 'formulario de evaluación abierto');
    await evaluate.getByRole('button', { name: 'Enviar mi evaluación' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Gracias por su evaluación' }).waitFor();
    await checked(page, 'evaluación registrada');
  });

  it('a question without personal data is received, waits for moderation, and the office accepts it as a case', async () => {
    const { page } = await newPage(env);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/participa/${year}`);
    const ask = page.locator('details', { has: page.getByText('Hacer una pregunta para «Foro de movilidad»') });
    await ask.locator('summary').focus();
    await page.keyboard.press('Enter');
    await ask.getByLabel('Su pregunta (obligatoria)').fill('¿Cuándo abre la ruta nocturna de buses en Bosa?');
    await ask.getByRole('button', { name: 'Enviar mi pregunta' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Pregunta recibida' }).waitFor();
    await checked(page, 'pregunta recibida');
    // Nothing a citizen wrote is public before a person accepts it.
    await page.goto(`/participa/${year}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByText('ruta nocturna de buses').count()).toBe(0);

    const office = await newPage(env);
    await login(env, office.page, 'editora', { open: false });
    await office.page.goto('/preguntas/moderacion');
    const item = office.page.getByRole('listitem').filter({ hasText: '¿Cuándo abre la ruta nocturna de buses en Bosa?' });
    await item.getByRole('button', { name: 'Aceptar como pregunta' }).click();
    await office.page.getByText('Pregunta aceptada: ya es un caso con fecha de vencimiento.').waitFor();
    await expectAccessible(office.page, 'moderación tras aceptar');
    await office.page.goto('/preguntas');
    await office.page.getByRole('link', { name: /ruta nocturna de buses/ }).waitFor();
  });
});
