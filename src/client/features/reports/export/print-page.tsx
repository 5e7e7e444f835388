import { Alert, Anchor, Box, Button, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { routeYear } from '../../../lib/route-params';
import { reportDocumentOf } from '../../../../export/export-data';
import { ApiError } from '../../../lib/http';
import { ErrorState, LoadingState } from '../../../ui/states';
import { exportDataQueryOptions } from './api';
import { OpenDataDownloads } from './open-data-downloads';
import { ExportButtons } from './export-buttons';
import { ReportPrintDocument } from './report-print-document';
import './print.css';

/**
 * /informes/:year/imprimir: the whole report as one printable page (A4, margins, each section on a new page,
 * charts as SVG, «BORRADOR» on every page of a draft), outside the app's layout so nothing else prints.
 * «Descargar PDF» downloads the server's PDF (export-buttons.tsx); «Imprimir» opens the browser's print dialog; the
 * toolbar does not print.
 */
export function PrintPage() {
  const { t } = useTranslation();
  const params = useParams();
  const year = routeYear(params.year);
  const data = useQuery({ ...exportDataQueryOptions(year ?? 0), enabled: year !== null });
  const [generatedAt] = useState(() => new Date().toISOString());
  const model = useMemo(() => (data.data ? reportDocumentOf(data.data, generatedAt) : null), [data.data, generatedAt]);

  useEffect(() => {
    if (model) document.title = t('export.printTitle', { title: model.title });
  }, [model, t]);

  if (year === null || (data.error instanceof ApiError && data.error.status === 404)) {
    return (
      <main className="print-screen">
        <ErrorState message={t('export.notFound', { year: params.year ?? '' })} />
      </main>
    );
  }
  if (data.isPending) return <LoadingState label={t('export.loading')} />;
  if (data.isError || !model) return <ErrorState error={data.error} onRetry={() => data.refetch()} />;

  return (
    <div className="print-screen">
      <aside className="print-toolbar" aria-label={t('export.toolbar')}>
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Anchor component={Link} to={`/informes/${year}`}>
            <span aria-hidden="true">← </span>
            {t('export.backToReport')}
          </Anchor>
          <Group gap="sm" wrap="wrap">
            <ExportButtons year={year} />
            <Button variant="default" onClick={() => window.print()}>
              {t('export.print')}
            </Button>
          </Group>
        </Group>
        <Text size="sm" c="dimmed" mt={4}>
          {t('export.pdfHint')}
        </Text>
        {model.draft && (
          <Alert color="red.9" variant="outline" mt="sm" title={t('export.draftBanner')}>
            {model.pendingSections.map((p) => p.text).join(' · ')}
          </Alert>
        )}
        <Box mt="sm">
          <OpenDataDownloads year={year} />
        </Box>
      </aside>
      <main id="contenido">
        <ReportPrintDocument document={model} />
      </main>
    </div>
  );
}
