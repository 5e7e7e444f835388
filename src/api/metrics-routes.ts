import { Hono } from 'hono';
import { idParam } from '../domain/common';
import { snapshotKinds, type ForumMetricsInput } from '../domain/metrics';
import { selectImportRow, type MatchableForum } from '../domain/forum-matching';
import { parseMetricsCsv } from '../domain/metrics-import';
import type { ImportedRow } from '../domain/metrics-import-model';
import { mergeImportedMetrics } from '../domain/metrics-import-merge';
import { checkMetrics, type MetricsIssue, type MetricsRuleId } from '../domain/metrics-rules';
import {
  forumMetricsUpdateSchema,
  metricsApiMessages,
  metricsImportQuerySchema,
  sameForumMetrics,
  yearMetricsQuerySchema,
  type ForumMetricsRecord,
  type MetricsImportMatchedBy,
  type MetricsImportPreview,
  type MetricsImportResponse,
  type MetricsImportRowSummary,
  type YearMetrics } from '../domain/metrics-update';
import { getForumMetrics, getMetricsForum, listYearMetrics, upsertForumMetrics, type StoredForumMetrics } from '../db/metrics-queries';
import type { AppEnv } from './deps';
import { forumNotFound } from './forum-routes';
import { doc, jsonBody, ok, pathParams, problems, queryParams } from './openapi-doc';
import { requirePermission } from './auth';
import { change, stale } from './change';
import { HttpProblem, invalid } from './problem';
import { readParam } from './validate';

const forumMetricsUpdateBody = jsonBody(forumMetricsUpdateSchema, 'ForumMetricsUpdate');
const metricsImportQuery = queryParams(metricsImportQuerySchema);
const yearMetricsQuery = queryParams(yearMetricsQuerySchema);

/** The largest metrics file the import accepts (the parser itself refuses more than 5 MB with its own message). */
export const metricsImportMaxBytes = 6 * 1024 * 1024;
/** The import's body in the OpenAPI document: the file itself. */
const csvFile = { type: 'string', format: 'binary', maxLength: metricsImportMaxBytes } as const;

/** The import route's body limit (create-api.ts) is metricsImportMaxBytes instead of the API-wide 1 MB. */
export const isMetricsImportPath = (path: string) => /^\/api\/forums\/[^/]+\/metrics\/import$/.test(path);


const withIssues = (stored: StoredForumMetrics): ForumMetricsRecord => ({ ...stored, issues: checkMetrics(stored) });

/** A 409 for a stale version, with the stored metrics (and their issues) to compare with. */
const staleMetrics = (yours: number | undefined, current: StoredForumMetrics, title: string = metricsApiMessages.stale) => stale(title, yours, withIssues(current));

const issueErrors = (issues: MetricsIssue[]) => issues.flatMap((issue) => issue.paths.map((path) => ({ path, message: issue.message })));

/**
 * Refuses figures that cannot be true (422 `blocking`) or that raise a warning the person has not confirmed
 * (422 `warnings`). Returns the confirmations worth keeping: those of warnings these figures do raise.
 */
function assertSavable(issues: MetricsIssue[], acknowledged: MetricsRuleId[], extra: Record<string, unknown> = {}): MetricsRuleId[] {
  const blocking = issues.filter((i) => i.severity === 'block');
  if (blocking.length > 0) {
    throw new HttpProblem(422, metricsApiMessages.blocking(blocking[0].message, blocking.length - 1), {
      code: 'blocking',
      detail: blocking.map((i) => i.message).join(' '),
      errors: issueErrors(blocking),
      issues,
      ...extra,
    });
  }
  const warnings = issues.filter((i) => i.severity === 'warn');
  const pending = warnings.filter((i) => !acknowledged.includes(i.rule));
  if (pending.length > 0) {
    throw new HttpProblem(422, metricsApiMessages.warnings, {
      code: 'warnings',
      detail: pending.map((i) => i.message).join(' '),
      errors: issueErrors(pending),
      issues,
      ...extra,
    });
  }
  const raised = new Set(warnings.map((i) => i.rule));
  return [...new Set(acknowledged)].filter((rule) => raised.has(rule));
}

const changedSnapshots = (before: ForumMetricsInput, after: ForumMetricsInput) =>
  snapshotKinds.filter((kind) => JSON.stringify(before[kind]) !== JSON.stringify(after[kind]));

const rowSummary = (row: ImportedRow): MetricsImportRowSummary => ({
  rowNumber: row.rowNumber,
  title: row.title ?? null,
  publishDate: row.publishDate ?? null,
  permalink: row.permalink ?? null,
  day: row.day ?? null,
});

/** The row for this forum: the one asked for, else the domain's choice (forum-matching.ts). */
function selectRow(rows: ImportedRow[], forum: MatchableForum, requested: number | undefined): { row: ImportedRow; matchedBy: MetricsImportMatchedBy } | { title: string } {
  if (requested !== undefined) {
    const row = rows.find((r) => r.rowNumber === requested);
    return row ? { row, matchedBy: 'row' } : { title: metricsApiMessages.missingRow(requested) };
  }
  return selectImportRow(rows, forum) ?? { title: metricsApiMessages.noRow };
}

/**
 * The forum's metrics with the row's snapshots merged in (only the figures the file gives replace stored ones), each
 * with its as-of date: chosen, from the file, kept, or the forum's (live summary); 400 at `asOf` when none is known.
 */
function mergeImported(current: ForumMetricsInput, row: ImportedRow, options: { asOf?: string; forumDate: string | null }, preview: object) {
  const result = mergeImportedMetrics(current, row, options);
  if (!result.ok) {
    const { errors } = result;
    const title = errors.every((e) => e.path === 'asOf') ? errors[0].message : metricsApiMessages.badImportedValues;
    // With the file's preview: the page shows it with the question at its field.
    throw invalid(errors, title, { asOf: result.asOf, ...preview });
  }
  return result;
}

const sameWarnings = (a: MetricsRuleId[], b: MetricsRuleId[]) => a.length === b.length && a.every((rule) => b.includes(rule));

/**
 * Livestream metrics: a forum's three snapshots (read, save with a version, import from a Meta or YouTube
 * export) and a year's metrics for the report and its charts. Mounted at the API's root.
 */
export function metricsRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/forums/:id/metrics', requirePermission('readForums'), doc('Métricas de la transmisión del foro (versión 0 si nunca se han guardado)', { ...ok(200, 'Métricas con sus advertencias'), ...problems(401, 404) }, { parameters: pathParams({ id: idParam }) }), async (c) => {
    const db = c.get('deps').db;
    const id = readParam(c, 'id', idParam);
    if (!(await getMetricsForum(db, id))) throw forumNotFound();
    return c.json(withIssues(await getForumMetrics(db, id)));
  });

  // The year's report follows the new figures (its statistics section names who changed them): touched year.
  app.put('/forums/:id/metrics', requirePermission('writeMetrics'), doc('Guardar métricas (con su versión y las advertencias confirmadas)', { ...ok(200, 'Métricas guardadas'), ...problems(400, 401, 403, 404, 409, 422) }, { parameters: pathParams({ id: idParam }) }), forumMetricsUpdateBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const { version, acknowledgedWarnings, ...input } = await forumMetricsUpdateBody.read(c);
    let warmYear = null as number | null;
    const saved = await change(c, async ({ tx, user, now }) => {
      const forum = await getMetricsForum(tx, id);
      if (!forum) throw forumNotFound();
      warmYear = null;
      const current = await getForumMetrics(tx, id);
      if (current.version !== version) throw staleMetrics(version, current);
      const keep = assertSavable(checkMetrics(input), acknowledgedWarnings ?? []);
      // The same figures as stored: nothing to save, no new version (the current record is the answer).
      if (sameForumMetrics(current, input) && sameWarnings(keep, current.acknowledgedWarnings)) return { result: current };
      const changes = changedSnapshots(current, input);
      if (!(await upsertForumMetrics(tx, id, version, input, keep, user.username, now))) throw staleMetrics(version, await getForumMetrics(tx, id));
      warmYear = forum.year;
      return {
        result: await getForumMetrics(tx, id),
        audit: [{ action: version === 0 ? 'create' : 'update', entity: 'forum_metrics', entityId: id, changes }],
        touched: { years: [forum.year], kinds: ['statistics'] },
      };
    });
    // Committed: the year's charts are drawn in the background for the next export (chart-images.ts).
    if (warmYear !== null) c.get('deps').chartImages?.changed(c.get('deps').db, warmYear, c.get('deps').timeZone);
    return c.json(withIssues(saved));
  });

  app.post(
    '/forums/:id/metrics/import',
    requirePermission('writeMetrics'),
    doc('Importar un CSV de Meta o YouTube (dryRun=1 solo revisa)', { ...ok(200, 'Vista previa o importación guardada'), ...problems(400, 401, 403, 404, 409, 413, 415, 422) }, { parameters: pathParams({ id: idParam }), requestBody: { required: true, content: { 'text/csv': { schema: csvFile }, 'application/octet-stream': { schema: csvFile } } } }), metricsImportQuery, async (c) => {
      const deps = c.get('deps');
      const id = readParam(c, 'id', idParam);
      const query = metricsImportQuery.read(c);
      const forum = await getMetricsForum(deps.db, id);
      if (!forum) throw forumNotFound();
      if (!/^(text\/csv|application\/octet-stream)\s*(;|$)/i.test(c.req.header('content-type') ?? '')) throw new HttpProblem(415, metricsApiMessages.importContentType);

      // No as-of date from the clock: it comes from the person, the file, the saved snapshot or the forum (mergeImported).
      const parsed = parseMetricsCsv(new Uint8Array(await c.req.arrayBuffer()));
      if (!parsed.ok) throw new HttpProblem(400, parsed.message);
      const preview: MetricsImportPreview = {
        format: parsed.format,
        language: parsed.language,
        recognisedColumns: parsed.recognisedColumns,
        unrecognisedColumns: parsed.unrecognisedColumns,
        rows: parsed.rows.map(rowSummary),
        problems: parsed.problems,
        moreProblems: parsed.moreProblems,
        dateOrder: parsed.dateOrder,
      };
      const selection = selectRow(parsed.rows, forum, query.row);
      if ('title' in selection) throw new HttpProblem(422, selection.title, { code: 'no-row', ...preview });
      const selectedRow = { rowNumber: selection.row.rowNumber, matchedBy: selection.matchedBy };
      const imported = selection.row.values;
      const dryRun = query.dryRun ?? false;

      const result = await change(c, async ({ tx, user, now: at }) => {
        const current = await getForumMetrics(tx, id);
        const { metrics, asOf } = mergeImported(current, selection.row, { asOf: query.asOf, forumDate: forum.date }, { ...preview, selectedRow, imported });
        const issues = checkMetrics(metrics);
        const unchanged = sameForumMetrics(current, metrics);
        const answer: MetricsImportResponse = { dryRun, ...preview, selectedRow, imported, metrics, issues, asOf, saved: false, unchanged, version: current.version };
        if (dryRun) return { result: answer };
        if (query.version === undefined) throw staleMetrics(undefined, current, metricsApiMessages.importVersion);
        if (query.version !== current.version) throw staleMetrics(query.version, current);
        const keep = assertSavable(issues, query.acknowledge ?? [], { ...preview, selectedRow, metrics });
        // The file says what is already saved: no new version.
        if (unchanged && sameWarnings(keep, current.acknowledgedWarnings)) return { result: answer };
        const changes = changedSnapshots(current, metrics);
        if (!(await upsertForumMetrics(tx, id, current.version, metrics, keep, user.username, at))) throw staleMetrics(query.version, await getForumMetrics(tx, id));
        return {
          result: { ...answer, saved: true, unchanged: false, version: current.version + 1 },
          audit: [{ action: current.version === 0 ? 'create' : 'update', entity: 'forum_metrics', entityId: id, changes: ['importación', ...changes] }],
          touched: { years: [forum.year], kinds: ['statistics'] },
        };
      });
      if (result.saved) deps.chartImages?.changed(deps.db, forum.year, deps.timeZone);
      return c.json(result);
    },
  );

  app.get('/metrics', requirePermission('readForums'), doc('Métricas de los foros de una vigencia y de la anterior', { ...ok(200, 'Foros de la vigencia con sus métricas'), ...problems(400, 401) }), yearMetricsQuery, async (c) => {
    const db = c.get('deps').db;
    const { year } = yearMetricsQuery.read(c);
    const [forums, previous] = await Promise.all([listYearMetrics(db, year), listYearMetrics(db, year - 1)]);
    const body: YearMetrics = { year, forums, previous: previous.length > 0 ? { year: year - 1, forums: previous } : null };
    return c.json(body);
  });

  return app;
}
