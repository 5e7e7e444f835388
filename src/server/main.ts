import { WeakPasswordError } from '../api/bootstrap';
import { NewerSchemaError } from '../db/migrations';
import { startServer } from './start-server';
import { isPostgresUrl } from '../db/pg-driver';

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Hours from the environment (decimals allowed), as milliseconds. */
function hours(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback * 3600_000;
  const value = Number(raw.replace(',', '.'));
  if (!Number.isFinite(value) || value <= 0 || value > 24 * 365) fail(`${name} no válido: «${raw}» (escriba un número de horas mayor que 0).`);
  return value * 3600_000;
}

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT no válido: ${process.env.PORT}`);

/** A whole number from the environment within [min, max]. */
function whole(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) fail(`${name} no válido: «${raw}» (escriba un número entero entre ${min} y ${max}).`);
  return value;
}

const idleMs = hours('FOROS_SESSION_IDLE_HOURS', 8);
const maxMs = hours('FOROS_SESSION_MAX_HOURS', 24);
if (idleMs > maxMs) fail('FOROS_SESSION_IDLE_HOURS no puede ser mayor que FOROS_SESSION_MAX_HOURS.');

// DATABASE_URL=postgres://… runs on PostgreSQL; without it, the SQLite file FOROS_DB.
const databaseUrl = process.env.DATABASE_URL || undefined;
if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) fail('DATABASE_URL no válida: debe empezar por postgres:// o postgresql:// (sin ella se usa el archivo SQLite de FOROS_DB).');
const poolSize = Number(process.env.DATABASE_POOL_SIZE || 10);
if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000) fail(`DATABASE_POOL_SIZE no válido: «${process.env.DATABASE_POOL_SIZE}» (un entero entre 1 y 1000).`);

let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer({
    port,
    dbFile: process.env.FOROS_DB ?? './data/foros.sqlite',
    databaseUrl,
    poolSize,
    demo: flag(process.env.FOROS_DEMO, true),
    demoExamples: flag(process.env.FOROS_DEMO_EXAMPLES, true),
    adminPassword: process.env.FOROS_ADMIN_PASSWORD,
    secureCookies: flag(process.env.FOROS_SECURE_COOKIES, false),
    trustProxy: flag(process.env.FOROS_TRUST_PROXY, false),
    session: { idleMs, maxMs },
    hostname: process.env.HOST ?? '0.0.0.0',
    // The built app the server sends (default dist/ in the working folder).
    distDir: process.env.FOROS_DIST_DIR || undefined,
    // Seconds the requests in flight get to finish on SIGTERM/SIGINT before their connections are cut.
    shutdownTimeoutMs: whole('FOROS_SHUTDOWN_SECONDS', 25, 0, 3600) * 1000,
    // For tests that start the server as a process: the public forms' minimum time-to-submit (default 3 000 ms).
    publicFormMinMs: whole('FOROS_PUBLIC_FORM_MIN_MS', 3000, 0, 60_000),
    // A logged-in person's reads per minute (and per address without a session); a bench raises it.
    readsPerMinute: whole('FOROS_READS_PER_MINUTE', 1200, 1, 1_000_000_000),
  });
} catch (error) {
  if (error instanceof WeakPasswordError) fail(`No se inició el servidor. ${error.message}`);
  if (error instanceof NewerSchemaError) fail(`No se inició el servidor. ${error.message}`);
  throw error;
}

if (server.accounts.length > 0) {
  console.log('\nBase de datos nueva: se crearon estas cuentas.');
  for (const account of server.accounts) {
    const shown = account.generated ? account.password : '(la de FOROS_ADMIN_PASSWORD)';
    console.log(`  ${account.username.padEnd(8)} ${account.role.padEnd(9)} contraseña: ${shown}`);
  }
  console.log('Guarde estas contraseñas: no se volverán a mostrar.\n');
}
console.log(`Foros está listo en ${server.url}`);

// Graceful stop (a load balancer, `docker stop`, systemd, Ctrl+C): stop accepting, finish the requests in flight,
// close the database, exit 0. A second signal stops at once (exit 1).
let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) {
    console.error(`${signal} otra vez: Foros se detiene sin esperar las peticiones en curso.`);
    process.exit(1);
  }
  stopping = true;
  try {
    await server.close((inFlight) => console.log(`${signal}: Foros deja de aceptar conexiones y termina ${inFlight === 1 ? '1 petición en curso' : `${inFlight} peticiones en curso`}.`));
  } catch (error) {
    console.error('Error al detener Foros:', error);
    process.exit(1);
  }
  console.log('Foros se detuvo.');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
