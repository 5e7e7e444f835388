import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The security headers of every answer (app and API), set here, once, by the Node server:
 * nosniff, Referrer-Policy same-origin, no framing (frame-ancestors 'none' and X-Frame-Options DENY), a
 * Permissions-Policy that turns off what the app never uses, cross-origin isolation of windows and resources,
 * HSTS when the request came over HTTPS, and a Content-Security-Policy that the built app satisfies:
 *
 * - scripts and workers only from this origin, no inline script, no eval;
 * - `'wasm-unsafe-eval'` only in the policy of the Word worker's own script (the worker that runs resvg-wasm
 *   to draw the report's charts); the page itself compiles no WebAssembly;
 * - `<style>` elements only from this origin or carrying the page's nonce (Mantine writes its CSS variables
 *   and responsive styles, and the editor its base styles, in `<style>` elements: they get the nonce);
 *   style attributes are not allowed (React sets styles through the CSSOM, which CSP does not govern);
 * - images from this origin, data: and blob: (Mantine's icons in CSS, downloads built in the browser);
 * - fetch only to this origin; no plugins; no <base>; forms only to this origin.
 */

export const nonceMetaProperty = 'csp-nonce';

export function contentSecurityPolicy(options: { nonce?: string; wasm?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self'${options.wasm ? " 'wasm-unsafe-eval'" : ''}`,
    `style-src 'self'${options.nonce ? ` 'nonce-${options.nonce}'` : ''}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** What an API answer (JSON, a file download) may do when opened as a page: nothing. */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const isPublicPage = (path: string) => path === '/participa' || path.startsWith('/participa/');
const framingAllowed = (policy: string | null) => {
  const directive = policy?.split(';').map((d) => d.trim()).find((d) => d.startsWith('frame-ancestors '));
  return Boolean(directive) && !directive!.includes("'none'");
};

/** The worker scripts that compile WebAssembly (resvg-wasm for the Word export's charts). */
const wasmWorker = /^\/assets\/word-worker-[\w-]+\.js$/;

export function securityHeaders(isHttps: (c: Context) => boolean): MiddlewareHandler {
  const fixed = secureHeaders({
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    originAgentCluster: '?1',
    referrerPolicy: 'same-origin',
    strictTransportSecurity: false,
    xContentTypeOptions: 'nosniff',
    xDnsPrefetchControl: 'off',
    xDownloadOptions: 'noopen',
    xFrameOptions: 'DENY',
    xPermittedCrossDomainPolicies: 'none',
    xXssProtection: '0',
    permissionsPolicy: {
      accelerometer: [],
      autoplay: [],
      camera: [],
      displayCapture: [],
      geolocation: [],
      gyroscope: [],
      magnetometer: [],
      microphone: [],
      midi: [],
      payment: [],
      usb: [],
      fullscreen: ['self'],
    },
  });
  return async (c, next) => {
    await fixed(c, async () => {
      await next();
      if (!c.res.headers.has('Content-Security-Policy')) {
        const path = c.req.path;
        c.res.headers.set('Content-Security-Policy', path === '/api' || path.startsWith('/api/') ? apiContentSecurityPolicy : contentSecurityPolicy({ wasm: wasmWorker.test(path) }));
      }
      if (isHttps(c)) c.res.headers.set('Strict-Transport-Security', 'max-age=31536000');
    });
    // A public page the office lets other sites embed: its CSP's frame-ancestors names them, and X-Frame-Options
    // (which can only say DENY or SAMEORIGIN) must not contradict it. Never for the admin app or the API.
    if (isPublicPage(c.req.path) && framingAllowed(c.res.headers.get('Content-Security-Policy'))) c.res.headers.delete('X-Frame-Options');
  };
}
