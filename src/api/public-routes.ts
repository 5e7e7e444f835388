import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { yearParam } from '../domain/report';
import { publicationMessages, publicPagePath } from '../domain/publication';
import { buildCalendar, icalMediaType } from '../domain/ical';
import { docxMediaType } from '../export/file-types';
import { pdfMediaType, publishedPdfFileName } from '../export/pdf-names';
import { pdfMessages, publishedReportPdf } from './report-pdf';
import { csvMediaType, dictionaryCsv, openDataCsv, openDataFileName, type OpenDataFile } from '../export/open-data';
import type { AppEnv } from './deps';
import { doc, file, jsonBody, ok, pathParams, problems } from './openapi-doc';
import { requestTime } from './change';
import { exportMessages } from './export-routes';
import { HttpProblem } from './problem';
import { forumEvent, publicCalendar, publicOpenData, publicReport, publicReportVersion, publicYear, publishedSettings } from './public-read';
import { hitLimit, hitSmoothLimit, rateLimit, retryAfterSeconds } from './public-limit';
import { readParam } from './validate';
import { logoFileDoc, serveLogo } from './organization-logo';
import { getCookie, setCookie } from 'hono/cookie';
import { castVote, formToken, voteInputSchema, voteLimits, voteMessages, type VoteResult } from './public-vote';
import { evaluateForum, evaluateMessages, publicEvaluationSchema, type EvaluateResult } from './public-evaluation';
import { evaluationQuestions } from '../domain/evaluation';
import { askInputSchema, askMessages, askQuestion, type AskResult } from './public-questions';
import { clientAddress, isHttps, ownOrigin } from './request-info';

const minute = 60_000;
/** Per address and minute: reading pages and data is cheap; a Word file is built per request (the vote's limit is smooth: voteLimits.perAddress). */
export const publicRateLimits = { read: 240, files: 60, docx: 10, pdf: 20, question: 10, evaluation: 10 } as const;

const attachment = (fileName: string) => `attachment; filename="${fileName}"`;
const forumIcsParam = z
  .string({ error: 'Foro no válido.' })
  .regex(/^[1-9]\d{0,9}\.ics$/, { error: 'Foro no válido.' })
  .transform((v) => Number(v.slice(0, -4)));

/** The site's origin as the visitor sees it (for the links inside an .ics). */
const originOf = (c: Context<AppEnv>) => ownOrigin(c) ?? new URL(c.req.url).origin;

/**
 * The public API (/api/public/...): read-only, no login, only what the office published (public-read.ts).
 * Every route is rate limited per address; none takes a body (the global limit refuses one above 2 KB).
 */
export function publicRoutes() {
  const app = new Hono<AppEnv>();
  const read = rateLimit('public-read', { max: publicRateLimits.read, windowMs: minute });
  const files = rateLimit('public-files', { max: publicRateLimits.files, windowMs: minute });
  const docx = rateLimit('public-docx', { max: publicRateLimits.docx, windowMs: minute });
  const pdf = rateLimit('public-pdf', { max: publicRateLimits.pdf, windowMs: minute });
  const year = pathParams({ year: yearParam });
  const db = (c: Context<AppEnv>) => c.get('deps').db;

  // The organisation's uploaded logo (organization-logo.ts): /api/public/o/<slug>/logo (and /api/public/logo, the first organisation's).
  app.get('/logo', read, doc('Logo de la organización (imagen; con ?v=<hash> se guarda en caché)', logoFileDoc, { security: [] }), (c) => serveLogo(c));

  app.get('/years/:year', read, doc('Página pública de la vigencia: lo publicado (sin sesión)', { ...ok(200, 'Vigencia publicada'), ...problems(400, 404, 429) }, { security: [], parameters: year }), async (c) => {
    return c.json(await publicYear(db(c), readParam(c, 'year', yearParam), c.get('deps').today()));
  });

  app.get('/years/:year/calendar', read, doc('Calendario público de foros de la vigencia', { ...ok(200, 'Foros'), ...problems(400, 404, 429) }, { security: [], parameters: year }), async (c) => {
    const y = readParam(c, 'year', yearParam);
    const settings = await publishedSettings(db(c), y);
    return c.json({ year: y, forums: await publicCalendar(db(c), y, settings) });
  });

  app.get('/years/:year/calendar.ics', files, doc('Calendario suscribible (iCalendar) de los foros de la vigencia', { ...file('text/calendar', 'iCalendar'), ...problems(400, 404, 429) }, { security: [], parameters: year }), async (c) => {
    const y = readParam(c, 'year', yearParam);
    const settings = await publishedSettings(db(c), y);
    const forums = await publicCalendar(db(c), y, settings);
    const origin = originOf(c);
    const host = new URL(origin).host;
    const events = forums.flatMap((f) => forumEvent(f, `${origin}${publicPagePath(y, c.get('publicSlug'))}#foro-${f.id}`, host) ?? []);
    const name = `Foros ${y}${settings.entityName ? ` — ${settings.entityName}` : ''}`;
    return c.body(buildCalendar(name, events, c.get('deps').now(), c.get('deps').timeZone), 200, { 'Content-Type': icalMediaType, 'Content-Disposition': `inline; filename="foros-${y}.ics"` });
  });

  app.get('/years/:year/forums/:file', files, doc('Un foro como evento de calendario (.ics): «Agregar a mi calendario»', { ...file('text/calendar', 'iCalendar'), ...problems(400, 404, 429) }, { security: [], parameters: pathParams({ year: yearParam, file: forumIcsParam }) }), async (c) => {
    const y = readParam(c, 'year', yearParam);
    const id = readParam(c, 'file', forumIcsParam);
    const settings = await publishedSettings(db(c), y);
    const forum = (await publicCalendar(db(c), y, settings)).find((f) => f.id === id);
    const origin = originOf(c);
    const event = forum ? forumEvent(forum, `${origin}${publicPagePath(y, c.get('publicSlug'))}#foro-${forum.id}`, new URL(origin).host) : null;
    if (!forum || !event) throw new HttpProblem(404, 'Ese foro no está en el calendario publicado o aún no tiene fecha.');
    return c.body(buildCalendar(forum.title, [event], c.get('deps').now(), c.get('deps').timeZone), 200, { 'Content-Type': icalMediaType, 'Content-Disposition': attachment(`foro-${forum.id}.ics`) });
  });

  app.get('/years/:year/report', read, doc('Informe publicado (la versión congelada vigente, con su SHA-256)', { ...ok(200, 'Informe publicado'), ...problems(400, 404, 429) }, { security: [], parameters: year }), async (c) => {
    const y = readParam(c, 'year', yearParam);
    const { version, snapshot } = await publicReport(db(c), y, await publishedSettings(db(c), y));
    return c.json({ version, report: snapshot.data });
  });

  app.get('/years/:year/report.json', files, doc('El informe publicado tal como quedó guardado (sus bytes son los del SHA-256 publicado)', { ...file('application/json', 'Instantánea del informe'), ...problems(400, 404, 429) }, { security: [], parameters: year }), async (c) => {
    const y = readParam(c, 'year', yearParam);
    const settings = await publishedSettings(db(c), y);
    const stored = await publicReportVersion(db(c), y, settings);
    if (!stored) throw new HttpProblem(404, publicationMessages.partNotPublished);
    return c.body(stored.snapshot, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': attachment(`informe-${y}-v${stored.number}.json`), 'X-Foros-SHA256': stored.sha256 });
  });

  app.get('/years/:year/report.docx', docx, doc('El informe publicado en Word', { ...file(docxMediaType, 'Documento de Word'), ...problems(400, 404, 429, 503) }, { security: [], parameters: year }), async (c) => {
    const deps = c.get('deps');
    const y = readParam(c, 'year', yearParam);
    const { version, snapshot } = await publicReport(db(c), y, await publishedSettings(db(c), y));
    if (!deps.rasterizeSvg) throw new HttpProblem(503, exportMessages.noRasterizer);
    // docx loads on the first Word download (a megabyte the server does not parse at start).
    const { exportReportDocx } = await import('../export/export-report');
    // The charts from the organisation's stored images (drawn by the metrics' warm-up or an earlier export), as the
    // staff export does; what is missing is drawn and stored.
    const images = deps.chartImages?.forExport(db(c), deps.rasterizeSvg);
    const result = await exportReportDocx(snapshot.data, { rasterize: deps.rasterizeSvg, generatedAt: snapshot.publishedAt, prepare: images?.prepare });
    images?.finish();
    return c.body(result.bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': docxMediaType, 'Content-Disposition': attachment(`informe-${y}-v${version.number}.docx`) });
  });

  // The published version as PDF: built once per snapshot (by its SHA-256) and kept, so a download is cheap.
  app.get('/years/:year/report.pdf', pdf, doc('El informe publicado en PDF (la versión congelada vigente; cabecera X-Foros-SHA256: la de su instantánea)', { ...file(pdfMediaType, 'Documento PDF'), ...problems(400, 404, 429, 503) }, { security: [], parameters: year }), async (c) => {
    const deps = c.get('deps');
    const y = readParam(c, 'year', yearParam);
    const { version, snapshot } = await publicReport(db(c), y, await publishedSettings(db(c), y));
    if (!deps.renderReportPdf) throw new HttpProblem(503, pdfMessages.noRenderer);
    const bytes = await publishedReportPdf(deps.renderReportPdf, version.sha256, snapshot.data, snapshot.publishedAt);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': pdfMediaType,
      'Content-Disposition': attachment(publishedPdfFileName(y, version.number)),
      'X-Foros-SHA256': version.sha256,
    });
  });

  app.get('/years/:year/open-data.json', files, doc('Datos abiertos publicados de la vigencia (JSON con diccionario)', { ...ok(200, 'Datos abiertos'), ...problems(400, 404, 429) }, { security: [], parameters: year }), async (c) => {
    const y = readParam(c, 'year', yearParam);
    const settings = await publishedSettings(db(c), y);
    const data = await publicOpenData(db(c), y, settings, requestTime(c), c.get('deps').timeZone);
    return c.json({ ...data, licence: { name: settings.licenceName, url: settings.licenceUrl } });
  });

  app.get('/years/:year/open-data/:file', files, doc('Datos abiertos publicados en CSV (UTF-8 con BOM, separador «;»)', { ...file('text/csv', 'Archivo CSV'), ...problems(400, 404, 429) }, { security: [], parameters: pathParams({ year: yearParam, file: z.enum(['forums.csv', 'questions.csv', 'metrics.csv', 'dictionary.csv']) }) }), async (c) => {
    const match = /^(forums|questions|metrics|dictionary)\.csv$/.exec(c.req.param('file'));
    if (!match) throw new HttpProblem(404, exportMessages.unknownFile);
    const y = readParam(c, 'year', yearParam);
    const settings = await publishedSettings(db(c), y);
    const name = match[1] as OpenDataFile | 'dictionary';
    const data = await publicOpenData(db(c), y, settings, requestTime(c), c.get('deps').timeZone);
    const csv = name === 'dictionary' ? dictionaryCsv(y, c.get('deps').timeZone) : openDataCsv(data, name);
    return c.body(csv, 200, { 'Content-Type': csvMediaType, 'Content-Disposition': attachment(openDataFileName(name, y)) });
  });

  app.get('/years/:year/consultation/form-token', read, doc('Sello de tiempo firmado del formulario de voto (se envía con el voto)', { ...ok(200, 'Sello'), ...problems(400, 429) }, { security: [], parameters: year }), async (c) => {
    const deps = c.get('deps');
    return c.json({ formToken: await formToken(deps.voteSecret, readParam(c, 'year', yearParam), deps.now()), minSubmitMs: voteLimits.minSubmitMs });
  });

  // The vote: JSON (201 or a problem) or, from the page's HTML form without JavaScript, a 303 to the answer page.
  app.post('/years/:year/consultation/votes', doc('Votar en la consulta publicada y abierta (sin sesión, un voto por navegador)', { ...ok(201, 'Voto registrado'), ...problems(400, 404, 409, 413, 429) }, { security: [], parameters: year }), jsonBody(voteInputSchema, 'PublicVoteInput'), async (c) => {
    const deps = c.get('deps');
    const y = readParam(c, 'year', yearParam);
    const isForm = (c.req.header('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
    const answer = (result: VoteResult) => {
      if (isForm) return c.redirect(`${publicPagePath(y, c.get('publicSlug'))}/voto?resultado=${result.ok ? 'ok' : result.code}`, 303);
      if (result.ok) return c.json({ id: result.responseId, message: voteMessages.ok }, 201);
      return c.json({ type: 'about:blank', title: result.message, status: result.status, code: result.code, errors: result.issues ?? [] }, result.status, { 'Content-Type': 'application/problem+json' });
    };
    // Votes per address: smooth (30 at once, then one every 20 s; voteLimits.perAddress), not a per-minute window.
    const { allowed, retryAfterMs } = await hitSmoothLimit(deps.db, `public-vote|${clientAddress(c)}`, deps.now().getTime(), voteLimits.perAddress);
    if (!allowed) {
      c.header('Retry-After', retryAfterSeconds(retryAfterMs));
      if (isForm) return c.redirect(`${publicPagePath(y, c.get('publicSlug'))}/voto?resultado=rateLimited&espera=${retryAfterSeconds(retryAfterMs)}`, 303);
      throw new HttpProblem(429, voteMessages.rateLimited);
    }
    let body: unknown;
    if (isForm) {
      const form = new URLSearchParams(await c.req.text());
      body = {
        topicIds: form.getAll('topicIds'),
        proposedTopic: form.get('proposedTopic') ?? '',
        valueGroupKind: form.get('valueGroupKind') ?? undefined,
        valueGroup: form.get('valueGroup') ?? '',
        locality: form.get('locality') ?? '',
        formToken: form.get('formToken') ?? '',
        website: form.get('website') ?? '',
      };
    } else {
      try {
        body = await c.req.json();
      } catch {
        body = null;
      }
    }
    const result = await castVote(deps.db, { year: y, body, cookies: getCookie(c), secret: deps.voteSecret, now: deps.now(), timeZone: deps.timeZone, minSubmitMs: deps.publicFormMinMs });
    if (result.ok) setCookie(c, result.cookie.name, result.cookie.value, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c), maxAge: result.cookie.maxAgeSeconds });
    return answer(result);
  });

  // A question before or during a forum: JSON (201 or a problem) or the page's HTML form (303 to the answer page).
  app.post('/years/:year/questions', doc('Enviar una pregunta a un foro por realizarse (queda por moderar; sin sesión)', { ...ok(201, 'Pregunta recibida'), ...problems(400, 404, 409, 413, 429) }, { security: [], parameters: year }), jsonBody(askInputSchema, 'PublicQuestionInput'), async (c) => {
    const deps = c.get('deps');
    const y = readParam(c, 'year', yearParam);
    const isForm = isFormPost(c);
    const answer = (result: AskResult) => {
      if (isForm) return c.redirect(`${publicPagePath(y, c.get('publicSlug'))}/pregunta?resultado=${result.ok ? 'ok' : result.code}`, 303);
      if (result.ok) return c.json({ id: result.id, message: askMessages.ok }, 201);
      return c.json({ type: 'about:blank', title: result.message, status: result.status, code: result.code, errors: result.issues ?? [] }, result.status, { 'Content-Type': 'application/problem+json' });
    };
    const { allowed, retryAfterMs } = await hitLimit(deps.db, `public-question|${clientAddress(c)}`, deps.now().getTime(), { max: publicRateLimits.question, windowMs: minute });
    if (!allowed) {
      c.header('Retry-After', retryAfterSeconds(retryAfterMs));
      if (isForm) return c.redirect(`${publicPagePath(y, c.get('publicSlug'))}/pregunta?resultado=rateLimited&espera=${retryAfterSeconds(retryAfterMs)}`, 303);
      throw new HttpProblem(429, askMessages.rateLimited);
    }
    const body = await readPublicForm(c, ['forumId', 'text', 'name', 'contact', 'consent', 'formToken', 'website']);
    return answer(await askQuestion(deps.db, { year: y, body, secret: deps.voteSecret, now: deps.now(), timeZone: deps.timeZone, minSubmitMs: deps.publicFormMinMs }));
  });

  // A participant's evaluation of a forum that happened: one per browser and forum (signed cookie).
  app.post('/years/:year/evaluations', doc('Evaluar un foro ya realizado (1 a 5; sin sesión, una evaluación por navegador)', { ...ok(201, 'Evaluación registrada'), ...problems(400, 404, 409, 413, 429) }, { security: [], parameters: year }), jsonBody(publicEvaluationSchema, 'PublicEvaluationInput'), async (c) => {
    const deps = c.get('deps');
    const y = readParam(c, 'year', yearParam);
    const isForm = isFormPost(c);
    const answer = (result: EvaluateResult) => {
      if (isForm) return c.redirect(`${publicPagePath(y, c.get('publicSlug'))}/evaluacion?resultado=${result.ok ? 'ok' : result.code}`, 303);
      if (result.ok) return c.json({ id: result.id, message: evaluateMessages.ok }, 201);
      return c.json({ type: 'about:blank', title: result.message, status: result.status, code: result.code, errors: result.issues ?? [] }, result.status, { 'Content-Type': 'application/problem+json' });
    };
    const { allowed, retryAfterMs } = await hitLimit(deps.db, `public-evaluation|${clientAddress(c)}`, deps.now().getTime(), { max: publicRateLimits.evaluation, windowMs: minute });
    if (!allowed) {
      c.header('Retry-After', retryAfterSeconds(retryAfterMs));
      if (isForm) return c.redirect(`${publicPagePath(y, c.get('publicSlug'))}/evaluacion?resultado=rateLimited&espera=${retryAfterSeconds(retryAfterMs)}`, 303);
      throw new HttpProblem(429, evaluateMessages.rateLimited);
    }
    const body = await readPublicForm(c, ['forumId', ...evaluationQuestions, 'comment', 'valueGroup', 'formToken', 'website']);
    const result = await evaluateForum(deps.db, { year: y, body, cookies: getCookie(c), secret: deps.voteSecret, now: deps.now(), timeZone: deps.timeZone, minSubmitMs: deps.publicFormMinMs });
    if (result.ok) setCookie(c, result.cookie.name, result.cookie.value, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c), maxAge: result.cookie.maxAgeSeconds });
    return answer(result);
  });

  return app;
}

const isFormPost = (c: Context<AppEnv>) => (c.req.header('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');

/** A public form's body: the HTML form's fields named (each once), or the JSON as sent (null when not JSON). */
async function readPublicForm(c: Context<AppEnv>, fields: readonly string[]): Promise<unknown> {
  if (isFormPost(c)) {
    const form = new URLSearchParams(await c.req.text());
    return Object.fromEntries(fields.map((f) => [f, form.get(f) ?? undefined]));
  }
  try {
    return await c.req.json();
  } catch (error) {
    // Too large (413) or cut off: that answer; anything else is not JSON, which the form's checks refuse.
    if (error instanceof HttpProblem) throw error;
    return null;
  }
}
