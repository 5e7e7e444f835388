import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, expectAccessible, login, newPage, startE2e, type E2eEnv } from './support';

describe.skipIf(!chromiumPath)('commitments and forum evaluation end to end (Chromium, real server)', () => {
  let env: E2eEnv;
  let dir: string;
  beforeAll(async () => {
    env = await startE2e();
    dir = mkdtempSync(join(tmpdir(), 'foros-commitments-'));
  });
  afterAll(async () => {
    await env?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a commitment made → followed up from a CSV → closed, and the pages pass axe', async () => {
    const { context, page } = await newPage(env);
    await login(env, page, 'editora', { open: false });
    // Made: from «Compromisos», «Nuevo compromiso», with the forum it comes from.
    await page.goto('/compromisos');
    await page.getByRole('heading', { level: 1, name: 'Compromisos' }).waitFor();
    await page.getByRole('link', { name: 'Nuevo compromiso' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nuevo compromiso' }).waitFor();
    await page.getByRole('textbox', { name: /^Foro del que sale/ }).click();
    await page.getByRole('option', { name: /Políticas Públicas/ }).first().click();
    await page.getByRole('textbox', { name: /^Compromiso/ }).fill('Publicar la ruta de empleo juvenil');
    await page.getByRole('textbox', { name: /^Área responsable/ }).fill('Subdirección de Formación');
    await page.getByRole('textbox', { name: /^Fecha límite/ }).fill('15/12/2030');
    await page.getByRole('textbox', { name: /^Fecha límite/ }).press('Tab');
    await expectAccessible(page, 'nuevo compromiso');
    await page.getByRole('button', { name: 'Guardar compromiso' }).click();
    await page.waitForURL(/\/compromisos\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByText('Publicar la ruta de empleo juvenil').first().waitFor();

    await page.goto('/compromisos');
    await expect.poll(() => page.getByRole('link', { name: 'Publicar la ruta de empleo juvenil' }).count()).toBe(1);
    await expectAccessible(page, 'lista de compromisos');

    await page.goto('/compromisos/importar');
    const file = join(dir, 'avances.csv');
    writeFileSync(file, `Área;Número;Avance;Nota\r\nSubdirección de Formación;${id};60;Mesa de trabajo\r\n`, 'utf8');
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Vista previa' }).click();
    await expect.poll(() => page.getByText('Filas: 1 · Compromisos que se actualizarán: 1').count()).toBe(1);
    await expectAccessible(page, 'vista previa de avances');
    await page.getByRole('button', { name: 'Confirmar importación' }).click();
    await expect.poll(async () => (await (await page.request.get(`/api/commitments/${id}`)).json()).progress).toBe(60);

    await page.goto(`/compromisos/${id}`);
    await expect.poll(() => page.getByText('Mesa de trabajo').count()).toBe(1);
    await expectAccessible(page, 'detalle del compromiso');
    const followUps = page.getByRole('region', { name: 'Seguimiento' });
    await followUps.getByRole('textbox', { name: /Nota/ }).fill('Ruta publicada en la página web');
    await followUps.getByRole('textbox', { name: /Avance/ }).fill('100');
    await followUps.getByRole('button', { name: 'Registrar seguimiento' }).click();
    await expect.poll(async () => (await (await page.request.get(`/api/commitments/${id}`)).json()).status).toBe('done');
    await expect.poll(() => page.getByText('Cumplido').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('an evaluation imported from a Forms export shows its tally and passes axe', async () => {
    const { context, page } = await newPage(env);
    await login(env, page, 'editora', { open: false });
    const forums = await (await page.request.get('/api/forums?q=causas')).json();
    const forumId = forums.items[0].id as number;
    await page.goto(`/foros/${forumId}/evaluacion`);
    await expect.poll(() => page.getByText(/Aún no hay respuestas de evaluación/).count()).toBe(1);
    await expectAccessible(page, 'evaluación vacía');
    const file = join(dir, 'evaluacion.csv');
    writeFileSync(file, 'Marca temporal,Nombre,¿La información fue clara?,¿El tema le resultó útil?,Comentarios\n2022/09/07,Ana,5,4,Muy útil\n2022/09/07,Luis,4,5,\n', 'utf8');
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Vista previa' }).click();
    await expect.poll(() => page.getByText(/Columnas con datos personales que no se guardarán: «Nombre»/).count()).toBe(1);
    await page.getByRole('button', { name: 'Confirmar importación' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Resultado por pregunta' }).count()).toBe(1);
    await expect.poll(() => page.getByText('100 %', { exact: true }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'evaluación con resultados');
    await context.close();
  });
});
