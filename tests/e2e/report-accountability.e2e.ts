import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoForums2022 } from '../../src/db/demo-2022';
import { readDocx } from '../support/docx-reader';
import { chromiumPath, expectAccessible, login, newPage, startE2e, type E2eEnv } from './support';

const stateText = (page: Page) => page.getByTestId('section-state').innerText();

// Issue 13: an evaluation imported → the report's «Evaluación de los foros» drafted from it → approved by a reviewer → in the Word file.
describe.skipIf(!chromiumPath)('the report’s «Evaluación de los foros» section end to end', () => {
  let env: E2eEnv;
  let dir: string;
  beforeAll(async () => {
    env = await startE2e();
    dir = mkdtempSync(join(tmpdir(), 'foros-report-evaluation-'));
  });
  afterAll(async () => {
    await env?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an imported evaluation is drafted into the section, a reviewer approves it, and the Word export carries it', async () => {
    const editor = await newPage(env);
    const ed = editor.page;
    await login(env, ed, 'editora', { open: false });
    const forum = { ...JSON.parse(JSON.stringify(demoForums2022[0])), title: 'Foro de evaluación e2e', year: 2023, date: '2023-06-22', questions: [] };
    const created = await ed.request.post('/api/forums', { data: forum, headers: { origin: env.server.url } });
    expect(created.status()).toBe(201);
    const forumId = ((await created.json()) as { id: number }).id;
    const report = await ed.request.post('/api/reports/2023', {
      data: { title: 'Foros 2023', entity: 'IDIPRON', strategy: '', preparedBy: { name: 'Persona Responsable', role: 'Líder', office: 'Planeación' } },
      headers: { origin: env.server.url },
    });
    expect(report.status()).toBe(201);
    const sectionId = ((await report.json()) as { sections: { id: number; kind: string }[] }).sections.find((s) => s.kind === 'evaluation')!.id;

    // The evaluation, imported from a Forms export (the name column is dropped).
    await ed.goto(`/foros/${forumId}/evaluacion`);
    await expect.poll(() => ed.getByText(/Aún no hay respuestas de evaluación/).count()).toBe(1);
    const file = join(dir, 'evaluacion.csv');
    writeFileSync(file, 'Marca temporal,Nombre,¿La información fue clara?,¿El tema le resultó útil?,Comentarios\n2023/06/22,Ana Pérez,5,4,Muy útil para mi barrio\n2023/06/22,Luis Gómez,4,2,\n', 'utf8');
    await ed.locator('input[type="file"]').setInputFiles(file);
    await ed.getByRole('button', { name: 'Vista previa' }).click();
    await ed.getByRole('button', { name: 'Confirmar importación' }).click();
    await expect.poll(() => ed.getByRole('table', { name: 'Resultado por pregunta' }).count()).toBe(1);

    // The section shows the drafted tally; the editor sends it to review.
    await ed.goto(`/informes/2023/secciones/${sectionId}`);
    await ed.getByRole('heading', { level: 1, name: /Evaluación de los foros/ }).waitFor();
    const tally = ed.getByRole('table', { name: 'Respuestas por pregunta — Foro de evaluación e2e' });
    await expect.poll(() => tally.count()).toBe(1);
    await expect.poll(() => tally.getByRole('row', { name: /¿El tema le resultó útil\?/ }).innerText()).toContain('50 %');
    await expect.poll(() => ed.getByText('«Muy útil para mi barrio»').count()).toBe(1);
    expect(await ed.getByText('Ana Pérez').count()).toBe(0);
    await expectAccessible(ed, 'sección «Evaluación de los foros»');
    await ed.getByRole('button', { name: 'Enviar a revisión' }).click();
    await expect.poll(() => stateText(ed)).toBe('En revisión');

    // The reviewer approves it.
    const reviewer = await newPage(env);
    const rv = reviewer.page;
    await login(env, rv, 'revisor', { open: false });
    await rv.goto(`/informes/2023/secciones/${sectionId}`);
    await expect.poll(() => rv.getByRole('table', { name: 'Evaluación — Foro de evaluación e2e' }).count()).toBe(1);
    await rv.getByRole('button', { name: 'Aprobar' }).click();
    await expect.poll(() => stateText(rv)).toBe('Aprobada');
    await expectAccessible(rv, 'sección aprobada (revisor)');

    // The Word file carries the section with its tables and the comment, never the name.
    const docx = await rv.request.get('/api/reports/2023/export.docx');
    expect(docx.status()).toBe(200);
    const body = readDocx(new Uint8Array(await docx.body())).paragraphs.join('\n');
    expect(body).toContain('Evaluación de los foros');
    expect(body).toContain('Respuestas por pregunta — Foro de evaluación e2e');
    expect(body).toContain('Índice de satisfacción (respuestas 4 y 5)');
    expect(body).toContain('«Muy útil para mi barrio»');
    expect(body).not.toContain('Ana Pérez');
    await editor.context.close();
    await reviewer.context.close();
  });
});
