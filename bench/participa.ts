/**
 * The public «Participa» pages over HTTP on the real server with the 2022 demo published: latency of the year
 * page, the report page and the page data (sequential, one address: each stays under its per-address limit of
 * 240 a minute), the HTML sizes (plain and gzip) and the JavaScript a citizen's first load needs (none).
 */
import { gzipSync } from 'node:zlib';
import { createWorkspace, startBenchServer } from './server';
import { kb, ms, type ReportRow } from './report';
import { summarize } from './stats';

const requestsPerPage = 100;

export async function benchParticipa(): Promise<ReportRow[]> {
  const workspace = createWorkspace();
  const server = await startBenchServer(workspace.dbFile, undefined, true);
  const rows: ReportRow[] = [];
  try {
    for (const [label, path] of [
      ['/participa/2022', '/participa/2022'],
      ['/participa/2022/informe', '/participa/2022/informe'],
      ['GET /api/public/years/2022', '/api/public/years/2022'],
    ] as const) {
      const samples: number[] = [];
      let body = new Uint8Array();
      for (let i = 0; i < requestsPerPage; i++) {
        const start = performance.now();
        const res = await fetch(`${server.url}${path}`);
        body = new Uint8Array(await res.arrayBuffer());
        samples.push(performance.now() - start);
        if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
      }
      const s = summarize(samples);
      rows.push({ section: 'participa', measure: `${label} p95 (${requestsPerPage} seguidas)`, value: ms(s.p95), target: '≤ 100 ms', ok: s.p95 <= 100 });
      rows.push({ section: 'participa', measure: `${label} p50`, value: ms(s.p50) });
      if (path.startsWith('/participa')) {
        const text = new TextDecoder().decode(body);
        rows.push({ section: 'participa', measure: `${label} HTML (gzip)`, value: `${kb(body.length)} (${kb(gzipSync(body).length)})` });
        const scripts = (text.match(/<script/gi) ?? []).length;
        rows.push({ section: 'participa', measure: `${label} JavaScript de la primera carga`, value: scripts === 0 ? '0 KB (ningún <script>)' : `${scripts} <script>`, target: '≤ 80 KB gzip', ok: scripts === 0 });
      }
    }
  } finally {
    await server.close();
    workspace.cleanup();
  }
  return rows;
}
