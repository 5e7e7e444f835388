import { benchAdminPassword, createWorkspace, withDatabase } from './server';
import { ms, times, type ReportRow } from './report';
import { startChild } from './processes';

/**
 * `npm run bench arranque`: from starting a server to its first 200 (GET /, the app's page), beside its baseline in
 * the same run, alternating, medians:
 * - the server as `npm run serve` runs it (node dist-server/main.mjs) against Hono's hello world on
 *   @hono/node-server (bench/baselines/hello-server.mjs);
 * - `npm start` a second time with nothing changed (no build) against `npm run serve`.
 * Both on a database that already exists (the second start of an installation). Needs `npm run build` first.
 */
export interface StartupBenchOptions {
  runs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function firstOk(command: string, args: string[], env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const server = await startChild(command, args, env);
  try {
    for (;;) {
      try {
        const res = await fetch(`${server.url}/`);
        await res.arrayBuffer();
        if (res.status === 200) return performance.now() - started;
        throw new Error(`HTTP ${res.status} en ${server.url}/:\n${server.output()}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('HTTP')) throw error;
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  } finally {
    await server.stop();
  }
}

export async function benchStartup(options: StartupBenchOptions = { runs: 5 }): Promise<ReportRow[]> {
  const section = 'Arranque';
  const workspace = createWorkspace();
  try {
    await withDatabase(workspace.dbFile, async () => undefined);
    const env = { PORT: '0', HOST: '127.0.0.1', FOROS_DB: workspace.dbFile, FOROS_DEMO: '1', FOROS_ADMIN_PASSWORD: benchAdminPassword };
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    // The first start creates the accounts and the demo; `npm start` builds here if the sources changed.
    await firstOk(npm, ['start'], env);
    const samples = { serve: [] as number[], hello: [] as number[], start: [] as number[], npmServe: [] as number[] };
    for (let i = 0; i < options.runs; i++) {
      samples.hello.push(await firstOk(process.execPath, ['bench/baselines/hello-server.mjs'], {}));
      samples.serve.push(await firstOk(process.execPath, ['dist-server/main.mjs'], env));
      samples.npmServe.push(await firstOk(npm, ['run', 'serve'], env));
      samples.start.push(await firstOk(npm, ['start'], env));
    }
    const [serve, hello, start, npmServe] = [median(samples.serve), median(samples.hello), median(samples.start), median(samples.npmServe)];
    return [
      {
        section,
        measure: `Servidor en frío hasta el primer 200 (node dist-server/main.mjs), mediana de ${options.runs}`,
        value: ms(serve),
        baseline: `hola mundo de Hono: ${ms(hello)}`,
        ratio: times(serve / hello),
        target: '≤ 3×',
        ok: serve / hello <= 3,
      },
      {
        section,
        measure: `npm start por segunda vez, sin cambios, hasta el primer 200, mediana de ${options.runs}`,
        value: ms(start),
        baseline: `npm run serve: ${ms(npmServe)}`,
        ratio: times(start / npmServe),
        target: '≤ 1.2×',
        ok: start / npmServe <= 1.2,
      },
    ];
  } finally {
    workspace.cleanup();
  }
}
