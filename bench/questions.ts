import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { createApi } from '../src/api/create-api';
import { bootstrap } from '../src/api/bootstrap';
import { openNodeDatabase } from '../src/db/node-driver';
import { insertForum } from '../src/db/forum-queries';
import { questionStatuses, questionTypes, defaultQuestionSettings, dueDateFor } from '../src/domain/question';
import { makeForum } from './seed-data';
import { createBareRunner, latency, createRecorder, type Entry } from './forums';
import { benchAdminPassword, benchIterations, createWorkspace, login, startBenchServer, withDatabase } from './server';
import { createRandom, timed } from './stats';
import { ms, times, type ReportRow } from './report';

/**
 * `npm run bench preguntas`: the «Preguntas» list with 100,000 questions over 10 years, over HTTP (the server in this
 * process, like the forums section), beside the same SQL statements on bare better-sqlite3; and the due-date
 * computation of 100,000 questions in Colombian working days (date-holidays, a holiday set per year) beside a count
 * of weekdays only (the cost of the holidays).
 */
const syncTimed = <T>(fn: () => T): { ms: number; value: T } => {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
};

const questionCount = 100_000;
const forumCount = 1_000;
const years = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025] as const;

function seedQuestions(dbFile: string, r: ReturnType<typeof createRandom>) {
  const sqlite = new BetterSqlite3(dbFile);
  const forums = sqlite.prepare('select id, year, date from forums').all() as { id: number; year: number; date: string | null }[];
  const insert = sqlite.prepare(
    `insert into forum_questions (forum_id, position, text, channel, asked_by, answered, answered_by, answer_summary, year, received_at, type, due_date, area_id, assignee, status, answer, answered_at, answer_channel, publishable, answered_live)
     values (?, ?, ?, 'web_form', '', ?, '', '', ?, ?, ?, ?, null, ?, ?, null, ?, null, ?, 0)`,
  );
  const inputs: { receivedAt: string; type: (typeof questionTypes)[number] }[] = [];
  for (let i = 0; i < questionCount; i++) {
    const forum = forums[i % forums.length]!;
    const day = String(r.int(1, 28)).padStart(2, '0');
    const month = String(r.int(1, 12)).padStart(2, '0');
    inputs.push({ receivedAt: `${forum.year}-${month}-${day}T10:00`, type: r.pick(questionTypes) });
  }
  // The due dates of 100,000 questions: the measure the issue sets (≤ 200 ms).
  const due = syncTimed(() => inputs.map((q) => dueDateFor(q.receivedAt, q.type, false, defaultQuestionSettings)));
  const write = sqlite.transaction(() => {
    for (let i = 0; i < questionCount; i++) {
      const forum = forums[i % forums.length]!;
      const status = r.pick(questionStatuses);
      const answered = status === 'respondida' || status === 'publicada';
      insert.run(forum.id, Math.floor(i / forums.length), `Pregunta ${i} sobre participación`, answered ? 1 : 0, forum.year, inputs[i]!.receivedAt, inputs[i]!.type, due.value[i], status === 'asignada' ? 'Ana' : '', status, answered ? inputs[i]!.receivedAt.slice(0, 10) : null, status === 'publicada' ? 1 : 0);
    }
  });
  write();
  sqlite.exec('analyze');
  sqlite.close();
  return { inputs, dueMs: due.ms };
}

/** Weekdays only, no holidays: what a hand-made calendar without the holiday list would cost. */
function weekdaysOnly(from: string, days: number): string {
  const date = new Date(`${from.slice(0, 10)}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const d = date.getUTCDay();
    if (d !== 0 && d !== 6) left -= 1;
  }
  return date.toISOString().slice(0, 10);
}

export async function benchQuestions(): Promise<ReportRow[]> {
  const section = 'Preguntas (API)';
  const workspace = createWorkspace();
  const rows: ReportRow[] = [];
  const stops: Array<() => Promise<unknown> | unknown> = [];
  try {
    const r = createRandom(1755);
    const seeded = await timed(() =>
      withDatabase(workspace.dbFile, (db) =>
        db.transaction().execute(async (tx) => {
          const now = new Date().toISOString();
          for (let i = 0; i < forumCount; i++) {
            const year = years[i % years.length]!;
            await insertForum(tx, { ...makeForum(i, r), year, date: `${year}-06-15`, questions: [] }, 'bench', now);
          }
        }),
      ),
    );
    const { inputs, dueMs } = seedQuestions(workspace.dbFile, r);
    rows.push({ section, measure: `Carga de ${forumCount.toLocaleString('es-CO')} foros + ${questionCount.toLocaleString('es-CO')} preguntas en 10 vigencias`, value: ms(seeded.ms) });

    // The first computation in this process (cold: holiday sets and the memo of day + term built as it goes).
    const due = { ms: dueMs };
    const base = syncTimed(() => inputs.map((q) => weekdaysOnly(q.receivedAt, defaultQuestionSettings.terms[q.type])));
    rows.push({
      section,
      measure: `Vencimiento de ${questionCount.toLocaleString('es-CO')} preguntas (días hábiles con festivos CO), primera vez en el proceso`,
      value: ms(due.ms),
      baseline: `solo lunes a viernes: ${ms(base.ms)}`,
      ratio: times(due.ms / base.ms),
      target: '≤ 200 ms',
      ok: due.ms <= 200,
    });

    const warm = syncTimed(() => inputs.map((q) => dueDateFor(q.receivedAt, q.type, false, defaultQuestionSettings)));
    rows.push({ section, measure: 'Vencimiento de las mismas 100.000, otra vez (festivos por año y día + término ya calculados)', value: ms(warm.ms), target: '≤ 200 ms', ok: warm.ms <= 200 });

    const local = await startBenchServer(workspace.dbFile);
    stops.push(local.close);
    const cookie = await login(local.url);
    const recorder = await createRecorder(workspace.dbFile, cookie);
    stops.push(recorder.close);
    const entries: Record<string, Entry> = {};
    const paths: string[] = [];
    const filters = () => {
      const p = new URLSearchParams();
      if (r.int(0, 1)) p.set('year', String(r.pick(years)));
      if (r.int(0, 1)) p.set('status', r.pick(questionStatuses));
      if (r.int(0, 3) === 0) p.set('due', r.pick(['overdue', 'week']));
      if (r.int(0, 4) === 0) p.set('forumId', String(r.int(1, forumCount)));
      if (r.int(0, 1)) p.set('sort', '-due');
      p.set('page', String(r.int(1, 5)));
      p.set('pageSize', '25');
      return `/api/questions?${p}`;
    };
    while (paths.length < 200) {
      const path = filters();
      if (entries[path]) continue;
      entries[path] = await recorder.record(path, 'list');
      paths.push(path);
    }
    const bare = createBareRunner(workspace.dbFile);
    stops.push(bare.close);
    const s = await latency(local, paths, entries, cookie, bare, { forums: forumCount, warmup: 50, requests: 500, clients: 1, throughputMs: 0, rounds: 1 });
    rows.push({
      section,
      measure: `Lista filtrada (vigencia, estado, vencimiento, foro, orden por vencimiento, conteos): p95 (p50) de ${s.api.count}`,
      value: `${ms(s.api.p95)} (${ms(s.api.p50)})`,
      baseline: `SQL sola: ${ms(s.bare.p95)} (${ms(s.bare.p50)})`,
      ratio: times(s.api.p95 / s.bare.p95),
      target: '≤ 20 ms',
      ok: s.api.p95 <= 20,
    });
  } finally {
    for (const stop of stops.reverse()) await stop();
    workspace.cleanup();
  }
  return rows;
}

const importRows = 100_000;
const importForums = 250;

/**
 * `npm run bench preguntas-importar`: the questions bulk import (POST /api/questions/import) of 100,000 rows of a
 * Forms export into 250 forums, through the API as the tests call it (createApi + app.request): the preview
 * (dryRun=1) and the save (one transaction, holding SQLite's write lock). Beside it the baseline: the same rows
 * inserted with a bare better-sqlite3 prepared statement in one transaction.
 */
export async function benchQuestionImport(): Promise<ReportRow[]> {
  const section = 'Preguntas (importación)';
  const rows: ReportRow[] = [];
  const workspace = createWorkspace();
  const db = await openNodeDatabase(workspace.dbFile);
  try {
    await bootstrap(db, { demo: false, adminPassword: benchAdminPassword, passwordIterations: benchIterations });
    const now = new Date().toISOString();
    await db
      .insertInto('forums')
      .values(
        Array.from({ length: importForums }, (_, i) => ({ title: `Foro de importación ${i + 1}`, theme: 'x', search_text: `foro de importacion ${i + 1}`, year: 2025, date: '2025-06-01', time: '10:00', duration_minutes: null, platform: 'facebook_live' as const, stream_url: '', status: 'held' as const, objective: '', place: '', moderator: '', details: '{}', version: 1, created_at: now, updated_at: now, created_by: 'admin', updated_by: 'admin' })),
      )
      .execute();
    const app = createApi({ db, passwordIterations: benchIterations });
    const login = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify({ username: 'admin', password: benchAdminPassword }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const headers = { cookie, 'content-type': 'application/json', origin: 'http://localhost' };
    const r = createRandom(2026);
    const channels = ['Formulario web', 'Chat en vivo', 'Correo', ''];
    const types = ['Petición', 'Solicitud de información', 'Consulta', ''];
    const file = {
      header: ['Marca temporal', 'Foro', 'Canal', 'Tipo', 'Escriba su pregunta', 'Nombre', 'Correo electrónico', '¿Autoriza el tratamiento de sus datos personales?', 'Edad'],
      mapping: { 'Marca temporal': 'receivedAt', Foro: 'forum', Canal: 'channel', Tipo: 'type', 'Escriba su pregunta': 'text', Nombre: 'name', 'Correo electrónico': 'contact', '¿Autoriza el tratamiento de sus datos personales?': 'consent', Edad: 'age' },
      rows: Array.from({ length: importRows }, (_, i) => {
        const withData = i % 3 === 0;
        const h = r.int(1, 12);
        return [
          `2025/${String(r.int(1, 11)).padStart(2, '0')}/${String(r.int(1, 28)).padStart(2, '0')} ${h}:${String(r.int(0, 59)).padStart(2, '0')}:00 ${r.int(0, 1) ? 'a. m.' : 'p. m.'} GMT-5`,
          `Foro de importación ${(i % importForums) + 1}`,
          r.pick(channels),
          r.pick(types),
          `¿Pregunta ${i + 1} sobre la participación ciudadana en el foro?`,
          withData ? `Persona ${i}` : '',
          withData ? `persona${i}@example.org` : '',
          withData ? 'Sí, autorizo' : 'No',
          String(r.int(14, 70)),
        ];
      }),
    };
    const body = JSON.stringify(file);
    const post = async (path: string) => app.request(path, { method: 'POST', headers, body });
    const dry = await timed(() => post('/api/questions/import?dryRun=1'));
    const dryAnswer = (await dry.value.json()) as { accepted?: number; title?: string };
    const saved = await timed(() => post('/api/questions/import'));
    const savedAnswer = (await saved.value.json()) as { accepted?: number; title?: string };
    const stored = Number((await sql<{ n: number }>`select count(*) as n from forum_questions`.execute(db)).rows[0]!.n);

    // Baseline: the same rows, already planned, through one bare prepared statement in one transaction.
    const sqlite = new BetterSqlite3(workspace.dbFile);
    const forumIds = (sqlite.prepare('select id from forums order by id').all() as { id: number }[]).map((f) => f.id);
    const insert = sqlite.prepare(
      `insert into forum_questions (forum_id, position, text, channel, asked_by, answered, answered_by, answer_summary, received_at, type, due_date, status, year, asker_name, asker_contact, consent_text, consent_at)
       values (?, ?, ?, 'web_form', '', 0, '', '', ?, 'peticion', '2025-07-01', 'recibida', 2025, ?, ?, ?, ?)`,
    );
    const base = syncTimed(() =>
      sqlite.transaction(() => {
        file.rows.forEach((row, i) => insert.run(forumIds[i % importForums], 1000 + Math.floor(i / importForums), row[4], '2025-06-01T10:00', row[5], row[6], row[5] ? 'autorizo' : '', row[5] ? '2025-06-01T10:00' : null));
      })(),
    );
    sqlite.close();
    const n = importRows.toLocaleString('es-CO');
    const failed = (res: Response, answer: { title?: string }) => `ERROR: HTTP ${res.status} ${answer.title ?? ''}`;
    rows.push({
      section,
      measure: `Importar ${n} preguntas en ${importForums} foros: vista previa (dryRun, revisa cada fila)`,
      value: dry.value.status === 200 && dryAnswer.accepted === importRows ? ms(dry.ms) : failed(dry.value, dryAnswer),
      baseline: `INSERT preparado (better-sqlite3): ${ms(base.ms)}`,
      ratio: times(dry.ms / base.ms),
    });
    rows.push({
      section,
      measure: `Importar ${n} preguntas: guardado (revisa, inserta, auditoría e informe; una transacción)`,
      value: saved.value.status === 200 && savedAnswer.accepted === importRows && stored === importRows ? ms(saved.ms) : failed(saved.value, savedAnswer),
      baseline: `INSERT preparado (better-sqlite3): ${ms(base.ms)}`,
      ratio: times(saved.ms / base.ms),
    });
  } finally {
    await db.destroy();
    workspace.cleanup();
  }
  return rows;
}
