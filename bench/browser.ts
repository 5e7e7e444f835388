import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningServer } from '../src/server/start-server';
import { benchAdminPassword, createWorkspace, startBenchServer, type BenchWorkspace } from './server';
import { ms, type ReportRow } from './report';

/** One step of a flow driven in Chromium: how long it took and the main thread's long tasks (> 50 ms) meanwhile. */
export interface BrowserStep {
  label: string;
  ms: number;
  longTasks: number[];
}

export interface BrowserBench {
  page: Page;
  server: RunningServer;
  workspace: BenchWorkspace;
  /** Runs `run`, then waits a moment so a task still running after the visible change is counted with this step. */
  step: (label: string, run: () => Promise<void>) => Promise<void>;
  steps: BrowserStep[];
}

/** Long tasks seen by the page (PerformanceObserver "longtask"), collected in `window.__longTasks`. */
const observeLongTasks = () => {
  const w = window as unknown as { __longTasks: number[] };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
};

const takeLongTasks = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    const seen = w.__longTasks;
    w.__longTasks = [];
    return seen;
  });

/** FOROS_BENCH_PROFILE=1: samples the page's main thread (CDP Profiler) and returns the functions with most self time. */
async function startProfiler(page: Page): Promise<() => Promise<string>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map<number, number>();
    profile.samples?.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
    const byFunction = new Map<string, number>();
    for (const node of profile.nodes) {
      const where = `${node.callFrame.url.split('/').pop() ?? ''}:${node.callFrame.lineNumber + 1}:${node.callFrame.columnNumber + 1}`;
      const key = `${node.callFrame.functionName || '(anónima)'} ${where}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + (self.get(node.id) ?? 0));
    }
    await cdp.detach();
    return [...byFunction]
      .filter(([key]) => !key.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([key, micros]) => `  ${ms(micros / 1000).padStart(11)}  ${key}`)
      .join('\n');
  };
}

/**
 * The real server on a temporary SQLite file (with the 2022 demo on request) and Debian's Chromium logged in as
 * admin; `flow` drives the page
 * through `step`s, and `prepare` opens the page where the flow starts (its long tasks are not counted).
 */
export async function inBrowser(
  prepare: (bench: BrowserBench) => Promise<void>,
  flow: (bench: BrowserBench) => Promise<void>,
  options: { demo?: boolean } = {},
): Promise<BrowserStep[]> {
  const workspace = createWorkspace();
  const server = await startBenchServer(workspace.dbFile, undefined, options.demo ?? false);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ baseURL: server.url, locale: 'es-CO', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.addInitScript(observeLongTasks);
    await page.goto('/login');
    await page.getByLabel('Usuario').fill('admin');
    await page.getByLabel('Contraseña').fill(benchAdminPassword);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL('**/inicio');
    await page.getByRole('heading', { level: 1, name: 'Inicio' }).waitFor();
    const steps: BrowserStep[] = [];
    const bench: BrowserBench = {
      page,
      server,
      workspace,
      steps,
      step: async (label, run) => {
        const profiler = process.env.FOROS_BENCH_PROFILE ? await startProfiler(page) : null;
        const start = performance.now();
        await run();
        const elapsed = performance.now() - start;
        await page.waitForTimeout(300);
        steps.push({ label, ms: elapsed, longTasks: await takeLongTasks(page) });
        if (profiler) console.log(`Perfil del hilo principal: ${label}\n${await profiler()}`);
      },
    };
    await prepare(bench);
    await takeLongTasks(page);
    await flow(bench);
    await context.close();
    return steps;
  } finally {
    await browser?.close();
    await server.close();
    workspace.cleanup();
  }
}

/** Report rows: each step's time (with its longest task), the total, and the longest task of all against the target. */
export function browserRows(section: string, flow: string, steps: BrowserStep[], longestTaskTargetMs: number): ReportRow[] {
  const longTasks = steps.flatMap((s) => s.longTasks);
  const longest = Math.max(0, ...longTasks);
  const blocked = longTasks.reduce((sum, d) => sum + (d - 50), 0);
  return [
    ...steps.map((s) => ({ section, measure: `${flow}: ${s.label} (tarea más larga ${ms(Math.max(0, ...s.longTasks))})`, value: ms(s.ms) })),
    { section, measure: `  en total`, value: ms(steps.reduce((sum, s) => sum + s.ms, 0)) },
    {
      section,
      measure: `  tarea más larga del hilo principal (${longTasks.length} tareas > 50 ms; bloqueo total ${ms(blocked)})`,
      value: ms(longest),
      target: `≤ ${longestTaskTargetMs} ms`,
      ok: longest <= longestTaskTargetMs,
    },
  ];
}
