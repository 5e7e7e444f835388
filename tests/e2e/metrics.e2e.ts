import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, expectAccessible, login, newPage, screenshot, startE2e, type E2eEnv } from './support';

/** A Meta Business Suite export (es-LA, semicolons, byte-order mark) for the 2022 Políticas Públicas forum. */
const metaCsv =
  '\uFEFF' +
  [
    'Título;Hora de publicación;Enlace permanente;Fecha;Reproducciones de video de 3 segundos;Reproducciones de video de 1 minuto;Espectadores de 3 segundos;Segundos reproducidos;Segundos en promedio reproducidos;Alcance;Reacciones, comentarios y veces que se compartió;Reacciones;Comentarios;Veces que se compartió;' +
      Array.from({ length: 5 }, (_, i) => `Porcentaje del total de reproducciones en el intervalo ${i}`).join(';'),
    'Foro Virtual de Participación: Políticas Públicas;22/06/2022 10:00;https://www.facebook.com/IDIPRONBogota/videos/555000111222333/;De por vida;312;61;251;40000;128;7.431;52;31;16;5;100,0;81,5;64,2;50,3;41,0',
  ].join('\r\n') +
  '\r\n';

describe.skipIf(!chromiumPath)('metrics end to end (Chromium, real server, temporary SQLite)', () => {
  let env: E2eEnv;
  let dir: string;
  beforeAll(async () => {
    env = await startE2e();
    dir = mkdtempSync(join(tmpdir(), 'foros-meta-'));
  });
  afterAll(async () => {
    await env?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an editor imports a Meta CSV for a forum, confirms the preview and sees the figures and the chart', async () => {
    const { context, page } = await newPage(env);
    await login(env, page, 'editora', { open: false });
    const forums = await (await page.request.get('/api/forums?q=politicas')).json();
    const id = forums.items[0].id as number;
    const before = await (await page.request.get(`/api/forums/${id}/metrics`)).json();

    await page.goto(`/foros/${id}/metricas`);
    await expect.poll(() => page.getByRole('heading', { name: /Métricas/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'métricas del foro');
    await screenshot(page, 'metrics-before');

    const file = join(dir, 'meta-politicas.csv');
    writeFileSync(file, metaCsv, 'utf8');
    await page.locator('input[type="file"]').setInputFiles(file);
    await expect.poll(() => page.getByText('Vista previa de la importación').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Alcance', { exact: true }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'vista previa de la importación');
    await screenshot(page, 'metrics-import-preview');

    // Nothing is saved before the person confirms.
    const during = await (await page.request.get(`/api/forums/${id}/metrics`)).json();
    expect(during.version).toBe(before.version);

    await page.getByRole('button', { name: 'Confirmar importación' }).click();
    await expect.poll(async () => (await (await page.request.get(`/api/forums/${id}/metrics`)).json()).version).toBe(before.version + 1);
    // The saved state and its notification pass axe too (issue 10 item 18).
    await expectAccessible(page, 'importación de métricas guardada');
    const after = await (await page.request.get(`/api/forums/${id}/metrics`)).json();
    expect(after.sincePublication.reach.value).toBe(7431);
    expect(after.sincePublication.views3s.value).toBe(312);

    await page.reload();
    await expect.poll(() => page.locator('input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toContain('7.431');
    // The imported retention intervals are drawn as a chart (with its data table alternative).
    await expect.poll(() => page.locator('[role="img"]').count()).toBeGreaterThan(0);
    expect(after.sincePublication.retentionCurve).toHaveLength(5);
    await screenshot(page, 'metrics-after');
    await context.close();
  });

  it('the year dashboard shows the 2022 figures and passes axe', async () => {
    const { context, page } = await newPage(env);
    await login(env, page, 'revisor', { open: false });
    await page.goto('/metricas?vigencia=2022');
    await expect.poll(() => page.getByText(/Alcance total/).count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[role="img"]').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'tablero de métricas');
    await screenshot(page, 'metrics-dashboard');
    await context.close();
  });
});
