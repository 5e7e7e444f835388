import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsx } from '../support/xlsx';
import { chromiumPath, expectAccessible, login, newPage, screenshot, startE2e, type E2eEnv } from './support';

const year = new Date().getFullYear();
const topics = ['Empleo y formación para el trabajo', 'Salud mental juvenil', 'Presupuesto participativo'];

/**
 * A Google Forms export of 500 responses (header as Google writes it, e-mail collected): the second topic wins
 * (it is in 3 of every 5 rows), some rows choose two topics, some propose their own, some ask a question.
 */
function googleFormsCsv(rows = 500): string {
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const header = [
    'Marca temporal',
    'Dirección de correo electrónico',
    '¿Es usted servidor o ciudadano?',
    '¿Qué temas le interesan?',
    'Proponga un tema',
    '¿Qué pregunta le gustaría que respondieran?',
  ];
  const lines = [header.map(quote).join(',')];
  for (let i = 0; i < rows; i++) {
    const day = 1 + (i % 28);
    const stamp = `${year}/03/${String(day).padStart(2, '0')} ${1 + (i % 11)}:${String(i % 60).padStart(2, '0')}:00 p. m. GMT-5`;
    const who = i % 4 === 0 ? 'Servidor público' : 'Ciudadano';
    const chosen = i % 5 < 3 ? (i % 5 === 2 ? `${topics[1]}, ${topics[0]}` : topics[1]) : i % 5 === 3 ? topics[0] : topics[2];
    const proposal = i % 25 === 0 ? 'Deporte en los barrios' : '';
    const question = i % 10 === 0 ? `¿Cómo participa mi localidad? (${i})` : '';
    lines.push([stamp, `persona${i}@example.org`, who, chosen, proposal, question].map(quote).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

describe.skipIf(!chromiumPath)('consultations end to end (Chromium, real server, temporary SQLite)', () => {
  let env: E2eEnv;
  let dir: string;
  beforeAll(async () => {
    env = await startE2e();
    dir = mkdtempSync(join(tmpdir(), 'foros-consulta-'));
  });
  afterAll(async () => {
    await env?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an editor creates a consultation, imports 500 responses, sees the tally chart and turns the winning topic into a forum', async () => {
    const { context, page } = await newPage(env);
    await login(env, page, 'editora');

    await page.getByRole('link', { name: 'Consultas', exact: true }).click();
    await page.waitForURL('**/consultas');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Consultas ciudadanas' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: '2022' }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'lista de consultas');

    await page.getByRole('link', { name: 'Nueva consulta' }).click();
    await page.waitForURL('**/consultas/nueva');
    await page.getByRole('textbox', { name: 'Título', exact: true }).fill(`Consulta de temas ${year}`);
    await page.getByLabel('Fecha de apertura').fill(`01/01/${year}`);
    await page.getByLabel('Fecha de cierre').fill(`31/12/${year}`);
    await page.getByRole('textbox', { name: 'Estado' }).click();
    await page.getByRole('option', { name: 'Abierta' }).click();
    await page.getByRole('checkbox', { name: 'Redes sociales' }).check();
    await page.getByRole('button', { name: 'Agregar tema' }).click();
    await page.getByRole('button', { name: 'Agregar tema' }).click();
    const titles = page.getByRole('textbox', { name: 'Título del tema' });
    for (let i = 0; i < topics.length; i++) await titles.nth(i).fill(topics[i]);
    await page.getByRole('textbox', { name: 'Equipo que lo propone' }).nth(1).fill('Equipo psicosocial');
    await expectAccessible(page, 'formulario de consulta');
    await screenshot(page, 'consultation-form');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.waitForURL(/\/consultas\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    await expect.poll(() => page.getByRole('heading', { level: 1, name: `Consulta de temas ${year}` }).count()).toBe(1);
    await expectAccessible(page, 'resumen de la consulta');

    // Import the Google Forms export.
    await page.getByRole('tab', { name: 'Importar' }).click();
    const file = join(dir, 'respuestas-google-forms.csv');
    writeFileSync(file, googleFormsCsv(), 'utf8');
    await page.locator('input[type="file"]').setInputFiles(file);
    await expect.poll(() => page.getByText('respuestas-google-forms.csv: 500 filas leídas.').count()).toBe(1);
    // The e-mail column is flagged as personal, and no address is shown.
    await expect.poll(() => page.getByText('Dato personal: no se guardará').count()).toBe(1);
    expect(await page.getByText('@example.org').count()).toBe(0);
    await page.getByRole('textbox', { name: 'Contenido de la columna «¿Es usted servidor o ciudadano?»' }).click();
    await page.getByRole('option', { name: 'Tipo de grupo (interno o externo)' }).click();
    await expectAccessible(page, 'relación de columnas');
    await page.getByRole('button', { name: 'Vista previa' }).click();
    await expect.poll(() => page.getByText('Vista previa de la importación').count()).toBe(1);
    await expect.poll(() => page.getByText(/Columnas con datos personales que no se guardarán/).count()).toBe(1);
    expect(await page.getByText('@example.org').count()).toBe(0);
    await expectAccessible(page, 'vista previa de la importación');
    await screenshot(page, 'consultation-import-preview');
    // Nothing saved before confirming.
    expect((await (await page.request.get(`/api/consultations/${id}`)).json()).responseCount).toBe(0);

    await page.getByRole('button', { name: 'Confirmar importación' }).click();
    await expect.poll(() => page.getByText('Se guardaron 500 respuestas de respuestas-google-forms.csv.').count()).toBeGreaterThan(0);
    // «Importación terminada»: the green title reads (issue 10 item 18).
    await expectAccessible(page, 'importación terminada');
    expect((await (await page.request.get(`/api/consultations/${id}`)).json()).responseCount).toBe(500);
    const responses = await (await page.request.get(`/api/consultations/${id}/responses?pageSize=100`)).text();
    expect(responses).not.toContain('example.org');

    // The tally: the winning topic first, in the table and the chart.
    await page.getByRole('tab', { name: 'Resultados' }).click();
    await expect.poll(() => page.locator('[role="img"]').count()).toBeGreaterThan(0);
    const chart = page.locator('[role="img"]').first();
    await expect.poll(() => chart.getAttribute('aria-label')).toContain(`Más votado: «${topics[1]}» con 300 votos`);
    await expect.poll(() => page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const firstRow = page.getByRole('table', { name: 'Votos por tema, en total y por tipo de grupo de valor' }).getByRole('row').nth(1);
    await expect.poll(() => firstRow.getByRole('rowheader').textContent()).toBe(topics[1]);
    await page.getByRole('button', { name: 'Ver datos como tabla' }).click();
    await expectAccessible(page, 'resultados de la consulta');
    await screenshot(page, 'consultation-results');

    await page.getByRole('tab', { name: 'Respuestas' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Respuestas de la consulta' }).count()).toBe(1);
    expect(await page.getByText('@example.org').count()).toBe(0);
    await expectAccessible(page, 'respuestas de la consulta');

    // The winning topic becomes a forum.
    await page.getByRole('tab', { name: 'Resumen' }).click();
    const winner = page.getByRole('article', { name: topics[1] });
    await winner.getByRole('button', { name: 'Crear foro con este tema' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Crear foro' }).click();
    await page.waitForURL(/\/foros\/\d+$/);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: topics[1] }).count()).toBe(1);
    const forumId = Number(new URL(page.url()).pathname.split('/').pop());
    const consultation = await (await page.request.get(`/api/consultations/${id}`)).json();
    expect(consultation.forums).toEqual([expect.objectContaining({ id: forumId, title: topics[1] })]);
    await screenshot(page, 'consultation-forum');
    await context.close();
  });

  it('a reviewer reads the 2022 consultation (no import, no create) and every tab passes axe', async () => {
    const { context, page } = await newPage(env);
    await login(env, page, 'revisor', { open: false });
    const list = await (await page.request.get('/api/consultations?year=2022')).json();
    await page.goto(`/consultas/${list.items[0].id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: /Consulta ciudadana/ }).count()).toBe(1);
    expect(await page.getByRole('tab', { name: 'Importar' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Crear foro con este tema' }).count()).toBe(0);
    await expectAccessible(page, 'consulta 2022 (revisión)');
    await page.getByRole('tab', { name: 'Resultados' }).click();
    await expect.poll(() => page.getByText(/Aún no hay respuestas|respuestas?$/).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'resultados 2022');
    await context.close();
  });
  it('a second consultation for 2022 is refused at «Vigencia», with a link to the one that exists; axe clean on the red alert', async () => {
    const { context, page } = await newPage(env);
    await login(env, page, 'editora', { open: false });
    await page.goto('/consultas/nueva');
    await page.getByRole('textbox', { name: 'Título', exact: true }).fill('Segunda ronda 2022');
    await page.getByRole('textbox', { name: /^Vigencia/ }).fill('2022');
    await page.getByLabel('Fecha de apertura').fill('01/01/2022');
    await page.getByLabel('Fecha de cierre').fill('21/06/2022');
    await page.getByRole('textbox', { name: 'Título del tema' }).first().fill('Movilidad');
    await page.getByRole('button', { name: 'Guardar' }).click();
    const open = page.getByRole('link', { name: 'Abrir la consulta de la vigencia 2022' });
    await open.waitFor();
    expect(await page.getByRole('textbox', { name: /^Vigencia/ }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'consulta con vigencia ocupada');
    await screenshot(page, 'consultation-year-taken');
    // What was typed is not saved: leaving asks first.
    await open.click();
    const leave = page.getByRole('dialog', { name: 'Cambios sin guardar' });
    await leave.waitFor();
    await expectAccessible(page, 'salir sin guardar');
    await leave.getByRole('button', { name: 'Salir sin guardar' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Consulta ciudadana de temas para los Foros Virtuales 2022' }).count()).toBe(1);
    await context.close();
  });

  it('reads a Microsoft Forms .xlsx in the worker and maps its columns', async () => {
    const { context, page } = await newPage(env);
    await login(env, page, 'editora', { open: false });
    // This year has its consultation already (the first test); one per year.
    const next = year + 1;
    // A write from the app's own origin, as the page would send it (the server refuses writes that do not prove it).
    const created = await page.request.post('/api/consultations', {
      headers: { origin: env.server.url },
      data: {
        year: next,
        title: `Consulta XLSX ${next}`,
        openDate: `${next}-01-01`,
        closeDate: `${next}-12-31`,
        channels: ['web'],
        status: 'open',
        topics: [{ title: 'Salud', description: '', proposingTeam: '' }],
      },
    });
    expect(created.status()).toBe(201);
    const { id } = await created.json();
    const file = join(dir, 'microsoft-forms.xlsx');
    writeFileSync(
      file,
      Buffer.from(
        xlsx([
          ['Id', 'Hora de inicio', 'Hora de finalización', 'Correo electrónico', 'Nombre', 'Tema'],
          [1, '3/5/24 10:00:00', '3/5/24 10:15:00', 'ana@example.org', 'Ana', 'Salud'],
          [2, '3/6/24 11:00:00', '3/6/24 11:05:00', 'luis@example.org', 'Luis', 'Salud'],
        ]),
      ),
    );
    await page.goto(`/consultas/${id}?vista=importar`);
    await page.locator('input[type="file"]').setInputFiles(file);
    await expect.poll(() => page.getByText('microsoft-forms.xlsx: 2 filas leídas.').count()).toBe(1);
    await expect.poll(() => page.getByText('Dato personal: no se guardará').count()).toBe(2);
    expect(await page.getByText('ana@example.org').count()).toBe(0);
    await context.close();
  });
});
