import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { expectProblem, validForum } from '../support/api-assertions';
import { readPdf } from '../support/pdf-reader';
import type { PublicationState } from '../../src/domain/publication';
import { publicRateLimits } from '../../src/api/public-routes';
import { createNodePdfRenderer } from '../../src/server/pdf-node';
import { createNodeRasterizer } from '../../src/server/rasterizer-node';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('the report as PDF (public: the published version; office: as it stands)', () => {
  let api: TestApi;
  let editor: string;
  beforeAll(async () => {
    api = await createTestApi({ demo: true });
    editor = await api.login('editora');
  });
  const state = async () => (await (await api.call('GET', '/api/publication/2022', { cookie: editor })).json()) as PublicationState;

  it('the published 2022 report: a PDF named by its version, with its title, sections, tables, charts and accents', async () => {
    const { published } = await state();
    const res = await api.call('GET', '/api/public/years/2022/report.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="informe-2022-v${published[0].number}.pdf"`);
    expect(res.headers.get('x-foros-sha256')).toBe(published[0].sha256);
    const pdf = readPdf(await bytesOf(res));
    expect(pdf.header).toMatch(/^%PDF-1\.\d/);
    expect(pdf.title).toBe('Foros Virtuales de Participación 2022');
    // Accents and «ñ» are real text in the file (DejaVu embedded with its ToUnicode map), not boxes or images.
    for (const phrase of [
      'Foros Virtuales de Participación 2022',
      'Instituto Distrital para la Protección de la Niñez y la Juventud',
      'Tabla de contenido',
      '1. Introducción',
      '3. Foro Políticas Públicas',
      '6. Estadísticas de interacción ciudadana',
      'Tabla 1. Publicación — Foro Políticas Públicas',
      'Gráfico 1. Cifras principales — Foro Políticas Públicas',
      '8. Recomendaciones',
      'Elaboró',
    ]) expect(pdf.flatText, phrase).toContain(phrase);
    expect(pdf.flatText).toContain(`Página 1 de ${pdf.pages}`);
    expect(pdf.pages).toBeGreaterThan(5);
    expect(pdf.flatText).not.toContain('BORRADOR');
  });

  it('is built once per published version (the same bytes again) and a new version is a new file', async () => {
    const first = await bytesOf(await api.call('GET', '/api/public/years/2022/report.pdf'));
    const again = await bytesOf(await api.call('GET', '/api/public/years/2022/report.pdf'));
    expect(again).toEqual(first);

    // The report changes after publication: the public PDF stays the frozen text until a new version is published.
    const overview = (await (await api.call('GET', '/api/reports/2022', { cookie: editor })).json()) as { version: number; title: string; entity: string; strategy: string; preparedBy: unknown };
    const put = await api.call('PUT', '/api/reports/2022', { cookie: editor, body: { title: 'Informe cambiado después de publicar', entity: overview.entity, strategy: overview.strategy, preparedBy: overview.preparedBy, version: overview.version } });
    expect(put.status).toBe(200);
    const frozen = await bytesOf(await api.call('GET', '/api/public/years/2022/report.pdf'));
    expect(frozen).toEqual(first);
    expect(readPdf(frozen).flatText).not.toContain('cambiado después de publicar');

    expect((await api.call('POST', '/api/publication/2022/report', { cookie: editor, body: {} })).status).toBe(201);
    const next = await api.call('GET', '/api/public/years/2022/report.pdf');
    expect(next.headers.get('content-disposition')).toBe('attachment; filename="informe-2022-v2.pdf"');
    expect(next.headers.get('x-foros-sha256')).toBe((await state()).published[0].sha256);
    const v2 = readPdf(await bytesOf(next));
    expect(v2.title).toBe('Informe cambiado después de publicar');
    expect(v2.flatText).toContain('Informe cambiado después de publicar');
  });

  it('a year whose report is not published: 404 with a Spanish message, never a byte of the draft', async () => {
    const forum = await api.call('POST', '/api/forums', { cookie: editor, body: validForum({ year: 2023, date: '2023-05-01', title: 'Foro del borrador 2023' }) });
    expect(forum.status).toBe(201);
    const created = await api.call('POST', '/api/reports/2023', { cookie: editor, body: { title: 'Informe 2023 en borrador', entity: 'Entidad', strategy: '', preparedBy: { name: '', role: '', office: '' } } });
    expect(created.status).toBe(201);
    const res = await api.call('GET', '/api/public/years/2023/report.pdf');
    await expectProblem(res, 404);
    expect(res.headers.get('content-type')).not.toContain('pdf');
    // The office can read the same draft as PDF, marked as such.
    const office = await api.call('GET', '/api/reports/2023/export.pdf', { cookie: editor });
    expect(office.status).toBe(200);
    expect(office.headers.get('x-foros-draft')).toBe('1');
    expect(office.headers.get('content-disposition')).toBe('attachment; filename="informe-2023-borrador.pdf"');
    expect(readPdf(await bytesOf(office)).flatText).toContain('BORRADOR');
  });

  it('the office download needs a session with reportes; without a generator both routes say so (503)', async () => {
    await expectProblem(await api.call('GET', '/api/reports/2022/export.pdf'), 401);
    const reviewer = await api.login('revisor');
    const res = await api.call('GET', '/api/reports/2022/export.pdf', { cookie: reviewer });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-foros-draft')).toBe('0');
    expect(readPdf(await bytesOf(res)).flatText).toContain('1. Introducción');

    const bare = await createTestApi({ demo: true, renderReportPdf: undefined });
    const problem = await expectProblem(await bare.call('GET', '/api/public/years/2022/report.pdf'), 503);
    expect(problem.title).toMatch(/no puede generar el PDF/);
    await expectProblem(await bare.call('GET', '/api/reports/2022/export.pdf', { cookie: await bare.login('editora') }), 503);
  });

  it('publishing a version builds its PDF in the background: the first citizen to download it does not wait for a build', async () => {
    const real = createNodePdfRenderer(createNodeRasterizer());
    const built: string[] = [];
    const counted = await createTestApi({ demo: true, renderReportPdf: async (model) => (built.push(model.title), real(model)) });
    const cookie = await counted.login('editora');
    expect((await counted.call('POST', '/api/publication/2022/report', { cookie, body: {} })).status).toBe(201);
    await expect.poll(() => built.length, { timeout: 30_000 }).toBe(1);
    const res = await counted.call('GET', '/api/public/years/2022/report.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="informe-2022-v2.pdf"');
    expect(built).toHaveLength(1);
  });

  it('is rate limited per address (429 with Retry-After past the limit)', async () => {
    const address = '127.9.9.9';
    for (let i = 0; i < publicRateLimits.pdf; i++) expect((await api.call('GET', '/api/public/years/2022/report.pdf', { address })).status).toBe(200);
    const res = await api.call('GET', '/api/public/years/2022/report.pdf', { address });
    await expectProblem(res, 429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
