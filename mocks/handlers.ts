import { http } from 'msw';
import { Hono, type Env, type Schema } from 'hono';

/** Anything that answers a Fetch Request: the Hono app from `createApi`. */
export interface FetchApp {
  fetch: (request: Request) => Response | Promise<Response>;
}

/** Set-Cookie values the API sets while answering a forwarded request, keyed by that request. */
const cookieSinks = new WeakMap<Request, string[]>();
const wrapped = new WeakMap<object, FetchApp>();

/**
 * In a browser, `new Response(body, { headers })` silently drops `Set-Cookie` (a forbidden response
 * header), so the session cookie Hono sets never reaches the handler. For a Hono app, run the very
 * same routes, middleware and error handler behind one extra middleware that records every
 * `Set-Cookie` as it is set; anything the copied routes do not match goes to the app itself (its 404).
 * Other apps are used as they are (fine in Node/jsdom, where Response keeps Set-Cookie).
 */
function isHonoApp(app: FetchApp): app is Hono<Env, Schema, string> {
  const candidate = app as Partial<Hono<Env, Schema, string>>;
  return Array.isArray(candidate.routes) && typeof candidate.route === 'function' && typeof candidate.notFound === 'function';
}

function withCookieCapture(app: FetchApp): FetchApp {
  // Duck-typed: `basePath()` returns a HonoBase clone, which is not `instanceof Hono`.
  if (!isHonoApp(app)) return app;
  let outer = wrapped.get(app);
  if (!outer) {
    const capturing = new Hono();
    capturing.use('*', async (c, next) => {
      const sink = cookieSinks.get(c.req.raw);
      if (sink) {
        const setHeader = c.header;
        c.header = ((name: string, value?: string, options?: { append?: boolean }) => {
          if (value !== undefined && name.toLowerCase() === 'set-cookie') sink.push(value);
          return setHeader(name, value, options);
        }) as typeof c.header;
      }
      await next();
    });
    capturing.route('/', app);
    capturing.notFound((c) => app.fetch(c.req.raw));
    outer = capturing;
    wrapped.set(app, outer);
  }
  return outer;
}

/**
 * One catch-all handler: every `/api/*` request goes, unchanged, to the real API app.
 * msw is only the transport. It keeps the session cookie the API sets (a service worker or
 * jsdom cannot store an httpOnly cookie from a mocked response) and sends it back, as a browser would.
 * In a browser, Request/Response drop `Cookie`/`Set-Cookie`; see `withCookieCapture` and the
 * `headers` override below (tests/api/msw-transport.test.ts reproduces those rules in Node).
 */
export interface HandlerOptions {
  /** The cookies a browser would still hold (the static demo keeps them across reloads). */
  cookies?: Iterable<[string, string]>;
  /** Runs after each answer, before the page gets it, with the cookies now held (the demo saves its data here). */
  afterAnswer?: (cookies: Map<string, string>) => Promise<void>;
}

export function createHandlers(getApp: () => FetchApp | Promise<FetchApp>, options: HandlerOptions = {}) {
  const jar = new Map<string, string>(options.cookies ?? []);
  return [
    http.all(/\/api\/.*/, async ({ request }) => {
      const app = withCookieCapture(await getApp());
      const headers = new Headers(request.headers);
      // msw only sees the requests of the app's own page (its service worker controls only that page; in tests,
      // the page's fetch), so a request to the page's origin is same-origin: say so as a browser's fetch would.
      const pageOrigin = (globalThis as { location?: Location }).location?.origin;
      if (!headers.has('origin') && !headers.has('sec-fetch-site') && pageOrigin && new URL(request.url).origin === pageOrigin) headers.set('sec-fetch-site', 'same-origin');
      if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
      const body = ['GET', 'HEAD'].includes(request.method) ? undefined : await request.arrayBuffer();
      const forwarded = new Request(request.url, { method: request.method, headers, body });
      // A browser drops `Cookie` from a constructed Request (a forbidden request header), so the API
      // reads the headers built here instead; the Request's own body, method and URL are unchanged.
      Object.defineProperty(forwarded, 'headers', { value: headers });
      const captured: string[] = [];
      cookieSinks.set(forwarded, captured);
      const response = await app.fetch(forwarded);
      const setCookies = captured.length > 0 ? captured : (response.headers.getSetCookie?.() ?? []);
      for (const line of setCookies) {
        const [pair, ...attributes] = line.split(';');
        const eq = pair.indexOf('=');
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        const expired = attributes.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
        if (expired || value === '') jar.delete(name);
        else jar.set(name, value);
      }
      const out = new Headers(response.headers);
      out.delete('set-cookie');
      if (options.afterAnswer) {
        // The body is read first: an answer streamed by the API has then run to its end (and its transaction committed).
        const body = await response.arrayBuffer();
        await options.afterAnswer(jar);
        return new Response(body, { status: response.status, statusText: response.statusText, headers: out });
      }
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers: out });
    }),
  ];
}
