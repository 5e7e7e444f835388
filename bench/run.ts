/**
 * `npm run bench`: builds the SPA (package.json), then measures the real server over HTTP
 * and the size of the built JavaScript, and prints one table. Each section is a function
 * returning report rows, so later sections (metrics parsing, export) plug in here.
 */
import { benchBundle, benchFirstScreen } from './bundle';
import { benchForums } from './forums';
import { benchMetrics } from './metrics';
import { benchMetricsBrowser } from './metrics-browser';
import { benchConsultations } from './consultations';
import { benchConsultationsBrowser } from './consultations-browser';
import { benchExport } from './export';
import { benchExportBrowser } from './export-browser';
import { benchStartup } from './startup';
import { benchSecurity } from './security';
import { benchParticipa } from './participa';
import { benchParticipaVotes } from './participa-votes';
import { benchQuestionImport, benchQuestions } from './questions';
import { benchCommitments } from './commitments';
import { benchReportSync } from './report-sync';
import { benchEngines } from './engines';
import { printReport, type ReportRow } from './report';

interface Section {
  name: string;
  run: () => Promise<ReportRow[]> | ReportRow[];
}

const sections: Section[] = [
  { name: 'foros', run: () => benchForums() },
  { name: 'arranque', run: () => benchStartup() },
  { name: 'bundle', run: async () => [...(await benchFirstScreen()), ...benchBundle()] },
  { name: 'metricas', run: () => benchMetrics() },
  { name: 'metricas-navegador', run: () => benchMetricsBrowser() },
  { name: 'consultas', run: () => benchConsultations() },
  { name: 'consultas-navegador', run: () => benchConsultationsBrowser() },
  { name: 'exportacion', run: () => benchExport() },
  { name: 'exportacion-navegador', run: () => benchExportBrowser() },
  { name: 'seguridad', run: () => benchSecurity() },
  { name: 'participa', run: () => benchParticipa() },
  { name: 'participa-votos', run: () => benchParticipaVotes() },
  { name: 'preguntas', run: () => benchQuestions() },
  { name: 'preguntas-importar', run: () => benchQuestionImport() },
  { name: 'compromisos', run: () => benchCommitments() },
  { name: 'informe-sync', run: () => benchReportSync() },
  { name: 'motores', run: () => benchEngines() },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const rows: ReportRow[] = [];
  let failed = false;
  for (const section of sections) {
    if (only.length > 0 && !only.includes(section.name)) continue;
    console.log(`… ${section.name}`);
    try {
      rows.push(...(await section.run()));
    } catch (error) {
      failed = true;
      console.error(`La sección ${section.name} falló:`, error);
      rows.push({ section: section.name, measure: 'error', value: error instanceof Error ? error.message : String(error), ok: false });
    }
  }
  printReport(rows);
  const outOfTarget = rows.filter((r) => r.ok === false).length;
  if (outOfTarget > 0) console.log(`${outOfTarget} medida(s) fuera del objetivo (informativo; el bench no falla por ello).`);
  if (failed) process.exitCode = 1;
}

await main();
