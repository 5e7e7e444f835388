import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pdfPageCount, readDocx } from '../support/docx-reader';
import { readPdf } from '../support/pdf-reader';
import { chromiumPath, expectAccessible, login, newPage, screenshot, startE2e, type E2eEnv } from './support';

const sectionHeadings = [
  '1. Introducción',
  '2. Metodología',
  '3. Foro Políticas Públicas',
  '4. Foro Modelo Integrado de Planeación y Gestión — MIPG',
  '5. Foro Causas Ciudadanas',
  '6. Estadísticas de interacción ciudadana',
  '7. Conclusiones',
  '8. Recomendaciones',
];

/** Clicks «Descargar Word» and returns the downloaded file's name and bytes. */
async function downloadWord(page: Page) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Descargar Word' }).first().click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
}

describe.skipIf(!chromiumPath)('report export end to end (Chromium, real server, temporary SQLite)', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('downloads the approved 2022 report as Word built in the browser, and records the final export', async () => {
    const { context, page } = await newPage(env);
    await login(env, page, 'editora', { open: false });
    await page.goto('/informes/2022/imprimir');
    await expect.poll(() => page.getByRole('heading', { level: 2, name: '1. Introducción' }).count(), { timeout: 15_000 }).toBe(1);
    const { name, bytes } = await downloadWord(page);
    expect(name).toBe('informe-2022.docx');
    const docx = readDocx(bytes);
    const body = docx.paragraphs.slice(docx.paragraphs.lastIndexOf(sectionHeadings[0]));
    const positions = sectionHeadings.map((h) => body.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(docx.tables).toBe(9);
    for (const figure of ['236', '650', '01:11:33', '2:42', '549 min 57 s', '627 min', '≈ 1.700 min', '≈ 1.100 min']) expect(body).toContain(figure);
    expect(docx.media.filter((m) => m.endsWith('.png'))).toHaveLength(3);
    expect(body).toContain('Elaboró');
    expect(docx.documentXml).not.toContain('BORRADOR');
    expect(docx.headers.join('\n')).not.toContain('BORRADOR');

    // The final export is in the audit log with the file's SHA-256.
    const hash = createHash('sha256').update(bytes).digest('hex');
    await expect.poll(() => page.getByText(/Exportación final registrada/).count()).toBeGreaterThan(0);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    // «Descargar PDF»: the server's PDF of the same report, sections in order, not a draft.
    const [pdfDownload] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Descargar PDF' }).first().click()]);
    expect(pdfDownload.suggestedFilename()).toBe('informe-2022.pdf');
    const pdf = readPdf(new Uint8Array(readFileSync(await pdfDownload.path())));
    const at = sectionHeadings.map((h) => pdf.flatText.lastIndexOf(h));
    expect(at.every((p) => p >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(pdf.flatText).not.toContain('BORRADOR');
    await context.close();
  });

  it('print view: headings, charts as SVG, axe clean, a multi-page PDF; a draft says BORRADOR in Word and on screen', async () => {
    const { context, page } = await newPage(env);
    await login(env, page, 'editora', { open: false });
    await page.goto('/informes/2022/imprimir');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
    for (const heading of sectionHeadings) await expect.poll(() => page.getByRole('heading', { level: 2, name: heading }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2, name: 'Elaboró' }).count()).toBe(1);
    expect(await page.locator('figure svg[role="img"]').count()).toBe(3);
    expect(await page.locator('table caption').count()).toBe(9);
    expect(await page.getByText('BORRADOR').count()).toBe(0);
    await expectAccessible(page, 'vista de impresión del informe');
    await screenshot(page, 'report-print');

    const pdf = new Uint8Array(await page.pdf({ format: 'A4', printBackground: true }));
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBeGreaterThan(8);

    // Editing a section withdraws its approval: the report becomes a draft.
    const overview = await (await page.request.get('/api/reports/2022')).json();
    const conclusions = overview.sections.find((s: { kind: string }) => s.kind === 'conclusions');
    const section = await (await page.request.get(`/api/reports/2022/sections/${conclusions.id}`)).json();
    const saved = await page.request.put(`/api/reports/2022/sections/${conclusions.id}`, {
      data: { title: section.title, content: { ...section.content, content: [...section.content.content, { type: 'paragraph', content: [{ type: 'text', text: 'Párrafo agregado en la prueba.' }] }] }, version: section.version },
      headers: { origin: env.server.url },
    });
    expect(saved.status()).toBe(200);

    await page.reload();
    await expect.poll(() => page.getByText('Borrador: no todas las secciones están aprobadas.').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByText('7. Conclusiones (borrador)').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'vista de impresión de un borrador');
    const draftPdf = new Uint8Array(await page.pdf({ format: 'A4' }));
    expect(pdfPageCount(draftPdf)).toBeGreaterThan(8);

    const { name, bytes } = await downloadWord(page);
    expect(name).toBe('informe-2022-borrador.docx');
    const docx = readDocx(bytes);
    for (const header of docx.headers) expect(header).toContain('BORRADOR');
    expect(docx.paragraphs).toContain('7. Conclusiones (borrador)');

    // The server builds the same document: draft allowed, final refused (and a final export is never a GET).
    expect((await page.request.post('/api/reports/2022/export.docx', { headers: { 'content-type': 'application/json', origin: env.server.url } })).status()).toBe(409);
    expect((await page.request.get('/api/reports/2022/export.docx?final=1')).status()).toBe(405);
    const server = await page.request.get('/api/reports/2022/export.docx');
    expect(server.status()).toBe(200);
    expect(readDocx(new Uint8Array(await server.body())).headers.join('\n')).toContain('BORRADOR');
    await context.close();
  });
});
