import { createAdaptorServer, type HttpBindings, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Server } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { createHmac } from 'node:crypto';
import { createApi } from '../api/create-api';
import { randomSecret, useSyncHmac } from '../api/public-vote';
import { purgeExpiredPersonalData } from '../api/question-routes';
import { bootstrap, type CreatedAccount } from '../api/bootstrap';
import type { ApiLogger, ConnectionInfo, SessionLimits } from '../api/deps';
import { discardPendingImports } from '../db/consultation-queries';
import { openNodeDatabase } from '../db/node-driver';
import { openPostgresDatabase } from '../db/pg-driver';
import { keptSecret } from '../db/secret-queries';
import { createRasterizerPool } from './rasterizer-pool';
import { createChartImages } from '../api/chart-images';
import { createLogger } from './logger';
import { createParticipaSite } from '../public/participa-site';
import { normalizeAddress } from '../api/request-info';
import { contentSecurityPolicy, nonceMetaProperty, securityHeaders } from './security-headers';

export interface ServerOptions {
  port: number;
  dbFile: string;
  /** DATABASE_URL: a PostgreSQL server (`postgres://…`) instead of the SQLite file; migrated on start like it. */
  databaseUrl?: string;
  /** DATABASE_POOL_SIZE: connections this process keeps to PostgreSQL (default 10). */
  poolSize?: number;
  demo: boolean;
  /** With the demo, its illustrative commitments and evaluation responses (FOROS_DEMO_EXAMPLES; off unless asked). */
  demoExamples?: boolean;
  adminPassword?: string;
  distDir?: string;
  passwordIterations?: number;
  /** Always mark the session cookie Secure (it is anyway when a request comes over HTTPS). */
  secureCookies?: boolean;
  /** Bind address; loopback by default. */
  hostname?: string;
  /** FOROS_TRUST_PROXY: one reverse proxy in front sets X-Forwarded-For / -Proto / -Host. */
  trustProxy?: boolean;
  session?: Partial<SessionLimits>;
  /** pino's level (FOROS_LOG_LEVEL), or a logger of one's own. */
  logger?: ApiLogger;
  logLevel?: string;
  /** The public forms' minimum time-to-submit in ms (default 3 000; the end-to-end tests pass 0 instead of waiting). */
  publicFormMinMs?: number;
  /** Reads of the staff API per minute per account (FOROS_READS_PER_MINUTE, default 1 200; benches raise it). */
  readsPerMinute?: number;
  /** On close, how long requests in flight may take before their connections are cut (default 25 s). */
  shutdownTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  accounts: CreatedAccount[];
  /**
   * Graceful stop: no new connections; the requests in flight finish (answers say `Connection: close`, idle
   * keep-alive connections are closed, /api/health answers 503); after `shutdownTimeoutMs` whatever is left is cut;
   * then the database is closed. `onDraining` is told how many requests were in flight when it began.
   */
  close: (onDraining?: (inFlight: number) => void) => Promise<void>;
}

/** Connections the kernel keeps waiting for the server to accept them (see the listen below). */
const listenBacklog = 4096;

export const shutdownMessages = {
  health: 'El servidor se está deteniendo: envíe las peticiones a otro.',
} as const;

/** Whether an absolute URL's path is /api or under /api/ (as written: a percent-encoded one goes the long way). */
export function isApiUrl(url: string): boolean {
  const scheme = url.indexOf('//');
  const start = url.indexOf('/', scheme === -1 ? 0 : scheme + 2);
  if (start === -1 || !url.startsWith('/api', start)) return false;
  const after = url.charCodeAt(start + 4);
  return Number.isNaN(after) || after === 47 /* / */ || after === 63 /* ? */ || after === 35 /* # */;
}

/** The socket behind a request (its address; whether it is TLS). */
function socketOf(c: Context): ConnectionInfo {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  const socket = incoming?.socket as TLSSocket | undefined;
  return { remoteAddress: socket?.remoteAddress, encrypted: Boolean(socket?.encrypted) };
}

/** Opens the database, loads the first accounts (and the demo) when empty, and serves API + SPA on one port. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(options.logLevel);
  const db = options.databaseUrl ? await openPostgresDatabase(options.databaseUrl, { poolSize: options.poolSize }) : await openNodeDatabase(options.dbFile);
  let accounts: CreatedAccount[];
  try {
    accounts = await bootstrap(db, { adminPassword: options.adminPassword, demo: options.demo, examples: options.demoExamples, passwordIterations: options.passwordIterations });
    // An import cut short by a stop left invisible rows behind: they go.
    await discardPendingImports(db);
    // Personal data past its retention period (Ley 1581) goes at start, then once a day.
    await purgeExpiredPersonalData(db, new Date());
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const retention = setInterval(() => {
    purgeExpiredPersonalData(db, new Date())
      .then((n) => n > 0 && logger.info({ removed: n }, 'datos personales vencidos suprimidos'))
      .catch((error: Error) => logger.error({ error: error.message }, 'supresión de datos personales vencidos'));
  }, 24 * 3600_000);
  retention.unref();
  const trustProxy = options.trustProxy ?? false;
  // Signs the citizen vote's cookie and form stamp (src/api/public-vote.ts): FOROS_VOTE_SECRET, or one made at the
  // first start and kept in the database, so a restart does not let a browser vote again.
  const voteSecret = process.env.FOROS_VOTE_SECRET || (await keptSecret(db, 'vote_secret', randomSecret));
  useSyncHmac((secret, data) => createHmac('sha256', secret).update(data).digest('base64url'));
  const isHttps = (c: Context) => {
    if (trustProxy) {
      const proto = c.req.header('x-forwarded-proto')?.split(',').pop()?.trim().toLowerCase();
      if (proto) return proto === 'https';
    }
    return socketOf(c).encrypted === true;
  };
  // An answer given before the request's body was read (an early 404, 401 or 413): the connection closes after
  // it, and says so, instead of promising keep-alive and then dropping the socket under the next request.
  const closeEarlyAnswers: MiddlewareHandler = async (c, next) => {
    await next();
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
    if (incoming && !incoming.complete) c.res.headers.set('Connection', 'close');
  };
  const security = securityHeaders(isHttps);
  // Charts for the Word and PDF exports, drawn on worker threads (one per core, started on the first export).
  const rasterizer = createRasterizerPool();
  // Their PNGs kept in the database, and drawn in the background (low priority) after metrics change: issue 12.
  const chartImages = createChartImages({ drawInBackground: rasterizer.background, logger });
  const api = createApi({
    // Every answer, the API's as the app's: the same two middleware first (the API gets /api requests directly).
    first: [closeEarlyAnswers, security],
    voteSecret,
    publicFormMinMs: options.publicFormMinMs,
    readsPerMinute: options.readsPerMinute,
    db,
    passwordIterations: options.passwordIterations,
    secureCookies: options.secureCookies,
    rasterizeSvg: rasterizer,
    chartImages,
    // The PDF is laid out on the same threads (pdfkit's layout would otherwise hold the event loop ~0.3–1 s).
    renderReportPdf: rasterizer.renderPdf,
    connection: socketOf,
    trustProxy,
    session: options.session,
    logger,
    // PBKDF2 runs on libuv's threads: a login flood may take all cores but one.
    passwordChecks: Math.max(1, availableParallelism() - 1),
  });

  const distDir = resolve(options.distDir ?? 'dist');
  const indexFile = join(distDir, 'index.html');
  const root = relative(process.cwd(), distDir) || '.';
  const app = new Hono();

  app.use('*', closeEarlyAnswers);
  app.use('*', security);
  // No compression of API answers here (README, Performance): JSON pages of a few KB cost more CPU to gzip
  // than they save; the app's files are compressed once at build time (.br/.gz), and a reverse proxy may
  // compress the rest.

  // Everything under /api is the API's: its own 404/405 problem+json, never the app's page. The server hands such
  // requests to the API directly (serve() below); these routes take what reaches this app anyway (a path Hono
  // decodes to /api, like /%61pi/…), without the middleware above, which the API runs itself.
  const toApi = (c: Context) => api.fetch(c.req.raw, c.env);
  app.all('/api', toApi);
  app.all('/api/*', toApi);

  // The public «Participa» pages: server-rendered HTML, no login, no JavaScript (src/public).
  const site = createParticipaSite({
    db,
    voteSecret,
    address: (c) => {
      if (trustProxy) {
        const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
        if (forwarded) return normalizeAddress(forwarded);
      }
      return normalizeAddress(socketOf(c).remoteAddress);
    },
  });
  app.route('/', site);

  if (existsSync(indexFile)) {
    const indexHtml = readFileSync(indexFile, 'utf8');
    app.use('/assets/*', serveStatic({ root, precompressed: true, onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
    // A missing asset is a 404, not the app's page (a stale tab asking for an old chunk must see it fail).
    app.all('/assets/*', (c) => c.text('No existe ese archivo.', 404));
    // The app's page, with a fresh nonce for the <style> elements Mantine and the editor write (read by the client from the meta).
    const appPage = (c: Context) => {
      const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
      c.header('Content-Security-Policy', contentSecurityPolicy({ nonce }));
      c.header('Cache-Control', 'no-store');
      return c.html(indexHtml.replace('<head>', `<head>\n    <meta property="${nonceMetaProperty}" nonce="${nonce}" />`));
    };
    // `/` and `/index.html` are the app's page too, never the file as built: without the nonce the browser refuses
    // Mantine's <style> elements (theme variables, the layout's sizes) and the app shows unstyled after logging in.
    app.get('/', appPage);
    app.get('/index.html', appPage);
    app.use('*', serveStatic({ root, precompressed: true }));
    app.get('*', appPage);
  } else {
    app.get('*', (c) => c.text('Falta la aplicación compilada: ejecute "npm run build" o "npm start".', 503));
  }
  app.notFound((c) => c.text('No existe esa página.', 404));

  // Graceful shutdown (close() below): while draining, every answer closes its connection, and the health check
  // tells load balancers to look elsewhere.
  let draining = false;
  let inFlight = 0;
  const handle = async (request: Request, env: unknown): Promise<Response> => {
    const outgoing = (env as Partial<HttpBindings> | undefined)?.outgoing;
    if (draining && isApiUrl(request.url) && new URL(request.url).pathname === '/api/health') {
      outgoing?.setHeader('Connection', 'close');
      return new Response(JSON.stringify({ type: 'about:blank', title: shutdownMessages.health, status: 503, ok: false }), { status: 503, headers: { 'Content-Type': 'application/problem+json; charset=utf-8', 'Cache-Control': 'no-store' } });
    }
    inFlight++;
    try {
      return await (isApiUrl(request.url) ? api.fetch(request, env) : app.fetch(request, env));
    } finally {
      inFlight--;
      if (draining && outgoing && !outgoing.headersSent) outgoing.setHeader('Connection', 'close');
    }
  };
  // serve() as @hono/node-server writes it, but with a longer queue of connections waiting to be accepted: Node's
  // default (511) overflowed while the event loop was busy under 400 new connections a second (bench
  // participa-votos: citizens each on their own connection), and the kernel then drops the connection attempts,
  // which the browsers retry only after 1, 3, 7… seconds. The kernel caps it at net.core.somaxconn.
  const server: ServerType = await new Promise((ready, fail) => {
    const s = createAdaptorServer({ fetch: handle });
    s.once('error', fail);
    s.listen({ port: options.port, host: options.hostname ?? '127.0.0.1', backlog: listenBacklog }, () => {
      s.off('error', fail);
      ready(s);
    });
  });
  // A client that sends a malformed request: one line, no stack. One that goes away mid-request is logged once, by
  // the request it was sending (the API's «petición interrumpida»), not a second time here.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!['ECONNRESET', 'HPE_INVALID_EOF_STATE', 'EPIPE'].includes(error.code ?? '')) logger.warn({ code: error.code ?? 'desconocido' }, 'petición HTTP no válida');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}`,
    accounts,
    close: async (onDraining) => {
      const http = server as Server;
      draining = true;
      clearInterval(retention);
      const closed = new Promise<void>((done) => http.close(() => done()));
      onDraining?.(inFlight);
      // A keep-alive connection between two requests holds close() up: such idle ones are closed as they appear.
      const sweep = setInterval(() => http.closeIdleConnections(), 100);
      const cut = setTimeout(() => {
        logger.warn({ inFlight }, 'detención: se cortan las conexiones que quedaban');
        http.closeAllConnections();
      }, options.shutdownTimeoutMs ?? 25_000);
      http.closeIdleConnections();
      try {
        await closed;
      } finally {
        clearInterval(sweep);
        clearTimeout(cut);
      }
      chartImages.close();
      await rasterizer.close();
      await chartImages.idle();
      await db.destroy();
    },
  };
}
