import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { benchAdminPassword, benchReadsPerMinute } from './server';
import { summarize } from './stats';

/** A server started as a child process; `url` comes from the line it prints when ready. */
export interface ChildServer {
  url: string;
  /** Milliseconds from spawn to the printed URL. */
  readyMs: number;
  output: () => string;
  /** The child's process id (for its CPU time in /proc). */
  pid: number | undefined;
  stop: () => Promise<void>;
}

/**
 * Starts `command args…` with `env` and waits for a line with `http://…` on stdout. The bench runs the servers it
 * compares as child processes, so the load generator (this process) does not share their event loop.
 */
export function startChild(command: string, args: string[], env: Record<string, string> = {}, timeoutMs = 180_000): Promise<ChildServer> {
  const started = performance.now();
  // Its own process group, so stopping `npm start` also stops the node it started.
  const child: ChildProcess = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    }
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${command} ${args.join(' ')} no quedó listo en ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /(http:\/\/[\w.:-]+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve({ url, readyMs: performance.now() - started, output: () => output, pid: child.pid, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} terminó (código ${code}) antes de estar listo:\n${output}`));
    });
  });
}

/** GET with a keep-alive agent; resolves with the status and the whole body. */
export function httpGet(url: string, headers: Record<string, string>, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export const keepAliveAgent = (sockets = 20) => new Agent({ keepAlive: true, maxSockets: sockets });

/** `clients` concurrent keep-alive clients GET the paths (round robin) for `ms`; answers per second. */
export async function throughput(base: string, paths: string[], headers: Record<string, string>, clients: number, ms: number): Promise<number> {
  const agent = keepAliveAgent(clients);
  let next = 0;
  let done = 0;
  const end = performance.now() + ms;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const { status } = await httpGet(base + paths[next++ % paths.length], headers, agent);
        if (status !== 200) throw new Error(`HTTP ${status} en ${base}`);
        done++;
      }
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  return (done / elapsed) * 1000;
}

/**
 * Foros as `npm start` runs it, from source (`tsx src/server/main.ts`), on `dbFile`, on a free port of 127.0.0.1,
 * default PBKDF2 cost, warnings only; `env` adds or overrides variables, `nodeArgs` go to node (e.g. --cpu-prof).
 */
export async function startSourceServer(dbFile: string, env: Record<string, string> = {}, nodeArgs: string[] = []) {
  const child = await startChild(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/server/main.ts'], { PORT: '0', HOST: '127.0.0.1', FOROS_DB: dbFile, FOROS_ADMIN_PASSWORD: benchAdminPassword, FOROS_LOG_LEVEL: 'warn', FOROS_READS_PER_MINUTE: benchReadsPerMinute, ...env }, 120_000);
  const port = Number(new URL(child.url).port);
  return { port, origin: `http://127.0.0.1:${port}`, pid: child.pid, stop: child.stop };
}

/** What `load` measured: answers per second, latency of every answer, and the requests that failed. */
export interface LoadResult {
  perSecond: number;
  latency: ReturnType<typeof summarize>;
  errors: number;
  /** The first few failures, to print when there are any. */
  failures: string[];
}

/**
 * `clients` concurrent clients, each on its own keep-alive connection, spread round robin over `bases` (several
 * server processes behind a balancer), GET the paths for `ms`; every answer timed, every non-200 or broken
 * connection counted as an error (never thrown: the run goes on and reports them).
 */
export async function load(bases: string[], paths: string[], headers: Record<string, string>, clients: number, ms: number): Promise<LoadResult> {
  const agents = bases.map(() => keepAliveAgent(Math.ceil(clients / bases.length)));
  const samples: number[] = [];
  const failures: string[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const end = started + ms;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const base = bases[client % bases.length];
      const agent = agents[client % bases.length];
      while (performance.now() < end) {
        const path = paths[next++ % paths.length];
        const t0 = performance.now();
        try {
          const { status } = await httpGet(base + path, headers, agent);
          if (status === 200) samples.push(performance.now() - t0);
          else {
            errors++;
            if (failures.length < 5) failures.push(`HTTP ${status} ${base}${path}`);
          }
        } catch (error) {
          errors++;
          if (failures.length < 5) failures.push(`${base}${path}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }),
  );
  const elapsed = performance.now() - started;
  for (const agent of agents) agent.destroy();
  return { perSecond: (samples.length / elapsed) * 1000, latency: summarize(samples), errors, failures };
}
