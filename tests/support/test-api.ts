import { createApi } from '../../src/api/create-api';
import type { ApiDeps } from '../../src/api/deps';
import { openNodeDatabase, openNodeDatabaseCopy, serializeNodeDatabase } from '../../src/db/node-driver';
import { bootstrap } from '../../src/api/bootstrap';
import { hashPassword } from '../../src/api/passwords';
import { insertUser } from '../../src/db/user-queries';
import type { Role } from '../../src/domain/user';
import { createNodeRasterizer } from '../../src/server/rasterizer-node';
import { createNodePdfRenderer } from '../../src/server/pdf-node';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema';
import { freshPostgresDatabase } from './postgres-test-database';

/** Which engine the API and db suites run on: SQLite in memory (project `node`) or PostgreSQL (project `postgres`). */
export const testEngine: 'sqlite' | 'postgres' = process.env.FOROS_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export const testPassword = 'contraseña-de-prueba';
export const fastIterations = 1000;
/** The origin of `app.request()` URLs: what a browser on the app sends as `Origin` on a write. */
export const testOrigin = 'http://localhost';
/** The socket address the tests' requests come from unless a call names another. */
export const testAddress = '127.0.0.1';

/** How a test request reached the server: `app.request(path, init, env)`'s env, read by the app's `connection`. */
export interface TestConnection {
  remoteAddress?: string;
  encrypted?: boolean;
}

export interface CallOptions {
  cookie?: string;
  body?: unknown;
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
  /** `Origin` of a write: the app's own by default; null sends none (a request that does not prove where it comes from). */
  origin?: string | null;
  /** The client's socket address (default 127.0.0.1). */
  address?: string;
  /** As if over TLS. */
  encrypted?: boolean;
}

/**
 * The migrated, bootstrapped database every test starts from (with and without the 2022 demo), built once per test
 * worker and copied per test: a copy costs far less than running the migrations and the bootstrap again.
 */
const templates = new Map<string, Promise<Buffer>>();

function template(demo: boolean, examples = false): Promise<Buffer> {
  const key = `${demo}:${examples}`;
  let image = templates.get(key);
  if (!image) {
    image = buildTemplate(demo, examples);
    templates.set(key, image);
  }
  return image;
}

async function buildTemplate(demo: boolean, examples: boolean): Promise<Buffer> {
  const db = await openNodeDatabase(':memory:');
  await prepareTemplate(db, demo, examples);
  const image = serializeNodeDatabase(db);
  await db.destroy();
  return image;
}

/** What every test database starts with: the bootstrap (and the demo when asked) and one account per role. */
async function prepareTemplate(db: Kysely<Database>, demo: boolean, examples: boolean): Promise<void> {
  await bootstrap(db, { demo, examples, adminPassword: testPassword, passwordIterations: fastIterations });
  const hash = await hashPassword(testPassword, fastIterations);
  const now = new Date().toISOString();
  const ensure = async (username: string, role: Role, displayName: string) => {
    const existing = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (existing) await db.updateTable('users').set({ password_hash: hash }).where('id', '=', existing.id).execute();
    else await insertUser(db, { username, displayName, role, passwordHash: hash }, now);
  };
  await ensure('editora', 'editor', 'Editora de prueba');
  await ensure('revisor', 'reviewer', 'Revisor de prueba');
}

/** A fresh, migrated database with the template's data, on the suite's engine. */
export async function freshTestDatabase(demo = false, examples = false): Promise<Kysely<Database>> {
  if (testEngine === 'postgres') return freshPostgresDatabase(`${demo}_${examples}`, (db) => prepareTemplate(db, demo, examples));
  return openNodeDatabaseCopy(await template(demo, examples));
}

/**
 * A fresh API over a fresh database (in-memory SQLite, or a schema of its own on PostgreSQL) with one account per role
 * (admin, editora, revisor; password `testPassword`) and, when asked, the 2022 demo forums.
 */
export async function createTestApi(options: Partial<Omit<ApiDeps, 'db'>> & { demo?: boolean; examples?: boolean } = {}) {
  const { demo, examples, ...deps } = options;
  return testApiOver(await freshTestDatabase(demo ?? false, examples ?? false), deps);
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/** What `arrange` made, per key: the database it left (SQLite's image; on PostgreSQL, a template schema) and what it returned. */
const arranged = new Map<string, Promise<{ image?: Buffer; value: unknown }>>();

/**
 * A fresh API over a fresh database holding what `arrange` did through the API — run once per test worker and key,
 * then copied for every call as the plain test database is — and what `arrange` returned (ids, session cookies: the
 * sessions are rows of the copy). For a matrix of tests that each need the same arranged data before the one request
 * they check: each test still gets its own database and its own API, as if it had arranged the data itself.
 * `key` names the arrangement; the files of a worker share one module graph, so it must be unique across files.
 */
export async function createArrangedTestApi<T>(key: string, arrange: (api: TestApi) => Promise<T>): Promise<TestApi & { arranged: T }> {
  if (testEngine === 'postgres') {
    // The template schema is built once per worker and key (freshPostgresDatabase): `arrange` runs there.
    const db = await freshPostgresDatabase(`arranged_${key}`, async (template) => {
      await prepareTemplate(template, false, false);
      const value = await arrange(testApiOver(template));
      arranged.set(key, Promise.resolve({ value }));
    });
    return { ...testApiOver(db), arranged: (await arranged.get(key)!).value as T };
  }
  let entry = arranged.get(key);
  if (!entry) {
    entry = (async () => {
      const db = openNodeDatabaseCopy(await template(false, false));
      const value = await arrange(testApiOver(db));
      const image = serializeNodeDatabase(db);
      await db.destroy();
      return { image, value };
    })();
    arranged.set(key, entry);
  }
  const { image, value } = await entry;
  return { ...testApiOver(openNodeDatabaseCopy(image!)), arranged: value as T };
}

/** Another API instance over the same database (a restart of the server, or a second process). */
export function testApiOn(db: Kysely<Database>, deps: Partial<Omit<ApiDeps, 'db'>> = {}) {
  return testApiOver(db, deps);
}

/** The API over `db`, with the helpers the tests call it through. */
function testApiOver(db: Kysely<Database>, deps: Partial<Omit<ApiDeps, 'db'>> = {}) {
  const rasterizeSvg = deps.rasterizeSvg ?? createNodeRasterizer();
  const app = createApi({
    db,
    passwordIterations: fastIterations,
    rasterizeSvg,
    renderReportPdf: createNodePdfRenderer(rasterizeSvg),
    connection: (c) => ({ remoteAddress: testAddress, ...((c.env ?? {}) as TestConnection) }),
    ...deps,
  });

  /** JSON request helper: a write carries the app's Origin and a JSON content type unless told otherwise. */
  async function call(method: string, path: string, options: CallOptions = {}) {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.cookie) headers.cookie = options.cookie;
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (options.rawBody !== undefined) body = typeof options.rawBody === 'string' ? options.rawBody : new Uint8Array(options.rawBody);
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    const writes = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    if (writes && !('content-type' in headers)) headers['content-type'] = 'application/json';
    if (writes && !('origin' in headers) && options.origin !== null) headers.origin = options.origin ?? testOrigin;
    const env: TestConnection = { remoteAddress: options.address ?? testAddress, encrypted: options.encrypted };
    return app.request(path, { method, headers, body }, env);
  }

  /** Logs in and returns the Cookie header value for later requests. */
  async function login(username: string, password = testPassword): Promise<string> {
    const res = await call('POST', '/api/session', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status}`);
    const cookie = res.headers.get('set-cookie') ?? '';
    return cookie.split(';')[0];
  }

  return { app, db, login, call };
}
