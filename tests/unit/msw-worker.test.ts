import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The static demo's Service Worker (public/mockServiceWorker.js) is committed, and msw's postinstall script, which
 * would copy it on every install, is denied in package.json's `allowScripts`. msw checks in the browser that its
 * worker is the one of its own version: after an upgrade, the file must be copied again (`npx msw init public`).
 */
describe('the demo’s msw worker', () => {
  it('is the installed msw’s own worker, byte for byte', () => {
    const committed = readFileSync('public/mockServiceWorker.js', 'utf8');
    const installed = readFileSync('node_modules/msw/lib/mockServiceWorker.js', 'utf8');
    const version = (JSON.parse(readFileSync('node_modules/msw/package.json', 'utf8')) as { version: string }).version;
    expect(committed, `public/mockServiceWorker.js no es el de msw ${version}: npx msw init public`).toBe(installed);
    expect(committed).toContain(`const PACKAGE_VERSION = '${version}'`);
  });
});
