// Baseline of `npm run bench` (foros): a minimal node:http server that answers the forum list and detail
// with the SAME SQL the Foros API ran for each URL (recorded by bench/forums.ts, session lookup included,
// prepared once) and the SAME JSON bytes, with nothing else: no framework, no validation, no middleware.
// Usage: node bench/baselines/minimal-server.mjs <db file> <workload.json>; prints its URL when ready. The bench's
// latency rows start the same server in their own process (createMinimalServer), beside the API's.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';

function listBody(url, statements, results) {
  const countAt = statements.findIndex((s) => s.sql.includes('as "total"'));
  const count = results[countAt];
  const rows = results[countAt === 0 ? 1 : 0];
  const page = Number(url.searchParams.get('page') ?? 1);
  const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
  const items = rows.map((r) => ({
    id: r.id,
    title: r.title,
    theme: r.theme,
    year: r.year,
    date: r.date,
    time: r.time,
    platform: r.platform,
    status: r.status,
    version: r.version,
    updatedAt: r.updated_at,
    questionCount: Number(r.question_count ?? 0),
  }));
  return { items, total: Number(count[0].total), page, pageSize };
}

function detailBody([[row], questions]) {
  const details = JSON.parse(row.details);
  return {
    id: row.id,
    title: row.title,
    theme: row.theme,
    year: row.year,
    date: row.date,
    time: row.time,
    durationMinutes: row.duration_minutes,
    platform: row.platform,
    streamUrl: row.stream_url,
    status: row.status,
    objective: row.objective,
    place: row.place,
    moderator: row.moderator,
    ...details,
    questions: questions.map((q) => ({ questionId: q.id, text: q.text, channel: q.channel, answered: q.answered === 1, answeredBy: q.answered_by, answerSummary: q.answer_summary })),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    origin: row.consultation_id == null || row.consultation_topic_id == null || row.consultation_title == null ? null : { consultationId: row.consultation_id, topicId: row.consultation_topic_id, consultationTitle: row.consultation_title },
  };
}

/** The minimal server on `dbFile` for `workload` (not listening yet), and how to close its database. */
export function createMinimalServer(dbFile, workload) {
  const db = new Database(dbFile, { readonly: true });
  db.pragma('busy_timeout = 5000');
  const statements = new Map();
  const prepare = (sql) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const session = prepare(workload.sessionSql);
  const server = createServer((req, res) => {
    const entry = workload.entries[req.url];
    const token = /foros_session=([0-9a-f]{64})/.exec(req.headers.cookie ?? '')?.[1];
    const user = entry && token ? session.get(createHash("sha256").update(token).digest("hex"), new Date().toISOString(), ...workload.sessionParameters.slice(2)) : undefined;
    if (!entry || !user) {
      res.writeHead(404).end();
      return;
    }
    // The first recorded statement is the session lookup, run above with this request's token and time.
    const statementsAfterSession = entry.statements.slice(1);
    const results = statementsAfterSession.map((s) => prepare(s.sql).all(s.parameters));
    const url = new URL(req.url, 'http://localhost');
    const body = JSON.stringify(entry.kind === 'list' ? listBody(url, statementsAfterSession, results) : detailBody(results));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
    res.end(body);
  });
  server.on('close', () => db.close());
  return server;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dbFile, workloadFile] = process.argv.slice(2);
  const server = createMinimalServer(dbFile, JSON.parse(readFileSync(workloadFile, 'utf8')));
  server.listen(0, '127.0.0.1', () => console.log(`Servidor mínimo listo en http://localhost:${server.address().port}`));
}
