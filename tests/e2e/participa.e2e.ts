import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readDocx } from '../support/docx-reader';
import { readPdf } from '../support/pdf-reader';
import { chromiumPath, expectAccessible, login, newPage, screenshot, startE2e, type E2eEnv } from './support';

/** Clicks a link that downloads, and returns the file's name and text/bytes. */
async function download(page: Page, name: string | RegExp) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('link', { name }).first().click()]);
  const bytes = new Uint8Array(readFileSync(await file.path()));
  return { name: file.suggestedFilename(), bytes, text: new TextDecoder().decode(bytes) };
}

describe.skipIf(!chromiumPath)('public «Participa» pages end to end (a citizen without JavaScript, the office publishing)', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a citizen reads the 2022 page with JavaScript off, adds a forum to the calendar, reads the report and downloads it (PDF, Word); axe-clean at 1366 px', async () => {
    const context = await env.browser.newContext({ baseURL: env.server.url, locale: 'es-CO', javaScriptEnabled: false, viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const res = await page.goto('/participa/2022');
    expect(res?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Rendición de cuentas 2022' }).waitFor();
    expect(await page.title()).toBe('Rendición de cuentas 2022 — Instituto Distrital para la Protección de la Niñez y la Juventud — IDIPRON');
    expect(await page.getByRole('heading', { level: 3, name: 'Foro Virtual de Participación: Políticas Públicas' }).count()).toBe(1);

    const ics = await download(page, 'Agregar «Foro Virtual de Participación: Políticas Públicas» a mi calendario (.ics)');
    expect(ics.name).toBe('foro-1.ics');
    expect(ics.text).toMatch(/^BEGIN:VCALENDAR/);
    expect(ics.text).toContain('SUMMARY:Foro Virtual de Participación: Políticas Públicas');
    expect(ics.text).toContain('DTSTART;VALUE=DATE:20220622');

    await page.getByRole('link', { name: 'Leer el informe en esta página' }).click();
    await page.getByRole('heading', { level: 2, name: '1. Introducción' }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: '8. Recomendaciones' }).count()).toBe(1);
    const word = await download(page, 'Descargar en Word (.docx)');
    expect(word.name).toBe('informe-2022-v1.docx');
    expect(readDocx(word.bytes).paragraphs).toContain('1. Introducción');
    // «Descargar PDF»: the published version as a real PDF (the server's, built once per published snapshot).
    const pdf = await download(page, 'Descargar PDF');
    expect(pdf.name).toBe('informe-2022-v1.pdf');
    const read = readPdf(pdf.bytes);
    expect(read.title).toBe('Foros Virtuales de Participación 2022');
    expect(read.flatText).toContain('1. Introducción');
    expect(read.flatText).toContain('Protección de la Niñez');

    await context.close();

    // axe runs its script in the page: a context with JavaScript on (the page itself has none to run).
    const checked = await env.browser.newContext({ baseURL: env.server.url, locale: 'es-CO', viewport: { width: 1366, height: 900 } });
    const view = await checked.newPage();
    // 390 px and 200 % zoom: participa-reflow.e2e.ts, on these pages and every other state.
    for (const width of [1366]) {
      await view.setViewportSize({ width, height: 900 });
      for (const path of ['/participa/2022', '/participa/2022/informe', '/participa']) {
        await view.goto(path);
        await view.getByRole('heading', { level: 1 }).first().waitFor();
        expect(await view.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${path} a ${width} px sin desplazamiento lateral`).toBe(true);
        await expectAccessible(view, `${path} a ${width} px`);
      }
      await screenshot(view, `participa-2022-${width}`);
    }
    const missing = await view.goto('/participa/2031');
    expect(missing?.status()).toBe(404);
    await expectAccessible(view, 'página pública no publicada');
    await checked.close();
  });

  it('the office lets its site embed the page, publishes a new version, and the public page shows its SHA-256', async () => {
    const { context, page } = await newPage(env);
    await login(env, page, 'editora');
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Publicación' }).click();
    await page.getByRole('link', { name: 'Publicación 2022' }).click();
    await page.getByRole('heading', { level: 1, name: 'Publicación 2022' }).waitFor();
    await expectAccessible(page, '«Publicación 2022»');

    const origins = page.getByRole('textbox', { name: /Sitios que pueden insertar la página/ });
    await origins.fill('https://www.idipron.gov.co');
    await origins.press('Enter');
    await page.getByRole('button', { name: 'Guardar la publicación' }).click();
    await page.getByText('Publicación guardada.').waitFor();
    const headers = await page.evaluate(async () => {
      const r = await fetch('/participa/2022');
      return { csp: r.headers.get('content-security-policy'), xfo: r.headers.get('x-frame-options') };
    });
    expect(headers.csp).toContain('frame-ancestors https://www.idipron.gov.co');
    expect(headers.xfo).toBeNull();
    // The admin app itself can never be framed.
    const admin = await page.evaluate(async () => (await fetch('/inicio')).headers.get('content-security-policy'));
    expect(admin).toContain("frame-ancestors 'none'");

    await page.getByRole('button', { name: 'Publicar una nueva versión' }).click();
    await page.getByRole('dialog', { name: '¿Publicar el informe?' }).getByRole('button', { name: 'Publicar' }).click();
    await page.getByText('Versión 2 publicada.').waitFor();
    const sha = (await page.getByRole('table', { name: 'Versiones publicadas del informe' }).getByRole('row').nth(1).getByRole('code').textContent()) ?? '';
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    await expectAccessible(page, '«Publicación 2022» con dos versiones');
    await page.setViewportSize({ width: 390, height: 844 });
    // What a person sees at 390 px once the layout settles: the versions table scrolls and says so (then it is a named
    // region with a Tab stop; axe before that would catch the table mid-resize).
    await page.getByText('Deslice la tabla o use las flechas del teclado para ver todas las columnas').first().waitFor();
    await expectAccessible(page, '«Publicación 2022» a 390 px');

    const citizen = await context.browser()!.newContext({ baseURL: env.server.url, javaScriptEnabled: false });
    const publicPage = await citizen.newPage();
    await publicPage.goto('/participa/2022');
    await publicPage.getByText(`Versión publicada 2`).first().waitFor();
    expect(await publicPage.getByText(sha).count()).toBe(1);
    await citizen.close();
    await context.close();
  });
});
