import { Anchor, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { lazy, memo, startTransition, Suspense, useCallback, useDeferredValue, useState } from 'react';
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
// Rendered again only when their own props change (see `shown` below).
const SavedMetricsForm = memo(MetricsForm);
const SavedMetricsImport = memo(MetricsImport);

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
  const restartForm = useCallback(() => startTransition(() => setFormKey((k) => k + 1)), []);
  // The page follows newly read figures (after an import or a save) in a render React can interrupt: the form, its
  // checks and a new chart (recharts measures its ticks in the page) are drawn a piece at a time, and the page keeps
  // answering meanwhile (one render of all of it at once held the main thread ≈ 300 ms after a Meta import).
  const shown = useDeferredValue(metrics.data);
  useDocumentTitle(forum.data ? `${t('metrics.title', { title: forum.data.title })} · ${t('appName')}` : '');

  const notFound = (error: unknown) => error instanceof ApiError && error.status === 404;
  if (id === null || notFound(forum.error) || notFound(metrics.error)) return <ForumNotFound />;
  if (forum.isError) return <ErrorState error={forum.error} onRetry={() => void forum.refetch()} />;
  if (metrics.isError) return <ErrorState error={metrics.error} onRetry={() => void metrics.refetch()} />;
  if (forum.isPending || metrics.isPending) return <LoadingState label={t('metrics.loading')} />;

  const record = shown ?? metrics.data;
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
            <SavedMetricsImport forum={forum.data} saved={record} formDirty={formDirty} onImported={restartForm} />
            <SavedMetricsForm key={formKey} forumId={id} saved={record} forumDate={forum.data.date} onDirtyChange={setFormDirty} />
          </>
        ) : (
          <MetricsFormReadOnly record={record} />
        )}
        <section aria-labelledby="metrics-charts-title">
          <Title order={2} size="h4" id="metrics-charts-title" mb="sm">
            {t('metrics.charts.title')}
          </Title>
          <Suspense fallback={<LoadingState label={t('metrics.charts.loading')} />}>
            <ForumMetricsCharts metrics={{ liveSummary: record.liveSummary, sincePublication: record.sincePublication }} />
          </Suspense>
        </section>
      </Stack>
    </>
  );
}
