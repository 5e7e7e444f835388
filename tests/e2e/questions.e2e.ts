import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoForums2022 } from '../../src/db/demo-2022';
import { readDocx } from '../support/docx-reader';
import { chromiumPath, expectAccessible, login, newPage, startE2e, type E2eEnv } from './support';

// Issue 13: a question received → assigned → answered → published in the year's report (and in the 2022 open data),
// axe on each page.
describe.skipIf(!chromiumPath)('questions as cases', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('an editor takes a question from received to published, and the open data of the year carries it with its answer', async () => {
    const { context, page } = await newPage(env);
    await login(env, page, 'editora', { open: false });
    const forum = {
      ...JSON.parse(JSON.stringify(demoForums2022[0])),
      title: 'Foro de preguntas e2e',
      questions: [{ text: '¿Cuándo abren las inscripciones de 2022?', channel: 'web_form', askedBy: '', answered: false, answeredBy: '', answerSummary: '' }],
    };
    const created = await page.request.post('/api/forums', { data: forum, headers: { origin: env.server.url } });
    expect(created.status()).toBe(201);
    const questionId = ((await created.json()) as { questions: { questionId: number }[] }).questions[0]!.questionId;

    await page.goto('/preguntas?vence=vencidas');
    await page.getByRole('heading', { level: 1, name: 'Preguntas' }).waitFor();
    await page.getByRole('link', { name: '¿Cuándo abren las inscripciones de 2022?' }).click();
    await page.getByRole('heading', { level: 1, name: `Pregunta ${questionId}` }).waitFor();
    await page.getByText(/Vence el 15 de julio de 2022/).waitFor();
    await expectAccessible(page, 'caso de una pregunta');

    // Assigned.
    await page.getByLabel('Estado').selectOption('asignada');
    await page.getByLabel('Persona asignada').fill('Ana Ruiz');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Preguntas' }).waitFor();
    await expectAccessible(page, 'lista de preguntas');

    // Answered, with the written answer, and published.
    await page.goto(`/preguntas/${questionId}`);
    await page.getByRole('heading', { level: 1, name: `Pregunta ${questionId}` }).waitFor();
    await page.getByRole('textbox', { name: 'Respuesta escrita' }).click();
    await page.keyboard.type('Las inscripciones abren en agosto.');
    await page.getByLabel('Fecha de respuesta').fill('05/07/2022');
    await page.getByLabel('Fecha de respuesta').press('Tab');
    await page.getByLabel('Se puede publicar (sin datos personales)').check();
    await page.getByLabel('Estado').selectOption('publicada');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Preguntas' }).waitFor();

    const csv = await (await page.request.get('/api/years/2022/open-data/questions.csv')).text();
    expect(csv).toContain('¿Cuándo abren las inscripciones de 2022?');
    expect(csv).toContain('Las inscripciones abren en agosto.');
    await context.close();
  });

  it('a question recorded on a 2023 forum is assigned, answered and published, and the 2023 report shows it with its answer, channel and dates', async () => {
    // The administrator has configured the area that answers (as in «Ajustes»).
    const admin = await newPage(env);
    await login(env, admin.page, 'admin', { open: false });
    const area = await admin.page.request.post('/api/areas', { data: { name: 'Subdirección de Formación' }, headers: { origin: env.server.url } });
    expect(area.status()).toBe(201);
    await admin.context.close();

    const { context, page } = await newPage(env);
    await login(env, page, 'editora', { open: false });

    // The 2023 report, created from «Informes» (the 2022 one is published and frozen).
    await page.goto('/informes');
    await page.getByRole('heading', { level: 1, name: 'Informes' }).waitFor();
    await page.getByRole('button', { name: 'Crear informe de la vigencia' }).click();
    const dialog = page.getByRole('dialog', { name: 'Crear informe de la vigencia' });
    await dialog.getByLabel('Vigencia').fill('2023');
    await dialog.getByLabel('Título').fill('Foros Virtuales de Participación 2023');
    await dialog.getByLabel('Entidad').fill('IDIPRON');
    await dialog.getByLabel('Estrategia').fill('Estrategia de Rendición de Cuentas');
    await dialog.getByLabel('Nombre').fill('Persona Responsable');
    await dialog.getByLabel('Cargo').fill('Profesional');
    await dialog.getByLabel('Dependencia').fill('Oficina Asesora de Planeación');
    await expectAccessible(page, 'crear informe 2023');
    await dialog.getByRole('button', { name: 'Crear informe' }).click();
    await page.waitForURL(/\/informes\/2023$/);
    await page.getByRole('link', { name: 'Preguntas y respuestas' }).waitFor();

    // Received: the question is recorded on the forum, as the office does after the livestream.
    await page.goto('/foros/nuevo');
    await page.getByLabel('Título', { exact: false }).first().fill('Foro de rendición de cuentas 2023');
    await page.getByLabel('Tema', { exact: false }).first().fill('Empleo juvenil');
    await page.getByLabel('Vigencia', { exact: false }).first().fill('2023');
    await page.getByLabel('Fecha', { exact: true }).fill('22/06/2023');
    await page.getByLabel('Fecha', { exact: true }).press('Tab');
    await page.getByRole('button', { name: 'Agregar pregunta', exact: true }).click();
    const row = page.getByRole('group', { name: 'Pregunta 1' });
    await row.getByRole('textbox', { name: /^Texto de la pregunta/ }).fill('¿Qué cupos de formación habrá en 2023?');
    await row.getByRole('combobox', { name: /^Canal/ }).selectOption({ label: 'Formulario web' });
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.waitForURL(/\/foros\/\d+$/);

    // Assigned: to an area and a person.
    await page.goto('/preguntas?vigencia=2023');
    await page.getByRole('heading', { level: 1, name: 'Preguntas' }).waitFor();
    await page.getByRole('link', { name: '¿Qué cupos de formación habrá en 2023?' }).click();
    await page.getByRole('heading', { level: 1, name: /^Pregunta \d+$/ }).waitFor();
    const caseUrl = page.url();
    await page.getByText(/Vence el 14 de julio de 2023/).waitFor();
    await page.getByLabel('Área responsable').selectOption({ label: 'Subdirección de Formación' });
    await page.getByLabel('Persona asignada').fill('Ana Ruiz');
    await page.getByLabel('Estado').selectOption('asignada');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Preguntas' }).waitFor();

    // Answered in rich text, by e-mail, and marked publishable.
    await page.goto(caseUrl);
    await page.getByRole('heading', { level: 1, name: /^Pregunta \d+$/ }).waitFor();
    await expect.poll(() => page.getByLabel('Persona asignada').inputValue()).toBe('Ana Ruiz');
    await page.getByRole('textbox', { name: 'Respuesta escrita' }).click();
    await page.keyboard.type('Habrá 300 cupos en cocina y sistemas.');
    await page.getByLabel('Fecha de respuesta').fill('06/07/2023');
    await page.getByLabel('Fecha de respuesta').press('Tab');
    await page.getByLabel('Respondió').fill('Ana Ruiz');
    await page.getByLabel('Canal de la respuesta').selectOption({ label: 'Correo electrónico' });
    await page.getByLabel('Se puede publicar (sin datos personales)').check();
    await page.getByLabel('Estado').selectOption('publicada');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Preguntas' }).waitFor();

    // Published in the report: the generated part of «Preguntas y respuestas» shows it with its answer, channel and dates.
    await page.goto('/informes/2023');
    await page.getByRole('link', { name: 'Preguntas y respuestas' }).click();
    await page.getByRole('heading', { level: 1, name: /Preguntas y respuestas/ }).waitFor();
    const item = page.getByRole('article', { name: '¿Qué cupos de formación habrá en 2023?' });
    await item.waitFor();
    await expect.poll(() => item.innerText()).toContain('Habrá 300 cupos en cocina y sistemas.');
    const meta = 'Recibida por formulario web el 22 de junio de 2023; respondida el 6 de julio de 2023 (correo electrónico).';
    expect(await item.innerText()).toContain(meta);
    await expectAccessible(page, 'sección «Preguntas y respuestas» 2023');

    // …and the Word file of the report carries it too.
    const docx = await page.request.get('/api/reports/2023/export.docx');
    expect(docx.status()).toBe(200);
    const body = readDocx(new Uint8Array(await docx.body())).paragraphs.join('\n');
    expect(body).toContain('¿Qué cupos de formación habrá en 2023?');
    expect(body).toContain('Habrá 300 cupos en cocina y sistemas.');
    expect(body).toContain(meta);
    await context.close();
  });

  it('the administrator configures areas and terms in «Ajustes»', async () => {
    const { context, page } = await newPage(env);
    await login(env, page, 'admin', { open: false });
    await page.goto('/ajustes');
    await page.getByRole('heading', { level: 1, name: 'Ajustes' }).waitFor();
    await page.getByLabel('Nueva área').fill('Subdirección de Métodos Educativos');
    await page.getByRole('button', { name: 'Agregar área' }).click();
    await page.getByRole('cell', { name: 'Subdirección de Métodos Educativos', exact: true }).waitFor();
    await expectAccessible(page, 'ajustes');
    await context.close();
  });
});
