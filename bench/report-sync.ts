import { sql } from 'kysely';
import { bootstrap } from '../src/api/bootstrap';
import { applyChange } from '../src/api/change';
import { createApi } from '../src/api/create-api';
import { generatedHash } from '../src/api/report-generated';
import { demoForums2022 } from '../src/db/demo-2022';
import { insertEvaluationResponses } from '../src/db/evaluation-queries';
import { openNodeDatabase } from '../src/db/node-driver';
import { generatedKinds } from '../src/domain/report-sync';
import { ms, type ReportRow } from './report';
import { benchAdminPassword, benchIterations, createWorkspace } from './server';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The report sync on a big year (issue 13): a year with a report, 10.000 commitments and 10.000 evaluation
 * responses. Every write that touches the year brings its report in step (src/api/report-sync.ts); measured: a
 * commitment saved and an evaluation response added through their routes, and a change that touches the year
 * without saying what (what a forum or report write pays), median of 7 each, over a SQLite file; beside them, the
 * time of each generated section's hash read alone.
 */
export async function benchReportSync(count = 10_000, runs = 7): Promise<ReportRow[]> {
  const section = 'Informe (sincronización)';
  const rows: ReportRow[] = [];
  const workspace = createWorkspace();
  const db = await openNodeDatabase(workspace.dbFile);
  try {
    await bootstrap(db, { demo: false, adminPassword: benchAdminPassword, passwordIterations: benchIterations });
    const app = createApi({ db, passwordIterations: benchIterations });
    const login = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify({ username: 'admin', password: benchAdminPassword }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const headers = { cookie, 'content-type': 'application/json', origin: 'http://localhost' };
    const now = new Date().toISOString();
    const made = await app.request('/api/forums', { method: 'POST', headers, body: JSON.stringify({ ...structuredClone(demoForums2022[0]!), title: 'Foro de benchmark', year: 2025, date: '2025-06-01', questions: [] }) });
    if (made.status !== 201) throw new Error(`No se creó el foro: HTTP ${made.status}`);
    const forum = (await made.json()) as { id: number };
    const list = JSON.stringify(Array.from({ length: count }, (_, i) => [`Compromiso ${i + 1}`, `Área ${i % 5}`, i % 4 === 0 ? 'in_progress' : 'pending', i % 100]));
    await sql`insert into commitments (forum_id, year, text, area, person, due_date, status, cancel_reason, progress, version, created_at, updated_at, created_by, updated_by)
      select ${forum.id}, 2025, json_extract(value, '$[0]'), json_extract(value, '$[1]'), '', '2026-12-31', json_extract(value, '$[2]'), '', json_extract(value, '$[3]'), 1, ${now}, ${now}, 'admin', 'admin' from json_each(${list})`.execute(db);
    const score = (i: number, k: number) => ((i + k) % 5) + 1;
    await insertEvaluationResponses(
      db,
      forum.id,
      Array.from({ length: count }, (_, i) => ({ scores: { clarity: score(i, 0), usefulness: score(i, 1), participation: score(i, 2), answers: score(i, 3), format: score(i, 4) }, comment: i % 10 === 0 ? `Comentario ${i}` : '', valueGroup: '' })),
      'import',
      'admin',
      now,
    );
    const report = await app.request('/api/reports/2025', {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Foros 2025', entity: 'Entidad', strategy: 'Estrategia', preparedBy: { name: 'Persona', role: 'Cargo', office: 'Oficina' } }),
    });
    if (report.status !== 201) throw new Error(`No se creó el informe: HTTP ${report.status}`);
    const commitmentId = (await db.selectFrom('commitments').select('id').orderBy('id').executeTakeFirstOrThrow()).id;

    const time = async (write: (i: number) => Promise<boolean>) => {
      const took: number[] = [];
      let ok = true;
      for (let i = 0; i <= runs; i++) {
        const started = performance.now();
        ok = (await write(i)) && ok;
        if (i > 0) took.push(performance.now() - started); // the first is a warm-up
      }
      return { value: median(took), ok };
    };
    const commitment = await time(async (i) => {
      const current = (await (await app.request(`/api/commitments/${commitmentId}`, { headers: { cookie } })).json()) as { version: number };
      const res = await app.request(`/api/commitments/${commitmentId}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ version: current.version, forumId: forum.id, text: 'Compromiso 1', area: 'Área 0', person: `Persona ${i}`, dueDate: '2026-12-31', status: 'in_progress', cancelReason: '', progress: i }),
      });
      return res.status === 200;
    });
    const evaluation = await time(async () => {
      const res = await app.request(`/api/forums/${forum.id}/evaluation/responses`, { method: 'POST', headers, body: JSON.stringify({ scores: { clarity: 5, usefulness: 4, participation: null, answers: null, format: null }, comment: '', valueGroup: '' }) });
      return res.status === 201;
    });
    const user = { id: 1, username: 'admin' };
    const untold = await time(async () => {
      await applyChange(db, user, new Date().toISOString(), async () => ({ result: null, touched: { years: [2025] } }));
      return true;
    });
    const n = count.toLocaleString('es-CO');
    const label = `(informe 2025, ${n} compromisos, ${n} respuestas de evaluación; mediana de ${runs})`;
    rows.push({ section, measure: `Guardar un compromiso (PUT, con la sincronización del informe) ${label}`, value: commitment.ok ? ms(commitment.value) : 'ERROR' });
    rows.push({ section, measure: '  registrar una respuesta de evaluación (POST)', value: evaluation.ok ? ms(evaluation.value) : 'ERROR' });
    rows.push({ section, measure: '  un cambio que toca la vigencia sin decir qué (foro, informe)', value: ms(untold.value) });
    const today = new Date().toISOString().slice(0, 10);
    for (const kind of generatedKinds) {
      const took: number[] = [];
      for (let i = 0; i <= runs; i++) {
        const started = performance.now();
        await db.transaction().execute((tx) => generatedHash(tx, 2025, kind, today));
        if (i > 0) took.push(performance.now() - started);
      }
      rows.push({ section, measure: `  huella de la sección generada «${kind}» sola`, value: ms(median(took)) });
    }
  } finally {
    await db.destroy();
    workspace.cleanup();
  }
  return rows;
}
