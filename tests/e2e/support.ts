import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, onTestFinished } from 'vitest';
import { bogotaToday } from '../../src/domain/bogota-date';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { validForum } from '../support/api-assertions';
import { builtApp } from './build-dirs';

/**
 * Debian's Chromium (or CHROMIUM_PATH). Browser downloads are not possible here. Debian's «headless shell» of the
 * same Chromium (package chromium-headless-shell, what Playwright itself runs headless tests in) comes first when
 * installed: the same engine without the desktop browser around it, about a fifth less CPU per page.
 */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  try {
    const found = execSync('command -v chromium || command -v chromium-browser', { encoding: 'utf8' }).trim();
    return found || null;
  } catch {
    return null;
  }
}

export const chromiumPath = findChromium();

// Without Chromium the end-to-end tests fail with this message, unless FOROS_SKIP_E2E=1 says to skip them (a
// choice someone made, printed in the log), so a run without a browser never passes silently.
if (!chromiumPath) {
  const message = 'Chromium no está instalado: instálelo con "apt-get install -y chromium" o defina CHROMIUM_PATH (o FOROS_SKIP_E2E=1 para omitir a propósito las pruebas de extremo a extremo).';
  if (process.env.FOROS_SKIP_E2E !== '1') throw new Error(message);
  console.warn(`\n${'!'.repeat(80)}\nFOROS_SKIP_E2E=1: se omiten las pruebas de extremo a extremo.\n${'!'.repeat(80)}\n`);
}

export interface E2eEnv {
  server: RunningServer;
  browser: Browser;
  passwords: Record<string, string>;
  close: () => Promise<void>;
}

export const adminPassword = 'admin-e2e-contraseña';

let browser: Promise<Browser> | undefined;

/**
 * The worker's headless Chromium, launched by the first file that asks and shared by the files after it (the e2e
 * config runs a worker's files in one module graph): each test still gets its own context — its own cookies,
 * storage and cache — so sharing the browser process changes nothing a test sees. Playwright ends the browser
 * when the worker exits; one that crashed or was closed is launched again.
 */
export async function sharedBrowser(): Promise<Browser> {
  const current = browser ? await browser.catch(() => undefined) : undefined;
  if (current?.isConnected()) return current;
  browser = chromium.launch({
    executablePath: chromiumPath!,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return browser;
}

/** The built SPA served by the real server on a temporary SQLite file, with the 2022 demo, and a headless Chromium. */
export async function startE2e(options: { publicFormMinMs?: number } = {}): Promise<E2eEnv> {
  if (!existsSync(join(builtApp, 'index.html'))) throw new Error(`Falta ${builtApp}/: ejecute "npm run build" antes de las pruebas e2e (npm run test:e2e lo hace).`);
  const dir = mkdtempSync(join(tmpdir(), 'foros-e2e-'));
  const server = await startServer({ port: 0, dbFile: join(dir, 'foros.sqlite'), demo: true, adminPassword, passwordIterations: 2000, logLevel: 'warn', publicFormMinMs: options.publicFormMinMs, distDir: builtApp });
  const passwords = Object.fromEntries(server.accounts.map((a) => [a.username, a.password]));
  return {
    server,
    browser: await sharedBrowser(),
    passwords,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * This year on the public «Participa» page, set up by the office through the API as the app would send it: a forum
 * still to come (its question form), one held (its evaluation form), a consultation open all year with `topics` (the
 * vote), and the year's page published with the calendar, the consultation and a privacy notice.
 */
export async function arrangeParticipaYear(env: E2eEnv, options: { plannedForum: string; topics: { title: string; description: string }[] }) {
  const year = Number(bogotaToday().slice(0, 4));
  const today = bogotaToday();
  const session = await fetch(new URL('/api/session', env.server.url), { method: 'POST', headers: { 'content-type': 'application/json', origin: env.server.url }, body: JSON.stringify({ username: 'admin', password: env.passwords.admin }) });
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0]!;
  const asAdmin = async (method: string, path: string, body: unknown) => {
    const res = await fetch(new URL(path, env.server.url), { method, headers: { 'content-type': 'application/json', origin: env.server.url, cookie }, body: JSON.stringify(body) });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return res.json() as Promise<Record<string, unknown>>;
  };
  await asAdmin('POST', '/api/forums', validForum({ year, title: options.plannedForum, date: today, time: null, status: 'planned', questions: [] }));
  await asAdmin('POST', '/api/forums', validForum({ year, title: 'Foro de salud', date: today, time: null, status: 'held', questions: [] }));
  await asAdmin('POST', '/api/consultations', { year, title: `Consulta ${year}`, openDate: `${year}-01-01`, closeDate: `${year}-12-31`, channels: ['web', 'foros'], status: 'open', note: '', topics: options.topics.map((t) => ({ ...t, proposingTeam: '' })) });
  const current = (await (await fetch(new URL(`/api/publication/${year}`, env.server.url), { headers: { cookie } })).json()) as { version: number; settings: Record<string, unknown> & { show: Record<string, boolean> } };
  await asAdmin('PUT', `/api/publication/${year}`, {
    ...current.settings,
    version: current.version,
    entityName: 'Entidad de prueba',
    consultationOpen: true,
    privacyNotice: 'La entidad trata su nombre y contacto solo para responderle (Ley 1581 de 2012).',
    show: { ...current.settings.show, calendar: true, consultation: true },
  });
}

/** A console line Chromium writes when the Content-Security-Policy blocks something (page or worker). */
const cspViolation = /Content Security Policy|Content-Security-Policy|violates the following/i;

/**
 * A page in a fresh context. The app runs under the server's real Content-Security-Policy: any violation the page
 * or its workers report (console, or a `securitypolicyviolation` event) fails the test that opened the page.
 */
export async function newPage(env: E2eEnv): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({ baseURL: env.server.url, locale: 'es-CO', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const violations: string[] = [];
  context.on('console', (message) => {
    if (cspViolation.test(message.text())) violations.push(`${message.type()}: ${message.text()}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  // The browser outlives the test: its context goes with it, even when the test failed before closing it.
  onTestFinished(() => context.close());
  onTestFinished(() => {
    expect(violations, 'violaciones de la Content-Security-Policy').toEqual([]);
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}

/**
 * Logged in as `username` on the start page. The session comes from the API (the same POST /api/session the login
 * form sends, into this context's cookies), then the app opens at /inicio: one page load instead of two. The login
 * form itself is exercised by `loginThroughForm` (tests/e2e/forums.e2e.ts, every role).
 *
 * `{ open: false }`: only the session, for a test whose next step is the API or a page at its own address — the start
 * page would be a whole load of the app (a second of the browser's CPU) that nobody looks at.
 */
export async function login(env: E2eEnv, page: Page, username: string, options: { open?: boolean } = {}) {
  const res = await page.request.post('/api/session', {
    data: { username, password: env.passwords[username] },
    headers: { origin: env.server.url, 'content-type': 'application/json' },
  });
  expect(res.status(), `inicio de sesión de ${username}`).toBe(200);
  if (options.open === false) return;
  await page.goto('/inicio');
  await page.getByRole('heading', { level: 1, name: 'Inicio' }).waitFor();
}

/** Logged in through the login page, as a person does: the form, «Ingresar», and the start page behind it. */
export async function loginThroughForm(env: E2eEnv, page: Page, username: string) {
  await page.goto('/login');
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill(env.passwords[username]);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL('**/inicio');
  // The app loads behind the login (main.tsx): wait for its first page, the start page, as a person does.
  await page.getByRole('heading', { level: 1, name: 'Inicio' }).waitFor();
}

/**
 * axe-core as @axe-core/playwright ships it (its own dependency, so the version is the one it was made for), in its
 * minified build: the same rules, 0.58 MB of script instead of the 1.3 MB `axe.source` — the browser parses it at every
 * page load that is checked, about half as long.
 */
const axeSource: string = readFileSync(createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'), 'utf8');
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}
type AxeWindow = { axe?: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } };

/**
 * axe on the current page: no critical, serious or moderate violation of the WCAG 2.2 A/AA rules and axe's best
 * practices (landmarks, heading order, one h1, unique landmark names — what a screen-reader user navigates by).
 * Only «minor» findings are tolerated. What @axe-core/playwright's legacy mode does (the app has no cross-origin
 * frames, the only ones that mode leaves out), at a fraction of the cost: axe is put into each frame once per page
 * load rather than twice per check, and the run reports only its violations — the same rules on the same nodes,
 * without serialising every node that passed (most of a check's time on these pages).
 */
export async function expectAccessible(page: Page, label: string) {
  // A Mantine dialog is named by its title one React effect after it first shows (ModalBase sets aria-labelledby once
  // the title has mounted): axe run in between reports «aria-dialog-name» on a dialog a person sees titled. Wait,
  // within a bound, until every open dialog is named; a dialog that never is still reaches axe and fails.
  await page
    .waitForFunction(() => [...document.querySelectorAll('[role="dialog"], [role="alertdialog"]')].every((d) => d.hasAttribute('aria-labelledby') || d.hasAttribute('aria-label')), undefined, { timeout: 5_000 })
    .catch(() => undefined);
  for (const frame of page.frames()) {
    try {
      if (await frame.evaluate(() => typeof (window as unknown as AxeWindow).axe?.run === 'function')) continue;
      await frame.evaluate(axeSource);
      await frame.evaluate(`axe.configure({ allowedOrigins: ['<same_origin>'], branding: { application: 'playwright' } })`);
    } catch (error) {
      // A child frame that cannot take axe is left out, as @axe-core/playwright does; the page itself must.
      if (frame === page.mainFrame()) throw error;
    }
  }
  const violations = await page.evaluate(
    (tags) => (window as unknown as AxeWindow).axe!.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }).then((r) => r.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((n) => ({ target: n.target })) }))),
    axeTags,
  );
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.impact === 'moderate');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(summary, `axe en ${label}`).toEqual([]);
}

/** Screenshots for a person to look at, when FOROS_SCREENSHOTS is set to a folder. */
export async function screenshot(page: Page, name: string) {
  const dir = process.env.FOROS_SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
