import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, expectAccessible, login, newPage, screenshot, startE2e, type E2eEnv } from './support';

/** The section's state badge next to the page's heading (the word, not a colour). */
const stateText = (page: Page) => page.getByTestId('section-state').innerText();

describe.skipIf(!chromiumPath)('yearly report end to end (Chromium, real server, temporary SQLite)', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('an editor drafts the conclusions and submits; a reviewer returns them; the editor revises and resubmits; the reviewer approves; axe on every report page', async () => {
    const editor = await newPage(env);
    const reviewer = await newPage(env);
    const ed = editor.page;
    const rv = reviewer.page;

    // Editor: list → overview → conclusions (approved in the demo).
    await login(env, ed, 'editora');
    await ed.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Informe' }).click();
    await ed.waitForURL('**/informes');
    await expect.poll(() => ed.getByRole('link', { name: 'Abrir el informe 2022' }).count()).toBe(1);
    await expectAccessible(ed, 'lista de informes');
    await ed.getByRole('link', { name: 'Abrir el informe 2022' }).click();
    await ed.waitForURL('**/informes/2022');
    await expect.poll(() => ed.getByRole('table', { name: 'Secciones del informe, en orden' }).count()).toBe(1);
    await expectAccessible(ed, 'informe 2022');
    await screenshot(ed, 'report-overview');
    const total = (await (await ed.request.get('/api/reports/2022')).json()).progress.total as number;

    await ed.getByRole('link', { name: 'Conclusiones', exact: true }).click();
    await ed.waitForURL(/\/informes\/2022\/secciones\/\d+$/);
    const sectionUrl = ed.url();
    const text = ed.getByRole('textbox', { name: 'Texto de «Conclusiones»' });
    await text.waitFor();
    await expect.poll(() => stateText(ed)).toBe('Aprobada');
    await expectAccessible(ed, 'sección aprobada');

    // Editing an approved section asks first, then withdraws the approval.
    await ed.getByRole('button', { name: 'Editar de todos modos' }).click();
    const confirm = ed.getByRole('dialog', { name: 'Editar retirará la aprobación' });
    await confirm.waitFor();
    await expectAccessible(ed, 'confirmación antes de editar una sección aprobada');
    await screenshot(ed, 'report-confirm-approved-edit');
    await confirm.getByRole('button', { name: 'Editar y retirar la aprobación' }).click();
    await expect.poll(() => text.getAttribute('contenteditable')).toBe('true');
    await text.click();
    await ed.keyboard.press('Control+End');
    await ed.keyboard.type(' Para 2023 se propone ampliar la convocatoria a los grupos de valor externos.');
    await expect.poll(() => ed.getByText(/^Guardado a las \d{2}:\d{2}$/).count()).toBe(1);
    await expect.poll(() => stateText(ed)).toBe('Borrador');
    await expectAccessible(ed, 'sección en edición');
    await screenshot(ed, 'report-section-editing');
    await ed.getByRole('button', { name: 'Enviar a revisión' }).click();
    await expect.poll(() => stateText(ed)).toBe('En revisión');

    // Reviewer: finds it in «Pendientes para mí», returns it with a comment.
    await login(env, rv, 'revisor', { open: false });
    await rv.goto('/informes/2022');
    const pending = rv.getByRole('region', { name: 'Pendientes para mí' });
    await expect.poll(() => pending.getByRole('link', { name: /Conclusiones · En revisión/ }).count()).toBe(1);
    await pending.getByRole('link', { name: /Conclusiones/ }).click();
    await rv.waitForURL(sectionUrl);
    await expect.poll(() => rv.getByRole('region', { name: 'Texto de «Conclusiones»' }).innerText()).toContain('ampliar la convocatoria');
    expect(await rv.getByRole('toolbar').count()).toBe(0);
    await expectAccessible(rv, 'sección (revisor)');
    // Select the first paragraph: «Comentar selección» becomes available and the return dialog quotes it.
    await rv.getByRole('region', { name: 'Texto de «Conclusiones»' }).evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el.querySelector('p')!);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    });
    await expect.poll(() => rv.getByRole('button', { name: 'Comentar selección' }).isEnabled()).toBe(true);
    await rv.getByRole('button', { name: 'Solicitar cambios' }).click();
    const dialog = rv.getByRole('dialog', { name: 'Solicitar cambios' });
    await expect.poll(() => dialog.getByLabel('Pasaje citado (opcional)').inputValue()).toContain('Los foros virtuales posibilitan');
    await dialog.getByLabel('Comentario para quien redacta').fill('Indique qué grupos de valor externos y con qué canales.');
    // axe measures colours: wait for the dialog's fade-in to end.
    await expect.poll(() => dialog.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await expectAccessible(rv, 'solicitar cambios');
    await dialog.getByRole('button', { name: 'Devolver con el comentario' }).click();
    await expect.poll(() => stateText(rv)).toBe('Cambios solicitados');

    // Editor: sees the comment, revises (autosaved) and resubmits.
    await ed.reload();
    await text.waitFor();
    await expect.poll(() => ed.getByText('Indique qué grupos de valor externos y con qué canales.').count()).toBe(1);
    await expect.poll(() => ed.getByText(/«Los foros virtuales posibilitan/).count()).toBe(1);
    await expect.poll(() => stateText(ed)).toBe('Cambios solicitados');
    await text.click();
    await ed.keyboard.press('Control+End');
    await ed.keyboard.type(' Se convocará a juntas de acción comunal y colectivos juveniles por redes sociales y correo.');
    await expect.poll(() => stateText(ed)).toBe('Borrador');
    await expect.poll(() => ed.getByText(/^Guardado a las/).count()).toBe(1);
    await ed.getByRole('button', { name: 'Enviar a revisión' }).click();
    await expect.poll(() => stateText(ed)).toBe('En revisión');

    // Reviewer: approves; the overview shows it approved.
    await rv.reload();
    await expect.poll(() => rv.getByRole('region', { name: 'Texto de «Conclusiones»' }).innerText()).toContain('juntas de acción comunal');
    await rv.getByRole('button', { name: 'Aprobar' }).click();
    await expect.poll(() => stateText(rv)).toBe('Aprobada');

    // History: compare the two latest revisions (a readable diff), axe on it.
    const history = rv.getByRole('region', { name: 'Historial' });
    await history.getByRole('button', { name: 'Comparar' }).click();
    const diff = rv.getByRole('region', { name: /Cambios de la revisión \d+ a la \d+/ });
    await expect.poll(() => diff.locator('ins').count()).toBeGreaterThan(0);
    expect(await diff.locator('ins').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('juntas')]));
    await expectAccessible(rv, 'historial y diferencias');
    await screenshot(rv, 'report-section-diff');

    await rv.goto('/informes/2022');
    const row = rv.getByRole('row').filter({ has: rv.getByRole('link', { name: 'Conclusiones', exact: true }) });
    await expect.poll(() => row.innerText()).toContain('Aprobada');
    await expect.poll(() => rv.getByText(`${total} de ${total} aprobadas`).count()).toBe(1);
    await expectAccessible(rv, 'informe 2022 (revisor)');
    await editor.context.close();
    await reviewer.context.close();
  });
});
