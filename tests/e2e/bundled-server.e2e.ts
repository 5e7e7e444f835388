import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtApp, builtServer } from './build-dirs';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` runs the bundled server (dist-server/main.mjs, scripts/build-server.mjs), not the TypeScript the
// other tests load: the bundle must keep what the sources do. The password policy loads zxcvbn and its
// dictionaries lazily, the part of the bundle most likely to break (a package resolved to another build).
const dir = mkdtempSync(join(tmpdir(), 'foros-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startBundled(dbName: string, adminPassword: string) {
  const child = spawn(process.execPath, [builtServer], {
    env: { ...process.env, FOROS_DIST_DIR: builtApp, PORT: '0', HOST: '127.0.0.1', FOROS_DB: join(dir, dbName), FOROS_DEMO: '0', FOROS_ADMIN_PASSWORD: adminPassword, FOROS_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const found = /listo en (http:\/\/\S+)/.exec(output);
      if (found) resolve(found[1].replace('localhost', '127.0.0.1'));
    });
    child.on('exit', (code) => reject(new Error(`el servidor terminó (${code}): ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { ready, exited, output: () => output, stop: () => child.kill() };
}

describe('the bundled server (what npm start runs)', () => {
  it('refuses a strong-looking but common FOROS_ADMIN_PASSWORD at the first start, saying why', async () => {
    expect(existsSync(builtServer), `falta ${builtServer}: npm run build`).toBe(true);
    const server = startBundled('weak.sqlite', 'Password1234');
    server.ready.catch(() => undefined);
    expect(await server.exited).not.toBe(0);
    expect(server.output()).toContain('FOROS_ADMIN_PASSWORD no cumple la política de contraseñas');
    expect(server.output()).not.toContain('is not a constructor');
  });

  it('starts with a good admin password, and the accounts page refuses a common password with the Spanish reason', async () => {
    const adminPassword = 'Orquídea-Nevado-2026';
    const server = startBundled('good.sqlite', adminPassword);
    try {
      const url = await server.ready;
      // It sends the app from the folder FOROS_DIST_DIR names (npm test's build is not in dist/).
      const page = await fetch(`${url}/login`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const headers = { 'content-type': 'application/json', origin: url };
      const login = await fetch(`${url}/api/session`, { method: 'POST', headers, body: JSON.stringify({ username: 'admin', password: adminPassword }) });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const weak = await fetch(`${url}/api/users`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify({ username: 'ana', displayName: 'Ana Ruiz', role: 'editor', password: 'contraseña1234' }) });
      expect(weak.status).toBe(400);
      const problem = (await weak.json()) as { errors?: { path: string; message: string }[] };
      expect(problem.errors?.find((e) => e.path === 'password')?.message).toMatch(/contraseña/i);
      const strong = await fetch(`${url}/api/users`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify({ username: 'ana', displayName: 'Ana Ruiz', role: 'editor', password: 'Guadua-Cafetal-Río-93' }) });
      expect(strong.status).toBe(201);
    } finally {
      server.stop();
    }
  });
});
