import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { dbSnapshot, expectProblem, expectSpanish } from '../support/api-assertions';
import { logoMaxBytes, logoMessages } from '../../src/domain/organization-logo';
import type { Organization } from '../../src/domain/organization-admin';
import { createParticipaSite } from '../../src/public/participa-site';

/** A real 1×1 PNG. */
const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (ch) => ch.charCodeAt(0));
/** The first bytes of a JPEG (SOI + APP0 «JFIF») and of a WebP (RIFF….WEBPVP8 ), padded. */
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new TextEncoder().encode('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
const webp = new Uint8Array([...new TextEncoder().encode('RIFF'), 26, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 '), ...new Array(18).fill(0)]);
const svg = new TextEncoder().encode('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const gif = new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000');
const sha256 = async (bytes: Uint8Array) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)))].map((b) => b.toString(16).padStart(2, '0')).join('');

const adminPassword = 'Caracola-Verde-Tinaja-83';

async function setup() {
  const api = await createTestApi({ demo: true });
  const sysadmin = await api.login('admin');
  // A second organisation, with its own administrator.
  const res = await api.call('POST', '/api/organizations', {
    cookie: sysadmin,
    body: { name: 'Secretaría de Integración', acronym: 'SDIS', slug: 'sdis', admin: { username: 'jefa.sdis', displayName: 'Jefa SDIS', password: adminPassword } },
  });
  expect(res.status).toBe(201);
  const sdis = (await res.json()) as Organization;
  const jefa = await api.login('jefa.sdis', adminPassword);
  const upload = (path: string, bytes: Uint8Array, cookie: string, type = 'image/png') => api.call('PUT', path, { cookie, rawBody: bytes, headers: { 'content-type': type } });
  const organization = async (id: number) => (await (await api.call('GET', `/api/organizations/${id}`, { cookie: sysadmin })).json()) as Organization;
  const snapshot = async () => ({ data: await dbSnapshot(api.db), logos: await api.db.selectFrom('organization_logos').selectAll().orderBy('organization_id').execute(), organizations: await api.db.selectFrom('organizations').selectAll().orderBy('id').execute() });
  return { ...api, sysadmin, sdis, jefa, upload, organization, snapshot };
}

describe('organisation logo: upload and serve', () => {
  it('the system administrator uploads a PNG; it is served at the public address with its type, nosniff and an ETag of its hash', async () => {
    const { call, upload, sysadmin, sdis, organization } = await setup();
    const res = await upload(`/api/organizations/${sdis.id}/logo`, png, sysadmin);
    expect(res.status).toBe(200);
    const hash = await sha256(png);
    expect(await res.json()).toEqual({ logo: hash, mediaType: 'image/png', size: png.length, path: `/api/public/o/sdis/logo?v=${hash}` });
    expect((await organization(sdis.id)).logo).toBe(hash);

    const served = await call('GET', '/api/public/o/sdis/logo');
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('etag')).toBe(`"${hash}"`);
    expect(served.headers.get('cache-control')).toBe('public, no-cache');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
    // The versioned address (the one the app and pages write) is cached for good; the ETag answers 304.
    const versioned = await call('GET', `/api/public/o/sdis/logo?v=${hash}`);
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const again = await call('GET', '/api/public/o/sdis/logo', { headers: { 'if-none-match': `"${hash}"` } });
    expect(again.status).toBe(304);
    // Organisation 1 has none: 404, as a problem in Spanish.
    const slug1 = (await organization(1)).slug;
    expect((await expectProblem(await call('GET', `/api/public/o/${slug1}/logo`), 404)).title).toBe(logoMessages.none);
    expect((await call('GET', '/api/public/o/no-existe/logo')).status).toBe(404);
  });

  it('JPEG and WebP are recognised by their bytes, whatever type the upload declares', async () => {
    const { call, upload, sysadmin, sdis } = await setup();
    expect((await upload(`/api/organizations/${sdis.id}/logo`, jpeg, sysadmin, 'application/octet-stream')).status).toBe(200);
    expect((await call('GET', '/api/public/o/sdis/logo')).headers.get('content-type')).toBe('image/jpeg');
    expect((await upload(`/api/organizations/${sdis.id}/logo`, webp, sysadmin, 'image/png')).status).toBe(200);
    const served = await call('GET', '/api/public/o/sdis/logo');
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(webp);
  });

  it.each([
    ['a GIF declared as PNG', gif, 'image/png', 415, logoMessages.notImage],
    ['a text file', new TextEncoder().encode('hola, soy un logo'), 'image/jpeg', 415, logoMessages.notImage],
    ['an SVG (it can carry scripts)', svg, 'image/svg+xml', 415, logoMessages.svg],
    ['an SVG declared as PNG', new TextEncoder().encode('  <svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'image/png', 415, logoMessages.svg],
    ['an empty file', new Uint8Array(), 'image/png', 400, logoMessages.empty],
    ['a PNG over 256 KB', new Uint8Array([...png, ...new Uint8Array(logoMaxBytes)]), 'image/png', 413, logoMessages.tooLarge],
  ])('refuses %s with a Spanish message; nothing changes', async (_case, bytes, type, status, message) => {
    const { upload, sysadmin, sdis, snapshot } = await setup();
    const before = await snapshot();
    const problem = await expectProblem(await upload(`/api/organizations/${sdis.id}/logo`, bytes, sysadmin, type), status);
    expect(problem.title).toBe(message);
    expectSpanish(problem.title);
    expect(await snapshot()).toEqual(before);
  });

  it('an unknown organisation is 404', async () => {
    const { upload, sysadmin } = await setup();
    await expectProblem(await upload('/api/organizations/9999/logo', png, sysadmin), 404);
  });
});

describe('organisation logo: who may change it', () => {
  it('another organisation’s administrator cannot change or remove it (403); an editor cannot change its own (403); anonymous 401', async () => {
    const { call, upload, sysadmin, jefa, login, snapshot } = await setup();
    expect((await upload('/api/organizations/1/logo', png, sysadmin)).status).toBe(200);
    const editor = await login('editora');
    const before = await snapshot();
    await expectProblem(await upload('/api/organizations/1/logo', jpeg, jefa), 403);
    await expectProblem(await call('DELETE', '/api/organizations/1/logo', { cookie: jefa }), 403);
    await expectProblem(await upload('/api/organization/logo', jpeg, editor), 403);
    await expectProblem(await call('DELETE', '/api/organization/logo', { cookie: editor }), 403);
    await expectProblem(await upload('/api/organization/logo', jpeg, ''), 401);
    expect(await snapshot()).toEqual(before);
  });

  it('an organisation’s administrator changes its own (the «Ajustes» screen), never another’s; the session names it', async () => {
    const { call, upload, sysadmin, jefa, sdis, organization } = await setup();
    expect((await upload('/api/organizations/1/logo', png, sysadmin)).status).toBe(200);
    const one = (await organization(1)).logo;
    const res = await upload('/api/organization/logo', jpeg, jefa, 'image/jpeg');
    expect(res.status).toBe(200);
    const hash = await sha256(jpeg);
    expect((await res.json()).path).toBe(`/api/public/o/sdis/logo?v=${hash}`);
    expect((await organization(sdis.id)).logo).toBe(hash);
    expect((await organization(1)).logo).toBe(one);
    const session = await (await call('GET', '/api/session', { cookie: jefa })).json();
    expect(session.organization).toMatchObject({ id: sdis.id, slug: 'sdis', logo: hash });
  });
});

describe('organisation logo: removed', () => {
  it('DELETE removes it: the public address is 404, the organisation and the session have none; a second DELETE is 404; both audited', async () => {
    const { call, upload, sysadmin, jefa, sdis, organization, db } = await setup();
    expect((await upload(`/api/organizations/${sdis.id}/logo`, png, sysadmin)).status).toBe(200);
    expect((await call('DELETE', `/api/organizations/${sdis.id}/logo`, { cookie: sysadmin })).status).toBe(204);
    expect((await call('GET', '/api/public/o/sdis/logo')).status).toBe(404);
    expect((await organization(sdis.id)).logo).toBeNull();
    expect((await (await call('GET', '/api/session', { cookie: jefa })).json()).organization.logo).toBeNull();
    expect((await expectProblem(await call('DELETE', `/api/organizations/${sdis.id}/logo`, { cookie: sysadmin }), 404)).title).toBe(logoMessages.none);
    // Its own administrator removes its own too.
    expect((await upload('/api/organization/logo', png, jefa)).status).toBe(200);
    expect((await call('DELETE', '/api/organization/logo', { cookie: jefa })).status).toBe(204);
    expect((await call('GET', '/api/public/o/sdis/logo')).status).toBe(404);
    const audit = await db.selectFrom('audit_log').select(['changes', 'entity_id']).where('entity', '=', 'organization').orderBy('id').execute();
    expect(audit.map((a) => JSON.parse(a.changes)[0])).toEqual(expect.arrayContaining(['logo quitado', expect.stringMatching(/^logo nuevo \(image\/png, 1 KB\)$/)]));
  });
});

describe('organisation logo: the public pages', () => {
  it('the Participa pages show the uploaded logo (alt: the entity), else the year’s logo address as before', async () => {
    const { call, upload, sysadmin, db, organization } = await setup();
    const site = new Hono();
    site.route('/', createParticipaSite({ db, address: () => '127.0.0.1' }));
    // The demo's published year, with a logo address of its own.
    const state = await (await call('GET', '/api/publication/2022', { cookie: sysadmin })).json();
    const saved = await call('PUT', '/api/publication/2022', { cookie: sysadmin, body: { ...state.settings, logoUrl: 'https://example.org/logo.png', version: state.version } });
    expect(saved.status).toBe(200);
    let page = await (await site.request('http://localhost/participa/2022')).text();
    expect(page).toContain('src="https://example.org/logo.png"');
    expect(page).toContain('<meta property="og:image" content="https://example.org/logo.png">');

    expect((await upload('/api/organizations/1/logo', png, sysadmin)).status).toBe(200);
    const { slug, logo } = await organization(1);
    for (const path of ['/participa/2022', '/participa', `/participa/${slug}/2022`]) {
      page = await (await site.request(`http://localhost${path}`)).text();
      expect(page, path).toMatch(new RegExp(`<img class="logo" src="/api/public/o/${slug}/logo\\?v=${logo}" alt="Logo de [^"]+"`));
      expect(page, path).not.toContain('example.org/logo.png"><');
      // Shared on a social network, the page's image is the uploaded logo at its full address.
      expect(page, path).toContain(`<meta property="og:image" content="http://localhost/api/public/o/${slug}/logo?v=${logo}">`);
    }
  });
});
