import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { describe, expect, it } from 'vitest';
import { apiContentSecurityPolicy, apiSecurityHeaders, fixedSecurityHeaders } from '../../src/server/security-headers';

/**
 * The security headers are a precomputed list (issue 12: the fast reads write it as it is). It must be what Hono's
 * secureHeaders middleware wrote with the options the server used before the list, header by header.
 */
describe('security headers', () => {
  it('the list is what secureHeaders wrote with the server’s options', async () => {
    const app = new Hono();
    app.use(
      secureHeaders({
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
        permissionsPolicy: { accelerometer: [], autoplay: [], camera: [], displayCapture: [], geolocation: [], gyroscope: [], magnetometer: [], microphone: [], midi: [], payment: [], usb: [], fullscreen: ['self'] },
      }),
    );
    app.get('/', (c) => c.body(null, 204));
    const written = Object.fromEntries([...(await app.request('/')).headers].filter(([name]) => name !== 'content-type'));
    expect(Object.fromEntries(fixedSecurityHeaders.map(([name, value]) => [name.toLowerCase(), value]))).toEqual(written);
  });

  it('an API answer’s list adds its CSP, and HSTS only over HTTPS', () => {
    const pairs = (list: string[]) => Object.fromEntries(list.flatMap((v, i) => (i % 2 === 0 ? [[v, list[i + 1]]] : [])));
    expect(pairs(apiSecurityHeaders(false))).toMatchObject({ 'Content-Security-Policy': apiContentSecurityPolicy, 'X-Frame-Options': 'DENY' });
    expect(pairs(apiSecurityHeaders(false))['Strict-Transport-Security']).toBeUndefined();
    expect(pairs(apiSecurityHeaders(true))['Strict-Transport-Security']).toBe('max-age=31536000');
  });
});
