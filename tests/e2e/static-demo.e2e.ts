import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, sharedBrowser } from './support';
import { builtDemo } from './build-dirs';

// The static demo (npm run build:demo → dist-demo/) served by a plain file server, as any static host would: no
// API behind it, the whole of Foros runs in the browser and keeps its data there.
const root = builtDemo;
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

function serveStatic(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, extname(path) ? '404.html' : 'index.html');
    res.writeHead(file.endsWith('404.html') && extname(path) ? 404 : 200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

const banner = 'Demostración: los datos se guardan solo en este navegador.';

async function logIn(page: Page, username: string) {
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill('demo-foros-2022');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

describe('the static demo (dist-demo/ on a plain file server, Chromium)', () => {
  let site: { url: string; server: Server };
  let browser: Browser;
  beforeAll(async () => {
    expect(existsSync(join(root, 'index.html')), `falta ${builtDemo}/: npm run build:demo`).toBe(true);
    site = await serveStatic();
    browser = await sharedBrowser();
  });
  afterAll(async () => {
    await new Promise((done) => site?.server.close(done));
  });

  it('keeps a change and the session across a reload, one tab at a time, and the reset brings the 2022 demo back', async () => {
    const context = await browser.newContext({ baseURL: site.url, locale: 'es-CO', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto('/');
    await page.getByText(banner).waitFor();
    await page.getByLabel('Usuario').waitFor();
    await expectAccessible(page, 'demo: inicio de sesión con el aviso');
    await screenshot(page, 'demo-login');
    await logIn(page, 'editora');

    await page.goto('/foros/1/editar');
    const topic = page.getByLabel('Tema', { exact: false }).first();
    await topic.waitFor();
    const original = await topic.inputValue();
    expect(original.length).toBeGreaterThan(0);
    await topic.fill('Tema cambiado en la demostración');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.waitForURL(/\/foros\/1$/);
    await page.getByText('Tema cambiado en la demostración').first().waitFor();

    // A reload: still logged in, the change still there.
    await page.reload();
    await page.getByText('Tema cambiado en la demostración').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/foros/1');
    await expectAccessible(page, 'demo: foro después de recargar');
    await screenshot(page, 'demo-after-reload');

    // A second tab waits for the first one, saying why, and opens when the first one closes.
    const second = await context.newPage();
    await second.goto('/foros/1');
    await second.getByRole('heading', { name: 'La demostración está abierta en otra pestaña' }).waitFor();
    await expectAccessible(second, 'demo: segunda pestaña en espera');
    await page.close();
    await second.getByText('Tema cambiado en la demostración').first().waitFor();

    // Reset asks first; cancelling keeps everything, confirming brings back the 2022 demo and logs out.
    await second.getByRole('button', { name: 'Restablecer datos de demostración' }).click();
    await second.getByRole('button', { name: 'Cancelar' }).click();
    await second.getByRole('button', { name: 'Restablecer datos de demostración' }).click();
    await second.getByRole('button', { name: 'Sí, restablecer' }).click();
    await second.getByLabel('Usuario').waitFor();
    await logIn(second, 'editora');
    await second.goto('/foros/1');
    await second.getByText(original).first().waitFor();
    expect(await second.getByText('Tema cambiado en la demostración').count()).toBe(0);
    await context.close();
  });

  it('where the browser refuses storage, says so and goes on in memory', async () => {
    const context = await browser.newContext({ baseURL: site.url, locale: 'es-CO', viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get: () => undefined }));
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto('/');
    await page.getByText(/no deja guardar los datos de la demostración/).waitFor();
    await logIn(page, 'revisor');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await context.close();
  });
});
