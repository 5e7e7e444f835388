import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createApi } from '../api/create-api';
import { bootstrap, type CreatedAccount } from '../api/bootstrap';
import { openNodeDatabase } from '../db/node-driver';
import { createNodeRasterizer } from './rasterizer-node';

export interface ServerOptions {
  port: number;
  dbFile: string;
  demo: boolean;
  adminPassword?: string;
  distDir?: string;
  passwordIterations?: number;
  secureCookies?: boolean;
  /** Bind address; loopback by default. */
  hostname?: string;
}

export interface RunningServer {
  url: string;
  accounts: CreatedAccount[];
  close: () => Promise<void>;
}

/** Opens the database, loads the first accounts (and the demo) when empty, and serves API + SPA on one port. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const db = await openNodeDatabase(options.dbFile);
  const accounts = await bootstrap(db, { adminPassword: options.adminPassword, demo: options.demo, passwordIterations: options.passwordIterations });
  const api = createApi({ db, passwordIterations: options.passwordIterations, secureCookies: options.secureCookies, rasterizeSvg: createNodeRasterizer() });

  const distDir = resolve(options.distDir ?? 'dist');
  const indexFile = join(distDir, 'index.html');
  const app = new Hono();
  // No compression of API answers here (README, Performance): JSON pages of a few KB cost more CPU to gzip
  // than they save; the app's files are compressed once at build time (.br/.gz), and a reverse proxy may
  // compress the rest.
  app.route('/', api);
  if (existsSync(indexFile)) {
    const indexHtml = readFileSync(indexFile, 'utf8');
    app.use(
      '/assets/*',
      serveStatic({ root: relative(process.cwd(), distDir) || '.', precompressed: true, onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }),
    );
    app.use('*', serveStatic({ root: relative(process.cwd(), distDir) || '.', precompressed: true }));
    app.get('*', (c) => c.html(indexHtml));
  } else {
    app.get('*', (c) => c.text('Falta la aplicación compilada: ejecute "npm run build" o "npm start".', 503));
  }

  const server: ServerType = await new Promise((ready) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname ?? '127.0.0.1' }, () => ready(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}`,
    accounts,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await db.destroy();
    },
  };
}
