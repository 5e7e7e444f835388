import { defaultTimeZone } from '../domain/organization';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { ForumMetricsInput } from '../domain/metrics';
import { reportMessages, yearParam, type SectionKind } from '../domain/report';
import type { Forum } from '../domain/forum';
import { getReport, listSectionRows, toSection, yearCommitments, yearEvaluation, yearFollowUp, yearQuestions } from '../db/report-queries';
import { listYearMetrics } from '../db/metrics-queries';
import { getForum } from '../db/forum-queries';
import type { Database } from '../db/schema';
import type { Kysely, Transaction } from 'kysely';
import { buildStatistics } from '../domain/report-statistics';
import { isFinal } from '../export/document-model';
import { docxMediaType } from '../export/file-types';
import type { exportReportDocx, ReportExportData } from '../export/export-report';
import { reportDocumentOf } from '../export/export-data';
import { pdfFileName, pdfMediaType } from '../export/pdf-names';
import { pdfMessages } from './report-pdf';
import { casesForFigures } from '../db/question-queries';
import { buildOpenData, csvMediaType, openDataCsv, openDataFileName, type OpenDataFile } from '../export/open-data';
import { accountabilityCsv, accountabilityFileName, commitmentRows, evaluationRows, fullDictionaryCsv, fullDictionaryFor, type AccountabilityFile } from '../export/open-data-accountability';
import { commitmentsOfYear } from '../db/commitment-queries';
import { evaluationResponsesOfYear } from '../db/evaluation-queries';
import { lastFollowUpsOfYear } from '../db/open-data-queries';
import type { AppEnv } from './deps';
import { doc, file, jsonBody, ok, pathParams, problems, queryParams } from './openapi-doc';
import { requirePermission } from './auth';
import { change, requestTime } from './change';
import { HttpProblem } from './problem';
import { readJson, readParam } from './validate';


type Db = Kysely<Database> | Transaction<Database>;

export const exportMessages = {
  notFinal: 'El informe aún no está aprobado por completo: solo se puede hacer la exportación final cuando todas las secciones están aprobadas.',
  noRasterizer: 'Este servidor no puede dibujar los gráficos: la exportación a Word no está disponible.',
  finalQuery: 'El parámetro final debe ser 1 o 0.',
  finalIsPost: 'La exportación final queda registrada en la auditoría: pídala con POST a esta misma dirección (una descarga con GET nunca registra nada).',
  badFileName: 'Nombre de archivo no válido.',
  unknownFile: 'No existe ese archivo de datos abiertos.',
} as const;

const finalQuerySchema = z.strictObject({ final: z.enum(['1', '0', 'true', 'false'], { error: exportMessages.finalQuery }).optional() });

/** What the browser reports after building a final export itself (the «Descargar Word» button). */
export const exportRecordSchema = z.strictObject({
  sha256: z.string({ error: 'Indique el SHA-256 del archivo (64 cifras hexadecimales).' }).regex(/^[0-9a-f]{64}$/, { error: 'Indique el SHA-256 del archivo (64 cifras hexadecimales).' }),
  bytes: z
    .number({ error: 'Indique el tamaño del archivo en bytes.' })
    .int({ error: 'Indique el tamaño del archivo en bytes.' })
    .min(1, { error: 'Indique el tamaño del archivo en bytes.' })
    .max(100_000_000, { error: 'El tamaño del archivo no puede pasar de 100.000.000 bytes.' }),
  fileName: z.string({ error: 'Indique el nombre del archivo.' }).regex(/^informe-\d{4}\.docx$/, { error: 'Nombre de archivo no válido.' }),
});

/** The year's forums (date order) with their metrics. */
async function yearData(db: Db, year: number) {
  const forums = await listYearMetrics(db, year);
  const metricsByForumId: Record<string, ForumMetricsInput | null> = {};
  for (const f of forums) metricsByForumId[String(f.id)] = f.metrics;
  return { forums, metricsByForumId };
}

/** Everything the export needs, read in one transaction so the parts agree (it only reads: the write path keeps the report in step). */
export async function readExportData(db: Kysely<Database>, year: number, today: string, timeZone: string = defaultTimeZone): Promise<ReportExportData> {
  return db.transaction().execute((tx) => exportDataIn(tx, year, today, timeZone));
}

/**
 * The export's data read through `tx` (a change's transaction: publishing the report freezes exactly this), as of
 * `today` (the API's clock). The accountability sections' data (evaluation, commitments, follow-up) are included only
 * when the report has that section, so the data of a report without them (the published 2022 demo) is as before.
 */
export async function exportDataIn(tx: Db, year: number, today: string, timeZone: string = defaultTimeZone): Promise<ReportExportData> {
  const report = await getReport(tx, year);
  if (!report) throw new HttpProblem(404, reportMessages.notFound(year));
  const { forums, metricsByForumId } = await yearData(tx, year);
  const statistics = buildStatistics(forums, new Map(forums.map((f) => [f.id, f.metrics])));
  const sections = (await listSectionRows(tx, year)).map((row) => toSection(row, null));
  const questions = await yearQuestions(tx, year, today);
  const has = (kind: SectionKind) => sections.some((s) => s.kind === kind);
  return {
    report: { year: report.year, title: report.title, entity: report.entity, strategy: report.strategy, preparedBy: report.preparedBy },
    sections: sections.map((s) => ({ id: s.id, position: s.position, kind: s.kind, forumId: s.forumId, title: s.title, content: s.content, recommendations: s.recommendations, state: s.state })),
    forums: forums.map((f) => ({ id: f.id, title: f.title, date: f.date })),
    metricsByForumId,
    statistics,
    questions,
    ...(has('evaluation') ? { evaluation: await yearEvaluation(tx, year) } : {}),
    ...(has('commitments') ? { commitments: await yearCommitments(tx, year, today) } : {}),
    ...(has('follow_up') ? { followUp: await yearFollowUp(tx, year, today) } : {}),
    // Only when it is not Bogotá's, so the data of every office in Bogotá (the published 2022 report) is as before.
    ...(timeZone !== defaultTimeZone ? { timeZone } : {}),
  };
}

/** How the entry knows the file: the server built it (its hash is the server's own), or the browser said so. */
const exportSources = {
  servidor: 'generado en: servidor (SHA-256 calculado por el servidor)',
  navegador: 'generado en: navegador (informado por el navegador: el servidor no vio el archivo)',
} as const;

/** A final export in the audit log: who, when, which file (its SHA-256 and size), built where. */
function recordFinalExport(c: Context<AppEnv>, year: number, record: { sha256: string; bytes: number; fileName: string; where: keyof typeof exportSources }) {
  return change(c, async () => ({
    result: null,
    audit: [
      {
        action: 'export',
        entity: 'report',
        entityId: year,
        changes: [`exportación final: ${record.fileName}`, `sha256: ${record.sha256}`, `bytes: ${record.bytes}`, exportSources[record.where]],
      },
    ],
  }));
}

/** The final export's POST takes no data: nothing, or `{}`. */
async function readEmptyJson(c: Context<AppEnv>) {
  const data = await readJson(c);
  if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data) || Object.keys(data).length > 0)) {
    throw new HttpProblem(400, 'Esta acción no recibe datos: envíe un cuerpo vacío o {}.');
  }
}

const attachment = (fileName: string) => `attachment; filename="${fileName}"`;

const finalQuery = queryParams(finalQuerySchema);
const exportRecordBody = jsonBody(exportRecordSchema, 'ExportRecord');

/**
 * The finished report's exports and the year's open data. Mounted at the API's root:
 * GET /reports/:year/export-data, GET /reports/:year/export.docx (a download), GET /reports/:year/export.pdf (a download), POST /reports/:year/export.docx (the
 * recorded final export), POST /reports/:year/exports (a final export the browser built),
 * GET /years/:year/open-data.json, GET /years/:year/open-data/{forums,questions,metrics,commitments,evaluations,dictionary}.csv,
 * GET /years/:year/open-data/dictionary.json.
 */
/** The open-data CSV files a URL can name, and the file each one is. */
const openDataFileParam = z.enum(['forums.csv', 'questions.csv', 'metrics.csv', 'commitments.csv', 'evaluations.csv', 'dictionary.csv']);
const openDataFiles = {
  'forums.csv': 'forums',
  'questions.csv': 'questions',
  'metrics.csv': 'metrics',
  'commitments.csv': 'commitments',
  'evaluations.csv': 'evaluations',
  'dictionary.csv': 'dictionary',
} as const satisfies Record<z.infer<typeof openDataFileParam>, OpenDataFile | AccountabilityFile | 'dictionary'>;
const isAccountabilityFile = (file: OpenDataFile | AccountabilityFile | 'dictionary'): file is AccountabilityFile => file === 'commitments' || file === 'evaluations';

export function exportRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/reports/:year/export-data', requirePermission('readReports'), doc('Datos del informe para exportarlo (secciones completas, foros, métricas, estadísticas)', { ...ok(200, 'Datos de la exportación'), ...problems(401, 403, 404) }, { parameters: pathParams({ year: yearParam }) }), async (c) => {
    const year = readParam(c, 'year', yearParam);
    return c.json(await readExportData(c.get('deps').db, year, c.get('deps').today(), c.get('deps').timeZone));
  });

  async function buildDocx(c: Context<AppEnv>, final: boolean) {
    const deps = c.get('deps');
    const year = readParam(c, 'year', yearParam);
    const data = await readExportData(deps.db, year, deps.today(), deps.timeZone);
    if (final && !isFinal(data.sections)) throw new HttpProblem(409, exportMessages.notFinal);
    if (!deps.rasterizeSvg) throw new HttpProblem(503, exportMessages.noRasterizer);
    const { exportReportDocx } = await import('../export/export-report');
    const images = deps.chartImages?.forExport(deps.db, deps.rasterizeSvg);
    const result = await exportReportDocx(data, { rasterize: deps.rasterizeSvg, generatedAt: requestTime(c), prepare: images?.prepare });
    images?.finish();
    return { year, result };
  }

  const docxResponse = (c: Context<AppEnv>, result: Awaited<ReturnType<typeof exportReportDocx>>) =>
    c.body(result.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': docxMediaType,
      'Content-Disposition': attachment(result.fileName),
      'X-Foros-SHA256': result.sha256,
      'X-Foros-Draft': result.document.draft ? '1' : '0',
    });

  // A download: the document as it stands (draft or not). Never recorded: a GET writes nothing.
  app.get('/reports/:year/export.docx', requirePermission('readReports'), doc('Informe en Word (.docx) tal como está; borrador marcado «BORRADOR» si alguna sección no está aprobada. Una descarga: no se registra (final=1 → 405: la exportación final es POST)', { ...file('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Documento de Word (cabecera X-Foros-SHA256)'), ...problems(400, 401, 403, 404, 405, 503) }, { parameters: pathParams({ year: yearParam }) }), finalQuery, async (c) => {
    const { final } = finalQuery.read(c);
    if (final === '1' || final === 'true') {
      c.header('Allow', 'POST');
      throw new HttpProblem(405, exportMessages.finalIsPost);
    }
    const { result } = await buildDocx(c, false);
    return docxResponse(c, result);
  });

  // The report as it stands, as PDF (draft marked like the Word file): a download for the office, never recorded.
  app.get('/reports/:year/export.pdf', requirePermission('readReports'), doc('Informe en PDF tal como está (borrador marcado «BORRADOR»); una descarga: no se registra', { ...file(pdfMediaType, 'Documento PDF'), ...problems(400, 401, 403, 404, 503) }, { parameters: pathParams({ year: yearParam }) }), async (c) => {
    const deps = c.get('deps');
    const year = readParam(c, 'year', yearParam);
    const data = await readExportData(deps.db, year, deps.today(), deps.timeZone);
    if (!deps.renderReportPdf) throw new HttpProblem(503, pdfMessages.noRenderer);
    const document = reportDocumentOf(data, requestTime(c));
    const bytes = await deps.renderReportPdf(document);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': pdfMediaType,
      'Content-Disposition': attachment(pdfFileName(document)),
      'X-Foros-Draft': document.draft ? '1' : '0',
    });
  });

  // The final export, built by the server and recorded in the audit log with its SHA-256 (only with every section approved).
  app.post('/reports/:year/export.docx', requirePermission('exportFinalReports'), doc('Exportación final en Word, solo con todas las secciones aprobadas; queda en la auditoría con su SHA-256 (administración y edición)', { ...file('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Documento de Word final (cabecera X-Foros-SHA256)'), ...problems(400, 401, 403, 404, 409, 503) }, { parameters: pathParams({ year: yearParam }) }), async (c) => {
    await readEmptyJson(c);
    const { year, result } = await buildDocx(c, true);
    await recordFinalExport(c, year, { sha256: result.sha256, bytes: result.bytes.length, fileName: result.fileName, where: 'servidor' });
    return docxResponse(c, result);
  });

  // The browser builds the file itself (the same code) and reports the final export here, with the file's hash.
  app.post('/reports/:year/exports', requirePermission('exportFinalReports'), doc('Registrar una exportación final hecha en el navegador (SHA-256, tamaño, nombre; queda marcada como informada por el navegador; administración y edición)', { ...ok(204, 'Registrada en la auditoría'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ year: yearParam }) }), exportRecordBody, async (c) => {
    const deps = c.get('deps');
    const year = readParam(c, 'year', yearParam);
    const record = await exportRecordBody.read(c);
    if (record.fileName !== `informe-${year}.docx`) {
      throw new HttpProblem(400, exportMessages.badFileName, { errors: [{ path: 'fileName', message: exportMessages.badFileName }] });
    }
    const data = await readExportData(deps.db, year, deps.today(), deps.timeZone);
    if (!isFinal(data.sections)) throw new HttpProblem(409, exportMessages.notFinal);
    await recordFinalExport(c, year, { ...record, where: 'navegador' });
    return c.body(null, 204);
  });

  async function openData(c: Context<AppEnv>) {
    const deps = c.get('deps');
    const year = readParam(c, 'year', yearParam);
    const { forums, metricsByForumId } = await yearData(deps.db, year);
    const full: Forum[] = [];
    for (const f of forums) {
      const forum = await getForum(deps.db, f.id);
      if (forum) full.push(forum);
    }
    const metrics: Record<number, ForumMetricsInput | null> = {};
    for (const [id, m] of Object.entries(metricsByForumId)) metrics[Number(id)] = m;
    return buildOpenData(year, full, metrics, requestTime(c), await casesForFigures(deps.db, year), deps.timeZone);
  }

  /** The year's commitments and forum evaluations as open-data rows (open-data-accountability.ts). */
  async function accountabilityRows(c: Context<AppEnv>, year: number) {
    const deps = c.get('deps');
    const [commitments, lastFollowUps, responses] = await Promise.all([commitmentsOfYear(deps.db, year, deps.today()), lastFollowUpsOfYear(deps.db, year), evaluationResponsesOfYear(deps.db, year)]);
    return { commitments: commitmentRows(commitments, lastFollowUps), evaluations: evaluationRows(responses) };
  }

  app.get('/years/:year/open-data.json', requirePermission('readForums'), doc('Datos abiertos de la vigencia en JSON (foros, preguntas, métricas, diccionario)', { ...ok(200, 'Datos abiertos'), ...problems(400, 401, 404) }, { parameters: pathParams({ year: yearParam }) }), async (c) => {
    const data = await openData(c);
    c.header('Content-Disposition', attachment(`datos-abiertos-${data.year}.json`));
    return c.json({ ...data, ...(await accountabilityRows(c, data.year)), dictionary: fullDictionaryFor(data.year) });
  });

  app.get('/years/:year/open-data/dictionary.json', requirePermission('readForums'), doc('Diccionario de datos abiertos (columna, significado, unidad)', { ...ok(200, 'Diccionario'), ...problems(401, 404) }, { parameters: pathParams({ year: yearParam }) }), async (c) => {
    const data = await openData(c);
    return c.json({ year: data.year, dictionary: fullDictionaryFor(data.year) });
  });

  app.get('/years/:year/open-data/:file', requirePermission('readForums'), doc('Datos abiertos en CSV (UTF-8 con BOM, separador «;»)', { ...file('text/csv', 'Archivo CSV'), ...problems(401, 404) }, { parameters: pathParams({ year: yearParam, file: openDataFileParam }) }), async (c) => {
    const name = openDataFileParam.safeParse(c.req.param('file'));
    if (!name.success) throw new HttpProblem(404, exportMessages.unknownFile);
    const year = readParam(c, 'year', yearParam);
    const file = openDataFiles[name.data];
    if (isAccountabilityFile(file)) {
      const csv = accountabilityCsv(file, (await accountabilityRows(c, year))[file]);
      return c.body(csv, 200, { 'Content-Type': csvMediaType, 'Content-Disposition': attachment(accountabilityFileName(file, year)) });
    }
    const csv = file === 'dictionary' ? fullDictionaryCsv(year, c.get('deps').timeZone) : openDataCsv(await openData(c), file);
    return c.body(csv, 200, { 'Content-Type': csvMediaType, 'Content-Disposition': attachment(openDataFileName(file, year)) });
  });

  return app;
}

