import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoForums2022 } from '../../src/db/demo-2022';
import { chromiumPath, expectAccessible, login, newPage, startE2e, type E2eEnv } from './support';

// Issue 13: a question received → assigned → answered → published (in the year's open data), axe on each page.
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
    await login(env, page, 'editora');
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

  it('the administrator configures areas and terms in «Ajustes»', async () => {
    const { context, page } = await newPage(env);
    await login(env, page, 'admin');
    await page.goto('/ajustes');
    await page.getByRole('heading', { level: 1, name: 'Ajustes' }).waitFor();
    await page.getByLabel('Nueva área').fill('Subdirección de Métodos Educativos');
    await page.getByRole('button', { name: 'Agregar área' }).click();
    await page.getByRole('cell', { name: 'Subdirección de Métodos Educativos', exact: true }).waitFor();
    await expectAccessible(page, 'ajustes');
    await context.close();
  });
});
