import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { kb, kib, times, type ReportRow } from './report';

export interface BundleBenchOptions {
  distDir: string;
  /** Target for the gzip size of the JS the first screen loads, in bytes. */
  initialTargetBytes: number;
  /** How many of the largest lazy chunks to list. */
  largestLazy: number;
}

export const defaultBundleBench: BundleBenchOptions = { distDir: process.env.BENCH_DIST ?? 'dist', initialTargetBytes: 200 * 1024, largestLazy: 5 };

interface Chunk {
  file: string;
  raw: number;
  gzip: number;
}

const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    attrs[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return attrs;
}

/** The JS files index.html loads up front: module entry scripts and modulepreload links, as paths relative to dist. */
export function initialScripts(indexHtml: string): string[] {
  const found = new Set<string>();
  for (const [tag] of indexHtml.matchAll(/<script\b[^>]*>/gi)) {
    const a = attributes(tag.slice(7, -1));
    if (a.type === 'module' && a.src) found.add(a.src);
  }
  for (const [tag] of indexHtml.matchAll(/<link\b[^>]*>/gi)) {
    const a = attributes(tag.slice(5, -1));
    if (a.rel?.split(/\s+/).includes('modulepreload') && a.href) found.add(a.href);
  }
  return [...found].filter((src) => !/^(https?:)?\/\//.test(src)).map((src) => posix.normalize(src.replace(/[?#].*$/, '').replace(/^\.?\//, '')));
}

function jsFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return jsFilesUnder(full);
    return /\.m?js$/.test(name) ? [full] : [];
  });
}

/** Gzip (level 9) sizes of the first-screen JS, of all JS in dist/assets, and the largest lazy chunks. */
export function benchBundle(options: BundleBenchOptions = defaultBundleBench): ReportRow[] {
  const section = 'Bundle (JS gzip -9)';
  const distDir = resolve(options.distDir);
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    return [
      {
        section,
        measure: 'JS inicial',
        value: `SIN MEDIR: no existe ${relative(process.cwd(), indexFile) || indexFile} (¿falta index.html / src/client o no se compiló?)`,
        target: `≤ ${kb(options.initialTargetBytes)}`,
      },
    ];
  }

  const initialRel = initialScripts(readFileSync(indexFile, 'utf8'));
  const missing = initialRel.filter((rel) => !existsSync(join(distDir, rel)));
  const initial: Chunk[] = initialRel
    .filter((rel) => existsSync(join(distDir, rel)))
    .map((rel) => ({ file: rel, raw: statSync(join(distDir, rel)).size, gzip: gzipSize(join(distDir, rel)) }));
  const initialSet = new Set(initial.map((c) => c.file));
  const all: Chunk[] = jsFilesUnder(join(distDir, 'assets')).map((full) => {
    const file = relative(distDir, full).split('\\').join('/');
    return { file, raw: statSync(full).size, gzip: gzipSize(full) };
  });
  const lazy = all.filter((c) => !initialSet.has(c.file)).sort((a, b) => b.gzip - a.gzip);

  const sum = (chunks: Chunk[], key: 'raw' | 'gzip') => chunks.reduce((acc, c) => acc + c[key], 0);
  const initialGzip = sum(initial, 'gzip');
  const rows: ReportRow[] = [
    {
      section,
      measure: `JS inicial (${initial.length} archivos: entrada + modulepreload)`,
      value: `${kb(initialGzip)} (sin comprimir ${kb(sum(initial, 'raw'))})`,
      target: `≤ ${kb(options.initialTargetBytes)}`,
      ok: initial.length > 0 && missing.length === 0 && initialGzip <= options.initialTargetBytes,
    },
  ];
  for (const c of initial) rows.push({ section, measure: `  inicial: ${c.file}`, value: kb(c.gzip) });
  for (const file of missing) rows.push({ section, measure: `  inicial FALTANTE: ${file}`, value: 'no está en dist', ok: false });
  rows.push({ section, measure: `Todo el JS de dist/assets (${all.length} archivos)`, value: `${kb(sum(all, 'gzip'))} (sin comprimir ${kb(sum(all, 'raw'))})` });
  rows.push({ section, measure: `JS diferido (${lazy.length} fragmentos)`, value: kb(sum(lazy, 'gzip')) });
  for (const c of lazy.slice(0, options.largestLazy)) rows.push({ section, measure: `  diferido: ${c.file}`, value: kb(c.gzip) });
  return rows;
}

/** The baseline app (bench/baselines/minimal-app) built by Vite into a temporary folder: its initial JS, gzip -9. */
async function minimalAppBytes(): Promise<number> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const outDir = mkdtempSync(join(tmpdir(), 'foros-minimal-app-'));
  try {
    await build({ root: resolve('bench/baselines/minimal-app'), configFile: false, logLevel: 'silent', plugins: [react()], build: { outDir, emptyOutDir: true } });
    const scripts = initialScripts(readFileSync(join(outDir, 'index.html'), 'utf8'));
    return scripts.reduce((sum, rel) => sum + gzipSize(join(outDir, rel)), 0);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * What a person downloads, measured in Chromium against the real server on the built app: the JavaScript files
 * requested from opening `/` until the login form can be typed in, then until the forum list shows after logging
 * in (sizes: the files in dist, gzip -9). Beside them, the minimal app's JS built in the same run.
 */
export async function benchFirstScreen(distDir = defaultBundleBench.distDir): Promise<ReportRow[]> {
  const section = 'Primera pantalla (JS gzip -9)';
  const { chromium } = await import('playwright-core');
  const { benchAdminPassword, createWorkspace, startBenchServer } = await import('./server');
  const dist = resolve(distDir);
  const workspace = createWorkspace();
  const server = await startBenchServer(workspace.dbFile, dist, true);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await (await browser.newContext({ baseURL: server.url, locale: 'es-CO' })).newPage();
    page.setDefaultTimeout(120_000);
    const requested = new Set<string>();
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (/\.m?js$/.test(path)) requested.add(path.replace(/^\//, ''));
    });
    const bytes = () => [...requested].reduce((sum, rel) => sum + (existsSync(join(dist, rel)) ? gzipSize(join(dist, rel)) : 0), 0);
    // Asked for /foros: the login sends there (a plain login lands on the start page, /inicio).
    await page.goto('/foros');
    const username = page.getByLabel('Usuario');
    await username.waitFor({ state: 'visible' });
    await username.fill('admin');
    const loginFiles = requested.size;
    const loginSet = new Set(requested);
    const login = bytes();
    await page.getByLabel('Contraseña').fill(benchAdminPassword);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL('**/foros');
    await page.getByRole('table', { name: 'Lista de foros' }).waitFor({ state: 'visible' });
    const forums = bytes();
    const forumFiles = new Set(requested);
    const baseline = await minimalAppBytes();
    return [
      {
        section,
        measure: `Antes de poder escribir en el formulario de inicio de sesión (${loginFiles} archivos)`,
        value: kib(login),
        baseline: `app mínima: ${kib(baseline)}`,
        ratio: times(login / baseline),
        target: '≤ 120 KiB',
        ok: login <= 120 * 1024,
      },
      { section, measure: `Inicio de sesión + /foros (${forumFiles.size} archivos)`, value: kib(forums), baseline: `app mínima: ${kib(baseline)}`, ratio: times(forums / baseline), target: '≤ 180 KiB', ok: forums <= 180 * 1024 },
      // Each file, largest first: where a change to the first screen's weight shows.
      ...[...forumFiles]
        .filter((rel) => existsSync(join(dist, rel)))
        .map((rel) => ({ rel, size: gzipSize(join(dist, rel)) }))
        .sort((a, b) => b.size - a.size)
        .map(({ rel, size }) => ({ section, measure: `  ${loginSet.has(rel) ? 'inicio de sesión' : '/foros'}: ${rel}`, value: kib(size) })),
    ];
  } finally {
    await browser.close();
    await server.close();
    workspace.cleanup();
  }
}
