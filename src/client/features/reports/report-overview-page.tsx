import { Anchor, Box, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../lib/http';
import { PageHeader } from '../../ui/page-header';
import { ExportButtons } from './export/export-buttons';
import { OpenDataDownloads } from './export/open-data-downloads';
import { ErrorState, LoadingState } from '../../ui/states';
import { reportQueryOptions } from './api';
import { ReportDataModal } from './report-data-modal';
import { ReportNotFound } from './report-not-found';
import { ReportSectionsTable } from './report-sections-table';
import { routeYear } from '../../lib/route-params';
import { useReportRoles } from './report-roles';

/** /informes/:year: the report's data and progress, what is pending for me, and its sections in order. */
export function ReportOverviewPage() {
  const { t } = useTranslation();
  const year = routeYear(useParams().year);
  const { canWrite } = useReportRoles();
  const report = useQuery({ ...reportQueryOptions(year ?? 0), enabled: year !== null });
  const [editing, setEditing] = useState(false);
  useDocumentTitle(report.data ? `${report.data.title} · ${t('appName')}` : '');

  if (year === null || (report.error instanceof ApiError && report.error.status === 404)) return <ReportNotFound />;
  if (report.isPending) return <LoadingState label={t('reports.overview.loading')} />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;

  const data = report.data;
  const { approved, total } = data.progress;
  const progressText = t('reports.overview.progress', { approved, total });
  const pending = data.pending.forMe;

  return (
    <>
      <Anchor component={Link} to="/informes" size="sm" mb="xs" display="inline-block">
        <span aria-hidden="true">← </span>
        {t('reports.overview.backToList')}
      </Anchor>
      <PageHeader
        title={data.title}
        subtitle={`${t('reports.overview.entity')}: ${data.entity} · ${t('reports.overview.strategy')}: ${data.strategy}`}
        actions={
          <>
            <ExportButtons year={year} />
            <Button component={Link} to={`/informes/${year}/imprimir`} variant="default">
              {t('reports.overview.print')}
            </Button>
            {canWrite && (
              <Button variant="default" onClick={() => setEditing(true)}>
                {t('reports.overview.editData')}
              </Button>
            )}
          </>
        }
      />
      <Box mb="md">
        <OpenDataDownloads year={year} />
      </Box>
      <Stack gap="lg" maw={1200}>
        <Group align="stretch" gap="lg" wrap="wrap">
          <Paper withBorder p="md" radius="md" style={{ flex: '1 1 320px' }}>
            <Text fw={600}>
              {t('reports.overview.progressLabel')}
            </Text>
            <Progress value={total ? (approved / total) * 100 : 0} color="teal.9" size="lg" my="xs" aria-label={`${t('reports.overview.progressLabel')}: ${progressText}`} />
            <Text size="sm">{progressText}</Text>
            <Text size="sm" c="dimmed" mt="xs">
              {t('reports.overview.preparedBy')}: {[data.preparedBy.name, data.preparedBy.role, data.preparedBy.office].filter(Boolean).join(' · ')}
            </Text>
          </Paper>
          <Paper withBorder p="md" radius="md" style={{ flex: '1 1 320px' }} component="section" aria-labelledby="report-pending-title">
            <Title order={2} size="h4" id="report-pending-title" mb="xs">
              {t('reports.overview.pendingTitle')}
            </Title>
            {pending.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('reports.overview.pendingEmpty')}
              </Text>
            ) : (
              <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {pending.map((item) => (
                  <li key={item.sectionId}>
                    <Anchor component={Link} to={`/informes/${year}/secciones/${item.sectionId}`} size="sm">
                      {t('reports.overview.pendingItem', { title: item.title, state: t(`reports.states.${item.state}`) })}
                    </Anchor>
                  </li>
                ))}
              </Stack>
            )}
          </Paper>
        </Group>
        <ReportSectionsTable report={data} canWrite={canWrite} />
      </Stack>
      {canWrite && <ReportDataModal mode="edit" opened={editing} onClose={() => setEditing(false)} report={data} />}
    </>
  );
}
