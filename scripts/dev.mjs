// `npm run dev`: the API server (tsx src/server/main.ts) and the Vite dev server, together.
// Vite proxies /api to the API (vite.config.ts reads API_PORT). Output of both is forwarded with a
// prefix; when either stops, or on Ctrl+C / SIGTERM, both are stopped.
//
// Environment: API_PORT (default 3001) is the API's port; FOROS_DB (default ./data/foros.sqlite) and
// the other FOROS_* variables go to the API unchanged; anything after `--` goes to Vite
// (e.g. `npm run dev -- --port 5174 --host`).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const apiPort = process.env.API_PORT || '3001';
const color = process.stdout.isTTY ? { FORCE_COLOR: '1' } : {};

/** The JS file behind a package's bin, run with this same node (no shell, works on Windows too). */
function binOf(pkg, name = pkg) {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return join(dirname(manifestPath), typeof bin === 'string' ? bin : bin[name]);
}

const children = new Map();
let stopping = false;

function start(label, args, env) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...color, ...env }, stdio: ['inherit', 'pipe', 'pipe'] });
  children.set(label, child);
  const prefix = `[${label}] `;
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    let rest = '';
    from.setEncoding('utf8');
    from.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) to.write(prefix + line + '\n');
    });
    from.on('end', () => {
      if (rest) to.write(prefix + rest + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    children.delete(label);
    if (!stopping) {
      console.error(`[dev] ${label} terminó (${signal ?? `código ${code}`}); se detiene todo.`);
      stop(code ?? 1);
    } else if (children.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
  return child;
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  if (children.size === 0) process.exit(code);
  for (const child of children.values()) child.kill('SIGTERM');
  // Whoever ignores SIGTERM gets SIGKILL.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(code);
  }, 5000).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('exit', () => {
  for (const child of children.values()) child.kill('SIGKILL');
});

start('api', [binOf('tsx'), 'src/server/main.ts'], {
  PORT: apiPort,
  HOST: process.env.HOST || '127.0.0.1',
  FOROS_DB: process.env.FOROS_DB || './data/foros.sqlite',
});
const viteArgs = process.argv.slice(2);
if (viteArgs[0] === '--') viteArgs.shift();
start('web', [binOf('vite'), ...viteArgs], { API_PORT: apiPort });
