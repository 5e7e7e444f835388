import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { kb, type ReportRow } from './report';

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
