// Baseline of `npm run bench arranque`: Hono's hello world on @hono/node-server, run with plain node. Its time from
// start to the first 200 is what Node, Hono and the HTTP server cost before any of Foros' own work.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.text('Hello Hono!'));
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`Listo en http://localhost:${info.port}`));
