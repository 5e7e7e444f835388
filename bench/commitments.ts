import { sql } from 'kysely';
import { createApi } from '../src/api/create-api';
import { bootstrap } from '../src/api/bootstrap';
import { openNodeDatabase } from '../src/db/node-driver';
import { writeAudit } from '../src/db/audit-queries';
import { ms, times, type ReportRow } from './report';
import { benchAdminPassword, benchIterations, createWorkspace } from './server';

const areas = ['Subdirección de Formación', 'Oficina de Comunicaciones', 'Subdirección Técnica', 'Oficina de Planeación', 'Subdirección Administrativa'];

/** 10.000 commitments of one forum, written in one statement. */
async function seed(db: Awaited<ReturnType<typeof openNodeDatabase>>, count: number) {
  const now = new Date().toISOString();
  const forum = await db
    .insertInto('forums')
    .values({ title: 'Foro de benchmark', theme: 'x', search_text: 'foro de benchmark', year: 2025, date: '2025-06-01', time: null, duration_minutes: null, platform: 'facebook_live', stream_url: '', status: 'held', objective: '', place: '', moderator: '', details: '{}', version: 1, created_at: now, updated_at: now, created_by: 'admin', updated_by: 'admin' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = JSON.stringify(Array.from({ length: count }, (_, i) => [`Compromiso ${i + 1}`, areas[i % areas.length]]));
  await sql`insert into commitments (forum_id, year, text, area, person, due_date, status, cancel_reason, progress, version, created_at, updated_at, created_by, updated_by)
    select ${forum.id}, 2025, json_extract(value, '$[0]'), json_extract(value, '$[1]'), '', '2026-12-31', 'pending', '', 0, 1, ${now}, ${now}, 'admin', 'admin' from json_each(${rows})`.execute(db);
}

/**
 * Commitments CSV update of 10.000 rows (issue 13: ≤ 2 s): the progress-import route, saved (not a dry run), over a
 * SQLite file; beside it the baseline the first attempt used — the same updates one row at a time (an UPDATE, a
 * follow-up INSERT and an audit INSERT per row through Kysely) in one transaction. And how long a request sent
 * meanwhile waits (the server's side of «the page responsive»; the browser reads the file in a worker).
 */
export async function benchCommitments(count = 10_000, targetMs = 2000): Promise<ReportRow[]> {
  const section = 'Compromisos';
  const rows: ReportRow[] = [];
  const workspace = createWorkspace();
  const db = await openNodeDatabase(workspace.dbFile);
  try {
    await bootstrap(db, { demo: false, adminPassword: benchAdminPassword, passwordIterations: benchIterations });
    await seed(db, count);
    const app = createApi({ db, passwordIterations: benchIterations });
    const login = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify({ username: 'admin', password: benchAdminPassword }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const headers = { cookie, 'content-type': 'application/json', origin: 'http://localhost' };
    const ids = (await db.selectFrom('commitments').select(['id', 'area']).orderBy('id').execute()).slice(0, count);
    const file = (progress: number) => ({
      header: ['Área', 'Número', 'Avance', 'Nota'],
      mapping: { Área: 'area', Número: 'id', Avance: 'progress', Nota: 'note' },
      rows: ids.map((c, i) => [c.area, String(c.id), String(progress), i % 3 === 0 ? `Avance reportado en la mesa ${i}` : '']),
    });
    // Warm-up: a dry run (JIT, statement cache).
    await app.request('/api/commitments/progress-import?dryRun=1', { method: 'POST', headers, body: JSON.stringify(file(10)) });

    const body = JSON.stringify(file(40));
    const started = performance.now();
    const importing = app.request('/api/commitments/progress-import', { method: 'POST', headers, body });
    // A request sent while the import runs (a person opening a commitment).
    const meanwhileStart = performance.now();
    const meanwhile = Promise.resolve(app.request(`/api/commitments/${ids[0].id}`, { headers: { cookie } })).then(() => performance.now() - meanwhileStart);
    const res = await importing;
    const importMs = performance.now() - started;
    const answer = (await res.json()) as { updated?: number; title?: string };
    const waitMs = await meanwhile;
    const ok = res.status === 200 && answer.updated === count;
    const followUps = Number((await sql<{ n: number }>`select count(*) as n from commitment_follow_ups`.execute(db)).rows[0].n);

    // Baseline: one row at a time through Kysely, in one transaction (what the first attempt did).
    const now = new Date().toISOString();
    const baseStart = performance.now();
    await db.transaction().execute(async (tx) => {
      for (const c of ids) {
        await tx.updateTable('commitments').set({ progress: 70, status: 'in_progress', version: sql`version + 1`, updated_at: now, updated_by: 'admin' }).where('id', '=', c.id).execute();
        await tx.insertInto('commitment_follow_ups').values({ commitment_id: c.id, date: '2026-01-01', note: 'x', progress: 70, evidence_url: '', created_at: now, created_by: 'admin' }).execute();
        await writeAudit(tx, { at: now, userId: 1, username: 'admin', action: 'update', entity: 'commitment', entityId: c.id, changes: ['avance'] });
      }
    });
    const baseMs = performance.now() - baseStart;
    const n = count.toLocaleString('es-CO');
    rows.push({
      section,
      measure: `Actualizar avances de ${n} compromisos desde CSV (ruta, guardado: revisar, actualizar, seguimiento y auditoría por fila, una transacción)`,
      value: ok && followUps === count ? ms(importMs) : `ERROR: HTTP ${res.status} ${answer.title ?? ''}`,
      baseline: ms(baseMs),
      ratio: times(baseMs / importMs),
      target: `≤ ${targetMs} ms`,
      ok: ok && importMs <= targetMs,
    });
    rows.push({ section, measure: '  una petición enviada durante la importación espera', value: ms(waitMs) });
  } finally {
    await db.destroy();
    workspace.cleanup();
  }
  return rows;
}
