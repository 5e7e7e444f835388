import { Anchor, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { ApiError } from '../../lib/http';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { forumQueryOptions } from '../../lib/shared-queries';
import { useCan } from '../../app/use-current-user';
import { forumMetricsQueryOptions } from './api';
import { MetricsForm } from './metrics-form';
import { MetricsFormReadOnly } from './metrics-form-readonly';
import { MetricsImport } from './metrics-import';
import { routeId } from '../../lib/route-params';
import { ForumNotFound } from '../../ui/forum-not-found';
import { usePersonName } from '../../lib/use-person-name';

// recharts is heavy: the charts load after the figures.
const ForumMetricsCharts = lazy(() => import('./forum-metrics-charts').then((m) => ({ default: m.ForumMetricsCharts })));

/**
 * /foros/:id/metricas: the forum's three metric snapshots, typed or imported (editors) or read (reviewers),
 * checked by the consistency rules, and the charts of the saved figures.
 */
export function MetricsPage() {
  const { t } = useTranslation();
  const personName = usePersonName();
  const id = routeId(useParams().id);
  const canWrite = useCan('writeMetrics');
  const forum = useQuery({ ...forumQueryOptions(id ?? 0), enabled: id !== null });
  const metrics = useQuery({ ...forumMetricsQueryOptions(id ?? 0), enabled: id !== null });
  const [formDirty, setFormDirty] = useState(false);
  // Bumped after an import so the form starts again from the newly saved figures.
  const [formKey, setFormKey] = useState(0);
  // The charts follow newly read figures one render behind (`useDeferredValue`), in a render React can interrupt:
  // a new chart (recharts measures its ticks in the page) is not drawn in the same task as the form started again
  // and the closing dialog (≈ 300 ms together after a Meta import). The form and the import get the saved record at
  // once (the version they save against is never one behind), and the form starts again at once after an import,
  // so nothing typed meanwhile can be thrown away by a late restart.
  const charted = useDeferredValue(metrics.data);
  useDocumentTitle(forum.data ? `${t('metrics.title', { title: forum.data.title })} · ${t('appName')}` : '');

  const notFound = (error: unknown) => error instanceof ApiError && error.status === 404;
  if (id === null || notFound(forum.error) || notFound(metrics.error)) return <ForumNotFound />;
  if (forum.isError) return <ErrorState error={forum.error} onRetry={() => void forum.refetch()} />;
  if (metrics.isError) return <ErrorState error={metrics.error} onRetry={() => void metrics.refetch()} />;
  if (forum.isPending || metrics.isPending) return <LoadingState label={t('metrics.loading')} />;

  const record = metrics.data;
  const chartRecord = charted ?? record;
  return (
    <>
      <Anchor component={Link} to={`/foros/${id}`} size="sm" mb="xs" display="inline-block">
        <span aria-hidden="true">← </span>
        {t('metrics.backToForum')}
      </Anchor>
      <PageHeader
        title={t('metrics.title', { title: forum.data.title })}
        subtitle={
          record.version > 0 && record.updatedAt
            ? t('metrics.savedBy', { version: record.version, who: personName(record.updatedBy), when: formatDateTime(record.updatedAt) })
            : t('metrics.neverSaved')
        }
      />
      <Stack gap="lg" maw={1100}>
        {canWrite ? (
          <>
            <MetricsImport forum={forum.data} saved={record} formDirty={formDirty} onImported={() => setFormKey((k) => k + 1)} />
            <MetricsForm key={formKey} forumId={id} saved={record} forumDate={forum.data.date} onDirtyChange={setFormDirty} />
          </>
        ) : (
          <MetricsFormReadOnly record={record} />
        )}
        <section aria-labelledby="metrics-charts-title">
          <Title order={2} size="h4" id="metrics-charts-title" mb="sm">
            {t('metrics.charts.title')}
          </Title>
          <Suspense fallback={<LoadingState label={t('metrics.charts.loading')} />}>
            <ForumMetricsCharts metrics={{ liveSummary: chartRecord.liveSummary, sincePublication: chartRecord.sincePublication }} />
          </Suspense>
        </section>
      </Stack>
    </>
  );
}
