import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/http';
import { exportDataQueryOptions, recordFinalExport, saveFile } from './api';

/**
 * «Descargar Word»: builds the .docx in the browser from the same src/export code the server uses (document model,
 * SVG charts, resvg-wasm, docx), so it works in mock mode too. docx, resvg and the font load only on the click.
 * A final export (every section approved) is recorded on the server with the file's SHA-256.
 */
export function ExportButtons({ year }: { year: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  async function downloadWord() {
    setBusy(true);
    try {
      const [data, { exportReportDocx }, { browserRasterizer }, { docxMediaType }] = await Promise.all([
        queryClient.fetchQuery({ ...exportDataQueryOptions(year), staleTime: 0 }),
        import('../../../export/export-report'),
        import('../../../export/browser-rasterizer'),
        import('../../../export/docx'),
      ]);
      const result = await exportReportDocx(data, { rasterize: browserRasterizer(), generatedAt: new Date().toISOString() });
      saveFile(new Blob([result.bytes as Uint8Array<ArrayBuffer>], { type: docxMediaType }), result.fileName);
      notifications.show({ color: 'green', message: t('export.wordReady', { file: result.fileName }) });
      if (!result.document.draft) {
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
    <Button onClick={() => void downloadWord()} loading={busy} loaderProps={{ type: 'dots' }} aria-busy={busy}>
      {busy ? t('export.building') : t('export.downloadWord')}
    </Button>
  );
}
