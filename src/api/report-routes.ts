import { Hono } from 'hono';
import { reportInputSchema, reportMessages, reportUpdateSchema, yearParam } from '../domain/report';
import { getReport, listReports, updateReport } from '../db/report-queries';
import type { AppEnv } from './deps';
import { doc, jsonBody, ok, pathParams, problems } from './openapi-doc';
import { requirePermission, requireUser } from './auth';
import { change, stale } from './change';
import { HttpProblem } from './problem';
import { createReport } from './report-sync';
import { readParam } from './validate';
import { overview, requireReport } from './report-common';

const reportInputBody = jsonBody(reportInputSchema, 'ReportInput');
const reportUpdateBody = jsonBody(reportUpdateSchema, 'ReportUpdate');

/** The yearly report: /api/reports and /api/reports/:year. Its sections: section-routes.ts; their review: review-routes.ts. */
export function reportRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', requirePermission('readReports'), doc('Informes por vigencia, con su avance', { ...ok(200, 'Informes'), ...problems(401) }), async (c) => c.json({ items: await listReports(c.get('deps').db) }));

  app.post('/:year', requirePermission('writeReports'), doc('Crear el informe de la vigencia (arma las secciones desde los foros)', { ...ok(201, 'Informe creado'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ year: yearParam }) }), reportInputBody, async (c) => {
    const year = readParam(c, 'year', yearParam);
    const input = await reportInputBody.read(c);
    await change(c, async ({ tx, user, now }) => {
      if (await getReport(tx, year)) throw new HttpProblem(409, reportMessages.exists(year), { current: await overview(tx, year, user) });
      const audit = await createReport(tx, year, input, user, now);
      // Touched: the sync records the figures the new statistics section starts from.
      return { result: null, audit, touched: { years: [year] } };
    });
    c.header('Location', `/api/reports/${year}`);
    return c.json(await overview(c.get('deps').db, year, requireUser(c)), 201);
  });

  app.get('/:year', requirePermission('readReports'), doc('Informe de la vigencia: secciones con su estado, avance y pendientes para mí (solo lee: las escrituras de foros y métricas ya lo mantienen al día)', { ...ok(200, 'Resumen del informe'), ...problems(401, 404) }, { parameters: pathParams({ year: yearParam }) }), async (c) => {
    const year = readParam(c, 'year', yearParam);
    return c.json(await overview(c.get('deps').db, year, requireUser(c)));
  });

  app.put('/:year', requirePermission('writeReports'), doc('Guardar los datos del informe (con su versión)', { ...ok(200, 'Resumen del informe'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ year: yearParam }) }), reportUpdateBody, async (c) => {
    const year = readParam(c, 'year', yearParam);
    const { version, ...input } = await reportUpdateBody.read(c);
    await change(c, async ({ tx, user, now }) => {
      const report = await requireReport(tx, year);
      const conflict = async () => stale(reportMessages.reportStale, version, await overview(tx, year, user));
      if (report.version !== version) throw await conflict();
      const changes = (['title', 'entity', 'strategy', 'preparedBy'] as const).filter((k) => JSON.stringify(report[k]) !== JSON.stringify(input[k]));
      if (!(await updateReport(tx, year, version, input, user.username, now))) throw await conflict();
      // Touched: saving the report's data also brings it in step (e.g. adds a generated section it predates).
      return { result: null, audit: [{ action: 'update', entity: 'report', entityId: year, changes }], touched: { years: [year] } };
    });
    // Read after the change committed, so the answer has the sections the sync added.
    return c.json(await overview(c.get('deps').db, year, requireUser(c)));
  });

  return app;
}
