import { Hono } from 'hono';
import { idParam, toFieldIssues } from '../domain/common';
import { forumMetricsInputSchema, snapshotKinds, type ForumMetricsInput } from '../domain/metrics';
import { matchRowToForum, parseMetricsCsv, type ImportedRow, type ImportedValues, type MatchableForum } from '../domain/metrics-import';
import { checkMetrics, type MetricsIssue, type MetricsRuleId } from '../domain/metrics-rules';
import {
  forumMetricsUpdateSchema,
  metricsApiMessages,
  metricsImportQuerySchema,
  yearMetricsQuerySchema,
  type ForumMetricsRecord,
  type MetricsImportMatchedBy,
  type MetricsImportPreview,
  type MetricsImportResponse,
  type MetricsImportRowSummary,
  type YearMetrics,
} from '../domain/metrics-update';
import { getForumMetrics, getMetricsForum, listYearMetrics, upsertForumMetrics, type StoredForumMetrics } from '../db/metrics-queries';
import { writeAudit } from '../db/audit-queries';
import { syncReportOfForum } from '../db/report-queries';
import type { AppEnv } from './deps';
import { requirePermission, requireUser } from './auth';
import { HttpProblem } from './problem';
import { readBody, readParam, readQuery } from './validate';

/** The largest metrics file the import accepts (the parser itself refuses more than 5 MB with its own message). */
export const metricsImportMaxBytes = 6 * 1024 * 1024;

/** The import route's body limit (create-api.ts) is metricsImportMaxBytes instead of the API-wide 1 MB. */
export const isMetricsImportPath = (path: string) => /^\/api\/forums\/[^/]+\/metrics\/import$/.test(path);

const notFound = () => new HttpProblem(404, 'No existe un foro con ese identificador.');

const withIssues = (stored: StoredForumMetrics): ForumMetricsRecord => ({ ...stored, issues: checkMetrics(stored) });

function stale(yours: number | undefined, current: StoredForumMetrics, title: string = metricsApiMessages.stale) {
  return new HttpProblem(409, title, {
    detail: yours === undefined ? undefined : metricsApiMessages.staleDetail(yours, current.version),
    current: withIssues(current),
  });
}

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

/** Today in Bogotá (UTC−5 all year): the date an imported snapshot is "as of". */
const bogotaDate = (now: Date) => new Date(now.getTime() - 5 * 3600_000).toISOString().slice(0, 10);

const rowSummary = (row: ImportedRow): MetricsImportRowSummary => ({
  rowNumber: row.rowNumber,
  title: row.title ?? null,
  publishDate: row.publishDate ?? null,
  permalink: row.permalink ?? null,
});

const matchStrength: Record<'permalink' | 'title' | 'date', number> = { permalink: 0, title: 1, date: 2 };

/** The row for this forum: the one asked for, else the best match (permalink, title, date; lifetime rows first), else the only row. */
function selectRow(rows: ImportedRow[], forum: MatchableForum, requested: number | undefined): { row: ImportedRow; matchedBy: MetricsImportMatchedBy } | { title: string } {
  if (requested !== undefined) {
    const row = rows.find((r) => r.rowNumber === requested);
    return row ? { row, matchedBy: 'row' } : { title: metricsApiMessages.missingRow(requested) };
  }
  const matches = rows
    .map((row, index) => ({ row, index, match: matchRowToForum(row, [forum]) }))
    .filter((m): m is typeof m & { match: NonNullable<typeof m.match> } => m.match !== null)
    .sort((a, b) => matchStrength[a.match.matchedBy] - matchStrength[b.match.matchedBy] || Number(a.row.day !== undefined) - Number(b.row.day !== undefined) || a.index - b.index);
  if (matches.length > 0) return { row: matches[0].row, matchedBy: matches[0].match.matchedBy };
  if (rows.length === 1) return { row: rows[0], matchedBy: 'single' };
  return { title: metricsApiMessages.noRow };
}

/** The forum's metrics with the row's snapshots merged in: only the figures the file gives replace stored ones. */
function mergeImported(current: ForumMetricsInput, values: ImportedValues): ForumMetricsInput {
  const merged: Record<string, unknown> = { postCard: current.postCard, liveSummary: current.liveSummary, sincePublication: current.sincePublication };
  for (const kind of snapshotKinds) {
    const imported = values[kind];
    if (imported) merged[kind] = { ...(current[kind] ?? {}), ...imported };
  }
  const result = forumMetricsInputSchema.safeParse(merged);
  if (!result.success) {
    const errors = toFieldIssues(result.error);
    throw new HttpProblem(400, metricsApiMessages.badImportedValues, { detail: errors.map((e) => `${e.path}: ${e.message}`).join(' '), errors });
  }
  return result.data;
}

/**
 * Livestream metrics: a forum's three snapshots (read, save with a version, import from a Meta or YouTube
 * export) and a year's metrics for the report and its charts. Mounted at the API's root.
 */
export function metricsRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/forums/:id/metrics', requirePermission('readForums'), async (c) => {
    const db = c.get('deps').db;
    const id = readParam(c, 'id', idParam);
    if (!(await getMetricsForum(db, id))) throw notFound();
    return c.json(withIssues(await getForumMetrics(db, id)));
  });

  app.put('/forums/:id/metrics', requirePermission('writeMetrics'), async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const id = readParam(c, 'id', idParam);
    const { version, acknowledgedWarnings, ...input } = await readBody(c, forumMetricsUpdateSchema);
    const now = deps.now().toISOString();
    await deps.db.transaction().execute(async (tx) => {
      if (!(await getMetricsForum(tx, id))) throw notFound();
      const current = await getForumMetrics(tx, id);
      if (current.version !== version) throw stale(version, current);
      const keep = assertSavable(checkMetrics(input), acknowledgedWarnings ?? []);
      const changes = changedSnapshots(current, input);
      if (!(await upsertForumMetrics(tx, id, version, input, keep, user.username, now))) throw stale(version, await getForumMetrics(tx, id));
      await writeAudit(tx, { at: now, userId: user.id, username: user.username, action: version === 0 ? 'create' : 'update', entity: 'forum_metrics', entityId: id, changes });
      // The year's report follows the new figures (an approved statistics section goes back to review).
      await syncReportOfForum(tx, id, now);
    });
    return c.json(withIssues(await getForumMetrics(deps.db, id)));
  });

  app.post(
    '/forums/:id/metrics/import',
    requirePermission('writeMetrics'),
    async (c) => {
      const deps = c.get('deps');
      const user = requireUser(c);
      const id = readParam(c, 'id', idParam);
      const query = readQuery(c, metricsImportQuerySchema);
      const forum = await getMetricsForum(deps.db, id);
      if (!forum) throw notFound();
      if (!/^(text\/csv|application\/octet-stream)\s*(;|$)/i.test(c.req.header('content-type') ?? '')) throw new HttpProblem(415, metricsApiMessages.importContentType);

      const now = deps.now();
      const parsed = parseMetricsCsv(new Uint8Array(await c.req.arrayBuffer()), { asOf: bogotaDate(now) });
      if (!parsed.ok) throw new HttpProblem(400, parsed.message);
      const preview: MetricsImportPreview = {
        format: parsed.format,
        language: parsed.language,
        recognisedColumns: parsed.recognisedColumns,
        unrecognisedColumns: parsed.unrecognisedColumns,
        rows: parsed.rows.map(rowSummary),
        problems: parsed.problems,
      };
      const selection = selectRow(parsed.rows, forum, query.row);
      if ('title' in selection) throw new HttpProblem(422, selection.title, { code: 'no-row', ...preview });
      const selectedRow = { rowNumber: selection.row.rowNumber, matchedBy: selection.matchedBy };
      const dryRun = query.dryRun ?? false;
      const at = now.toISOString();

      const result = await deps.db.transaction().execute(async (tx): Promise<MetricsImportResponse> => {
        const current = await getForumMetrics(tx, id);
        const metrics = mergeImported(current, selection.row.values);
        const issues = checkMetrics(metrics);
        const answer = { dryRun, ...preview, selectedRow, metrics, issues, saved: false, version: current.version };
        if (dryRun) return answer;
        if (query.version === undefined) throw stale(undefined, current, metricsApiMessages.importVersion);
        if (query.version !== current.version) throw stale(query.version, current);
        const keep = assertSavable(issues, query.acknowledge ?? [], { ...preview, selectedRow, metrics });
        const changes = changedSnapshots(current, metrics);
        if (!(await upsertForumMetrics(tx, id, current.version, metrics, keep, user.username, at))) throw stale(query.version, await getForumMetrics(tx, id));
        await writeAudit(tx, {
          at,
          userId: user.id,
          username: user.username,
          action: current.version === 0 ? 'create' : 'update',
          entity: 'forum_metrics',
          entityId: id,
          changes: ['importación', ...changes],
        });
        await syncReportOfForum(tx, id, at);
        return { ...answer, saved: true, version: current.version + 1 };
      });
      return c.json(result);
    },
  );

  app.get('/metrics', requirePermission('readForums'), async (c) => {
    const db = c.get('deps').db;
    const { year } = readQuery(c, yearMetricsQuerySchema);
    const [forums, previous] = await Promise.all([listYearMetrics(db, year), listYearMetrics(db, year - 1)]);
    const body: YearMetrics = { year, forums, previous: previous.length > 0 ? { year: year - 1, forums: previous } : null };
    return c.json(body);
  });

  return app;
}
