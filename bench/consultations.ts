import { createApi } from '../src/api/create-api';
import { bootstrap } from '../src/api/bootstrap';
import { openNodeDatabase } from '../src/db/node-driver';
import { mapImportRows, suggestMapping } from '../src/domain/consultation-import';
import type { Consultation } from '../src/domain/consultation';
import type { ConsultationTally } from '../src/domain/consultation-tally';
import { createRandom } from './stats';
import { ms, type ReportRow } from './report';
import { benchAdminPassword, benchIterations, createWorkspace } from './server';

export interface ConsultationsBenchOptions {
  responses: number;
  /** Target of import (route, saved) + tally (route), in ms. */
  targetMs: number;
  /** Target of mapImportRows alone, in ms. */
  mapTargetMs: number;
}

export const defaultConsultationsBench: ConsultationsBenchOptions = { responses: 100_000, targetMs: 2000, mapTargetMs: 1000 };

const topicTitles = [
  'Políticas Públicas Poblacionales',
  'Modelo Integrado de Planeación y Gestión — MIPG',
  'Causas Ciudadanas y Gobierno Abierto',
  'Unidades de Protección Integral: servicios y rutas de atención',
  'Transparencia y acceso a la información pública',
];

/** The open consultation the benchmarks import into (the route's body). */
export const benchConsultation = {
  year: 2022,
  title: 'Consulta de benchmark',
  openDate: '2022-05-01',
  closeDate: '2022-05-31',
  channels: ['web', 'email', 'official'],
  status: 'open',
  topics: topicTitles.map((title) => ({ title, description: '', proposingTeam: '' })),
};

/** A Google Forms export (Spanish) of `count` responses: e-mail and name columns, multi-topic cells, some proposals and questions. */
export function googleFormsExport(count: number): { header: string[]; rows: string[][] } {
  const random = createRandom(2022);
  const header = [
    'Marca temporal',
    'Dirección de correo electrónico',
    'Nombre completo',
    '¿A qué grupo de valor pertenece?',
    '¿Qué temas le gustaría que se trataran en los foros?',
    '¿Qué otro tema propone?',
    '¿Qué preguntas le gustaría que se respondieran en el foro?',
    '¿Por qué medio se enteró de la consulta?',
  ];
  const groups = ['Servidor público', 'Contratista', 'Ciudadanía', 'Familias', 'Organización social', 'Beneficiario'];
  const channels = ['Correo institucional', 'Página web', 'Facebook', 'Canales oficiales', ''];
  const proposals = ['Salud mental', 'salud mental.', 'Empleo juvenil', 'Medio ambiente', 'Deporte y cultura'];
  const rows: string[][] = new Array(count);
  for (let i = 0; i < count; i++) {
    const day = random.int(1, 30);
    const hour = random.int(1, 12);
    const chosen = topicTitles.filter(() => random.next() < 0.35);
    rows[i] = [
      `2022/05/${String(day).padStart(2, '0')} ${hour}:${String(random.int(0, 59)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')} ${random.next() < 0.5 ? 'a. m.' : 'p. m.'} GMT-5`,
      `persona${i}@example.org`,
      `Persona ${i}`,
      random.pick(groups),
      (chosen.length > 0 ? chosen : [topicTitles[i % topicTitles.length]]).join(', '),
      random.next() < 0.1 ? random.pick(proposals) : '',
      random.next() < 0.2 ? `¿Pregunta ${i} sobre el tema?` : '',
      random.pick(channels),
    ];
  }
  return { header, rows };
}

/** mapImportRows alone, then the import route (saved, in one transaction) and the tally route over a temp SQLite file. */
export async function benchConsultations(options: ConsultationsBenchOptions = defaultConsultationsBench): Promise<ReportRow[]> {
  const section = 'Consultas';
  const rows: ReportRow[] = [];
  const file = googleFormsExport(options.responses);
  const mapping = suggestMapping(file.header);
  const n = options.responses.toLocaleString('es-CO');

  const workspace = createWorkspace();
  const db = await openNodeDatabase(workspace.dbFile);
  try {
    await bootstrap(db, { demo: false, adminPassword: benchAdminPassword, passwordIterations: benchIterations });
    const app = createApi({ db, passwordIterations: benchIterations });
    const login = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify({ username: 'admin', password: benchAdminPassword }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const json = { cookie, 'content-type': 'application/json', origin: 'http://localhost' };
    const created = await app.request('/api/consultations', {
      method: 'POST',
      headers: json,
      body: JSON.stringify(benchConsultation),
    });
    if (created.status !== 201) throw new Error(`No se pudo crear la consulta: HTTP ${created.status} ${await created.text()}`);
    const consultation = (await created.json()) as Consultation;

    // Warm-up (JIT) on a copy, then the timed run.
    mapImportRows({ ...file, rows: file.rows.slice(0, 5000), mapping, consultation, lateMode: 'mark', defaultChannel: 'web' });
    let start = performance.now();
    const mapped = mapImportRows({ ...file, mapping, consultation, lateMode: 'mark', defaultChannel: 'web' });
    const mapMs = performance.now() - start;
    const mapOk = mapped.ok && mapped.responses.length === options.responses && mapped.errors.length === 0;
    rows.push({
      section,
      measure: `mapImportRows: ${n} filas de Google Forms (dominio puro)`,
      value: mapOk ? ms(mapMs) : `ERROR: ${mapped.ok ? `${mapped.responses.length} respuestas, ${mapped.errors.length} errores` : mapped.message}`,
      target: `≤ ${options.mapTargetMs} ms`,
      ok: mapOk && mapMs <= options.mapTargetMs,
    });

    const body = JSON.stringify({ ...file, mapping, lateMode: 'mark', defaultChannel: 'web' });
    // CPU time too: on a shared, loaded machine the wall time says more about the neighbours than about this code.
    const cpuStart = process.cpuUsage();
    start = performance.now();
    const imported = await app.request(`/api/consultations/${consultation.id}/responses/import`, { method: 'POST', headers: json, body });
    const importBody = (await imported.json()) as { saved?: boolean; accepted?: number; title?: string };
    const importMs = performance.now() - start;
    const importOk = imported.status === 200 && importBody.saved === true && importBody.accepted === options.responses;
    rows.push({
      section,
      measure: `  ruta de importación (JSON de ${(body.length / 1e6).toFixed(1)} MB: validar, mapear, guardar en una transacción)`,
      value: importOk ? ms(importMs) : `ERROR: HTTP ${imported.status} ${importBody.title ?? ''}`,
    });

    start = performance.now();
    const tallied = await app.request(`/api/consultations/${consultation.id}/tally`, { headers: { cookie } });
    const tally = (await tallied.json()) as ConsultationTally;
    const tallyMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const tallyOk = tallied.status === 200 && tally.totalResponses === options.responses;
    rows.push({
      section,
      measure: `  ruta del conteo (${n} respuestas, ${tally.questions?.length.toLocaleString('es-CO') ?? 0} preguntas)`,
      value: tallyOk ? ms(tallyMs) : `ERROR: HTTP ${tallied.status}`,
    });
    rows.push({
      section,
      measure: `Importar y contar ${n} respuestas (ruta de importación + ruta del conteo, SQLite en archivo; CPU ${ms(cpuMs)})`,
      value: importOk && tallyOk ? ms(importMs + tallyMs) : 'ERROR',
      target: `≤ ${options.targetMs} ms`,
      ok: importOk && tallyOk && importMs + tallyMs <= options.targetMs,
    });
  } finally {
    await db.destroy();
    workspace.cleanup();
  }
  return rows;
}
