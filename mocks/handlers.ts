import { http } from 'msw';

/** Anything that answers a Fetch Request: the Hono app from `createApi`. */
export interface FetchApp {
  fetch: (request: Request) => Response | Promise<Response>;
}

/**
 * One catch-all handler: every `/api/*` request goes, unchanged, to the real API app.
 * msw is only the transport. It keeps the session cookie the API sets (a service worker or
 * jsdom cannot store an httpOnly cookie from a mocked response) and sends it back, as a browser would.
 */
export function createHandlers(getApp: () => FetchApp | Promise<FetchApp>) {
  const jar = new Map<string, string>();
  return [
    http.all(/\/api\/.*/, async ({ request }) => {
      const app = await getApp();
      const headers = new Headers(request.headers);
      if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
      const body = ['GET', 'HEAD'].includes(request.method) ? undefined : await request.arrayBuffer();
      const forwarded = new Request(request.url, { method: request.method, headers, body });
      const response = await app.fetch(forwarded);
      const setCookies = response.headers.getSetCookie?.() ?? [];
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
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers: out });
    }),
  ];
}
