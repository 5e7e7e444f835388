import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { validForum } from '../support/api-assertions';
import { createParticipaSite } from '../../src/public/participa-site';
import { securityHeaders } from '../../src/server/security-headers';
import type { PublicationState } from '../../src/domain/publication';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/** The text a person reads (tags dropped, entities decoded enough for these checks). */
const textOf = (page: string) =>
  page
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('public «Participa» pages (server-rendered HTML)', () => {
  let api: TestApi;
  let editor: string;
  let site: Hono;
  beforeAll(async () => {
    api = await createTestApi({ demo: true });
    editor = await api.login('editora');
    // As the Node server mounts it: the security headers around the site.
    site = new Hono();
    site.use('*', securityHeaders(() => false));
    site.route('/', createParticipaSite({ db: api.db, address: () => '127.0.0.1' }));
  });

  const get = (path: string) => site.request(`http://localhost${path}`);
  const state = async () => (await (await api.call('GET', '/api/publication/2022', { cookie: editor })).json()) as PublicationState;
  async function save(change: (s: PublicationState['settings']) => PublicationState['settings']) {
    const s = await state();
    const res = await api.call('PUT', '/api/publication/2022', { cookie: editor, body: { ...change(s.settings), version: s.version } });
    expect(res.status).toBe(200);
  }

  it('the 2022 page: title and sharing tags, strategy, calendar with .ics links, the closed consultation, the report with its SHA-256, open data with dictionary and licence — no script', async () => {
    const res = await get('/participa/2022');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toMatch(/<html lang="es-CO">/);
    expect(page).toContain('<title>Rendición de cuentas 2022 — Instituto Distrital para la Protección de la Niñez y la Juventud — IDIPRON</title>');
    expect(page).toMatch(/<meta name="description" content="Foros virtuales de participación 2022/);
    expect(page).toMatch(/<meta property="og:title" content="Rendición de cuentas 2022/);
    expect(page).not.toMatch(/<script/i);
    const text = textOf(page);
    expect(text).toContain('Estrategia: Estrategia de Rendición de Cuentas');
    expect(text).toContain('Foro Virtual de Participación: Políticas Públicas');
    expect(text).toContain('22 de junio de 2022');
    expect(text).toContain('Preguntas orientadoras');
    // Forums that already happened do not promise a time or a link «to be published»: they say none was recorded.
    expect(text).toContain('Hora No registrada');
    expect(text).toContain('No se publicó el enlace de la transmisión.');
    expect(text).not.toContain('Por definir');
    expect(text).not.toContain('El enlace se publicará antes del foro.');
    expect(page).toContain('href="/api/public/years/2022/forums/1.ics"');
    expect(page).toContain('href="/api/public/years/2022/calendar.ics"');
    expect(page).toContain('webcal://localhost/api/public/years/2022/calendar.ics');
    expect(text).toContain('La consulta está cerrada');
    expect(text).toContain('Transparencia y acceso a la información pública');
    const { published } = await state();
    expect(text).toContain(`Huella SHA-256 del texto publicado: ${published[0].sha256}`);
    expect(page).toContain('href="/participa/2022/informe"');
    expect(page).toContain('href="/api/public/years/2022/report.docx"');
    expect(page).toContain('href="/api/public/years/2022/report.pdf"');
    expect(page).toContain('href="/api/public/years/2022/open-data/forums.csv"');
    expect(text).toContain('Creative Commons Atribución 4.0 Internacional (CC BY 4.0)');
    expect(text).toContain('Diccionario de datos');
    expect(text).toContain('Aviso de privacidad');
  });

  it('the report read on the page: every section of the published version, charts as inline SVG with their descriptions', async () => {
    const res = await get('/participa/2022/informe');
    expect(res.status).toBe(200);
    const page = await res.text();
    const text = textOf(page);
    for (const heading of ['1. Introducción', '3. Foro Políticas Públicas', '6. Estadísticas de interacción ciudadana', '8. Recomendaciones', 'Elaboró']) expect(text).toContain(heading);
    expect(page).toMatch(/<svg [^>]*role="img"/);
    expect(page).toMatch(/<title>Informe de Rendición de Cuentas[^<]*— Vigencia 2022<\/title>|<title>[^<]+ — Vigencia 2022<\/title>/);
    expect(page).not.toMatch(/<script/i);
  });

  it('framing: none by default; only the origins the office lists, and never X-Frame-Options against them', async () => {
    let res = await get('/participa/2022');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    await save((s) => ({ ...s, frameOrigins: ['https://www.idipron.gov.co', 'https://intranet.idipron.gov.co'] }));
    res = await get('/participa/2022');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain('frame-ancestors https://www.idipron.gov.co https://intranet.idipron.gov.co');
    expect(csp).toMatch(/style-src 'nonce-[^']+'/);
    expect(csp).toContain("default-src 'none'");
    expect(res.headers.get('x-frame-options')).toBeNull();
    // The 404 page of another year keeps framing closed.
    const other = await get('/participa/2031');
    expect(other.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    await save((s) => ({ ...s, frameOrigins: [] }));
  });

  it('unpublished years and parts: a Spanish 404 page, and the part is simply absent', async () => {
    for (const path of ['/participa/2031', '/participa/2031/informe', '/participa/abcd', '/participa/2022/otra-cosa']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(textOf(await res.text())).toContain('Esta vigencia no está publicada o la dirección no existe.');
    }
    await save((s) => ({ ...s, show: { ...s.show, report: false, openData: false } }));
    expect((await get('/participa/2022/informe')).status).toBe(404);
    const text = textOf(await (await get('/participa/2022')).text());
    expect(text).not.toContain('Informe de rendición de cuentas');
    expect(text).not.toContain('Datos abiertos');
    expect(text).toContain('Calendario de foros');
    await save((s) => ({ ...s, show: { ...s.show, report: true, openData: true } }));
  });

  it('the report page follows a newly published version (and only a published one)', async () => {
    const before = textOf(await (await get('/participa/2022/informe')).text());
    const overview = (await (await api.call('GET', '/api/reports/2022', { cookie: editor })).json()) as { version: number; entity: string; strategy: string; preparedBy: unknown; title: string };
    const put = await api.call('PUT', '/api/reports/2022', { cookie: editor, body: { title: 'Informe con título nuevo', entity: overview.entity, strategy: overview.strategy, preparedBy: overview.preparedBy, version: overview.version } });
    expect(put.status).toBe(200);
    // Edited but not published: the page still shows the published text.
    expect(textOf(await (await get('/participa/2022/informe')).text())).toBe(before);
    expect((await api.call('POST', '/api/publication/2022/report', { cookie: editor, body: {} })).status).toBe(201);
    const after = await (await get('/participa/2022/informe')).text();
    expect(after).toContain('<title>Informe con título nuevo — Vigencia 2022</title>');
    expect(textOf(after)).toContain('Versión publicada 2');
  });

  it('what staff and citizens typed is shown as text, never as markup; staff-only fields never', async () => {
    const res = await api.call('POST', '/api/forums', {
      cookie: editor,
      body: validForum({
        title: '<script>alert(1)</script> Foro "especial"',
        date: '2022-12-01',
        moderator: 'Moderación Interna Reservada',
        questions: [{ text: '¿Pregunta?', channel: 'web_form', answered: false, answeredBy: '', answerSummary: '' }],
      }),
    });
    expect(res.status).toBe(201);
    const page = await (await get('/participa/2022')).text();
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Foro &quot;especial&quot;');
    expect(page).not.toContain('Persona Reservada');
    expect(page).not.toContain('Moderación Interna Reservada');
  });

  it('at the slug\'s address every link and form is the slug\'s, and what the office wrote is shown as written', async () => {
    // A forum whose text names the older addresses: the page must not rewrite what the office wrote.
    const res = await api.call('POST', '/api/forums', { cookie: editor, body: validForum({ year: 2022, title: 'Foro de direcciones', date: '2022-12-02', objective: 'Vea /participa/2022 y /api/public/years/2022/calendar.ics', questions: [] }) });
    expect(res.status).toBe(201);
    const bySlug = await (await get('/participa/idipron/2022')).text();
    const hrefs = [...bySlug.matchAll(/(?:href|action)="(\/[^"#?]*)/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(10);
    // Every address of the site or its public API is the slug's (the app's own assets aside).
    expect(hrefs.filter((h) => h.startsWith('/participa') || h.startsWith('/api/')).every((h) => h.startsWith('/participa/idipron') || h.startsWith('/api/public/o/idipron/years/2022/'))).toBe(true);
    expect(hrefs).toContain('/api/public/o/idipron/years/2022/calendar.ics');
    expect(hrefs).toContain('/participa/idipron/2022/informe');
    expect(bySlug).toContain('Vea /participa/2022 y /api/public/years/2022/calendar.ics');
    // The older address keeps the older links.
    const legacy = await (await get('/participa/2022')).text();
    expect(legacy).toContain('href="/api/public/years/2022/calendar.ics"');
    expect(legacy).not.toContain('/api/public/o/');
    const report = await (await get('/participa/idipron/2022/informe')).text();
    expect(report).toContain('href="/participa/idipron/2022"');
    expect(report).toContain('href="/api/public/o/idipron/years/2022/report.pdf"');
  });

  it('the index lists the published years under the entity\'s name, as its slug\'s address does', async () => {
    for (const path of ['/participa', '/participa/idipron']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain(path === '/participa' ? 'href="/participa/2022"' : 'href="/participa/idipron/2022"');
      expect(body).toContain('<title>Participa: rendición de cuentas — Instituto Distrital para la Protección de la Niñez y la Juventud');
      expect(body).toContain('<p class="entity">Instituto Distrital para la Protección de la Niñez y la Juventud');
    }
  });
});
