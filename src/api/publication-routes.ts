import { defaultTimeZone } from '../domain/organization';
import { firstOrganizationId, organizationOf } from '../db/org-scope';
import { Hono } from 'hono';
import type { Kysely, Transaction } from 'kysely';
import { emptyBodySchema, yearParam } from '../domain/report';
import { publicationMessages, publicationUpdateSchema, publicPagePath, type PublicationSettings, type PublicationState } from '../domain/publication';
import { getReport, listSectionRows } from '../db/report-queries';
import { getPublication, insertPublishedReport, listPublishedReports, savePublication } from '../db/publication-queries';
import type { Database } from '../db/schema';
import { isFinal } from '../export/document-model';
import { sha256Hex } from '../export/file-types';
import type { AppEnv } from './deps';
import { doc, jsonBody, ok, pathParams, problems } from './openapi-doc';
import { requirePermission } from './auth';
import { change, stale } from './change';
import { exportDataIn } from './export-routes';
import { HttpProblem } from './problem';
import { publishedReportPdf } from './report-pdf';
import { readParam } from './validate';

type Db = Kysely<Database> | Transaction<Database>;

const updateBody = jsonBody(publicationUpdateSchema, 'PublicationUpdate');
const publishBody = jsonBody(emptyBodySchema, 'PublishReport');

/** What the «Publicación» screen shows of a year. */
/**
 * The slug of the public pages' address of the database's organisation; null for the first organisation, whose
 * older addresses without a slug (/participa/<year>) stay its own.
 */
async function publicSlugOf(db: Db): Promise<string | null> {
  const id = organizationOf(db);
  if (id === null || id === firstOrganizationId) return null;
  const row = await db.selectFrom('organizations').select('slug').where('id', '=', id).executeTakeFirst();
  return row?.slug ?? null;
}

export async function publicationState(db: Db, year: number): Promise<PublicationState> {
  const publication = await getPublication(db, year);
  const report = await getReport(db, year);
  const sections = report ? await listSectionRows(db, year) : [];
  return {
    year,
    version: publication.version,
    settings: publication.settings,
    updatedAt: publication.updatedAt,
    updatedBy: publication.updatedBy,
    report: { exists: Boolean(report), sections: sections.length, approved: sections.length > 0 && sections.every((s) => s.state === 'approved') },
    published: await listPublishedReports(db, year),
    publicPath: publicPagePath(year, await publicSlugOf(db)),
  };
}

/** The fields a save changed, for the audit log (names as the screen shows them). */
function changedSettings(before: PublicationSettings, after: PublicationSettings): string[] {
  const changes: string[] = [];
  for (const [part, on] of Object.entries(after.show)) {
    if (before.show[part as keyof PublicationSettings['show']] !== on) changes.push(`publica ${part}: ${on ? 'sí' : 'no'}`);
  }
  for (const key of ['consultationOpen', 'entityName', 'logoUrl', 'primaryColour', 'privacyNotice', 'licenceName', 'licenceUrl', 'frameOrigins'] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes.push(key);
  }
  return changes;
}

/** The frozen text of a published report: its export data as it stood, with when and which version. */
export interface PublishedSnapshot {
  format: 'foros-informe-publicado/1';
  year: number;
  number: number;
  publishedAt: string;
  data: Awaited<ReturnType<typeof exportDataIn>>;
}

/**
 * What the office publishes of each year: GET/PUT /api/publication/:year (the settings, with their version) and
 * POST /api/publication/:year/report (publish a new frozen version of the approved report; audited with its SHA-256).
 */
export function publicationRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/:year', requirePermission('managePublication'), doc('Publicación de la vigencia: qué es público, apariencia, licencia, versiones publicadas del informe', { ...ok(200, 'Publicación'), ...problems(400, 401, 403) }, { parameters: pathParams({ year: yearParam }) }), async (c) => {
    const year = readParam(c, 'year', yearParam);
    return c.json(await publicationState(c.get('deps').db, year));
  });

  app.put('/:year', requirePermission('managePublication'), doc('Guardar la publicación de la vigencia (con su versión; 0 la primera vez)', { ...ok(200, 'Publicación'), ...problems(400, 401, 403, 409) }, { parameters: pathParams({ year: yearParam }) }), updateBody, async (c) => {
    const year = readParam(c, 'year', yearParam);
    const { version, ...settings } = await updateBody.read(c);
    const body = await change(c, async ({ tx, user, now }) => {
      const before = await getPublication(tx, year);
      if (before.version !== version || !(await savePublication(tx, year, version, settings, user.username, now))) {
        throw stale(publicationMessages.stale, version, await publicationState(tx, year));
      }
      const changes = changedSettings(before.settings, settings);
      return { result: await publicationState(tx, year), audit: [{ action: 'update', entity: 'publication', entityId: year, changes: changes.length > 0 ? changes : ['sin cambios'] }] };
    });
    return c.json(body);
  });

  app.post('/:year/report', requirePermission('managePublication'), doc('Publicar una nueva versión del informe aprobado (queda congelada; su SHA-256 va a la auditoría)', { ...ok(201, 'Publicación con la nueva versión'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ year: yearParam }) }), publishBody, async (c) => {
    const year = readParam(c, 'year', yearParam);
    await publishBody.read(c);
    let published: Awaited<ReturnType<typeof publishReport>> | null = null;
    const body = await change(c, async ({ tx, user, now, today }) => {
      published = await publishReport(tx, year, user.username, now, today, c.get('deps').timeZone);
      const { number, sha256, bytes } = published;
      return {
        result: await publicationState(tx, year),
        audit: [{ action: 'publish', entity: 'report', entityId: year, changes: [`versión publicada ${number}`, `sha256: ${sha256}`, `bytes: ${bytes}`] }],
      };
    });
    // The new version's PDF is built now, in the background, so the first citizen who asks finds it ready (it is
    // kept by the snapshot's SHA-256: report-pdf.ts). A failure here is not the publication's: the route retries.
    const render = c.get('deps').renderReportPdf;
    const frozen = published as Awaited<ReturnType<typeof publishReport>> | null;
    if (render && frozen) publishedReportPdf(render, frozen.sha256, frozen.snapshot.data, frozen.snapshot.publishedAt).catch(() => undefined);
    return c.json(body, 201);
  });

  return app;
}

/** Freezes the approved report of `year` as its next published version (inside a change; `today` in the organisation's zone). */
export async function publishReport(tx: Db, year: number, by: string, now: string, today: string, timeZone: string = defaultTimeZone): Promise<{ number: number; sha256: string; bytes: number; snapshot: PublishedSnapshot }> {
  if (!(await getReport(tx, year))) throw new HttpProblem(404, publicationMessages.noReport(year));
  const data = await exportDataIn(tx, year, today, timeZone);
  if (!isFinal(data.sections)) throw new HttpProblem(409, publicationMessages.reportNotReady);
  const previous = await listPublishedReports(tx, year);
  const number = (previous[0]?.number ?? 0) + 1;
  const snapshot: PublishedSnapshot = { format: 'foros-informe-publicado/1', year, number, publishedAt: now, data };
  const text = JSON.stringify(snapshot);
  const bytes = new TextEncoder().encode(text);
  const sha256 = await sha256Hex(bytes);
  await insertPublishedReport(tx, { year, number, snapshot: text, sha256, bytes: bytes.length, by, now });
  return { number, sha256, bytes: bytes.length, snapshot };
}
