import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/http';
import type { ReportExportData } from '../../../../export/export-data';
import { inWorkerOrHere } from '../../../lib/worker-or-here';
import { useCan } from '../../../app/use-current-user';
import { exportDataQueryOptions, fetchNamedFile, recordFinalExport, saveFile } from './api';
import type { BuiltWord } from './word-build';

/** Builds the .docx in a Web Worker (the page keeps answering); on this thread where there is none (jsdom). */
async function buildWordOffThread(data: ReportExportData, generatedAt: string): Promise<BuiltWord> {
  const outcome = await inWorkerOrHere<{ ok: true; word: BuiltWord } | { ok: false; message: string }>(
    () => new Worker(new URL('./word-worker.ts', import.meta.url), { type: 'module' }),
    { data, generatedAt },
    async () => ({ ok: true, word: await (await import('./word-build')).buildWord(data, generatedAt) }),
  );
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.word;
}

/**
 * «Descargar Word»: builds the .docx in the browser from the same src/export code the server uses (document model,
 * SVG charts, resvg-wasm, docx), so it works in mock mode too, in a Web Worker so the page keeps answering.
 * docx, resvg and the font load only on the click. A final export (every section approved) by a role that
 * exports final documents (admin, editor) is recorded on the server with the file's SHA-256; a reviewer's
 * download of the same file is a copy for reading, not recorded.
 */
export function ExportButtons({ year }: { year: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const recordsFinal = useCan('exportFinalReports');

  async function downloadWord() {
    setBusy(true);
    try {
      const data = await queryClient.fetchQuery({ ...exportDataQueryOptions(year), staleTime: 0 });
      const result = await buildWordOffThread(data, new Date().toISOString());
      saveFile(new Blob([result.bytes], { type: result.mediaType }), result.fileName);
      notifications.show({ color: 'green', message: t('export.wordReady', { file: result.fileName }) });
      if (!result.draft && recordsFinal) {
        await recordFinalExport(year, { sha256: result.sha256, bytes: result.bytes.length, fileName: result.fileName });
        notifications.show({ color: 'green', message: t('export.wordFinalRecorded', { hash: result.sha256.slice(0, 12) }) });
      }
    } catch (error) {
      notifications.show({ color: 'red', title: t('export.wordFailed'), message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button onClick={() => void downloadWord()} loading={busy} loaderProps={{ type: 'dots' }} aria-busy={busy}>
        {busy ? t('export.building') : t('export.downloadWord')}
      </Button>
      <PdfButton year={year} />
    </>
  );
}

/**
 * «Descargar PDF»: the report as it stands, as a PDF the server builds (GET /api/reports/:year/export.pdf, pdfkit:
 * the same document model and charts as the Word file; a draft is marked «BORRADOR»). A download for reading,
 * never recorded. Where the API has no PDF generator (the browser mock, the static demo) it says so (503).
 */
export function PdfButton({ year }: { year: number }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  async function downloadPdf() {
    setBusy(true);
    try {
      const { blob, fileName } = await fetchNamedFile(`/api/reports/${year}/export.pdf`, `informe-${year}.pdf`);
      saveFile(blob, fileName);
      notifications.show({ color: 'green', message: t('export.pdfReady', { file: fileName }) });
    } catch (error) {
      notifications.show({ color: 'red', title: t('export.pdfFailed'), message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button variant="default" onClick={() => void downloadPdf()} loading={busy} loaderProps={{ type: 'dots' }} aria-busy={busy}>
      {busy ? t('export.building') : t('export.downloadPdf')}
    </Button>
  );
}
