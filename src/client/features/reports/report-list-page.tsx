import { Anchor, Button, Progress, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { reportListQueryOptions, reportQueryOptions } from './api';
import { ReportDataModal } from './report-data-modal';
import { useReportRoles } from './report-roles';

/** /informes: one report per year with its progress; writers create the next one. */
export function ReportListPage() {
  const { t } = useTranslation();
  const { canWrite } = useReportRoles();
  const list = useQuery(reportListQueryOptions());
  const [creating, setCreating] = useState(false);
  useDocumentTitle(`${t('reports.list.title')} · ${t('appName')}`);

  const items = list.data ?? [];
  const latestYear = items.length > 0 ? Math.max(...items.map((r) => r.year)) : null;
  // The latest report lends its entity, strategy and «Elaboró» to the new one.
  const latest = useQuery({ ...reportQueryOptions(latestYear ?? 0), enabled: creating && latestYear !== null });
  const thisYear = new Date().getFullYear();
  const year = items.some((r) => r.year === thisYear) ? (latestYear ?? thisYear) + 1 : thisYear;
  const defaults = {
    year,
    title: t('reports.form.defaultTitle', { year }),
    entity: latest.data?.entity ?? '',
    strategy: latest.data?.strategy ?? '',
    preparedBy: latest.data?.preparedBy ?? { name: '', role: '', office: '' },
  };

  const createButton = canWrite && (
    <Button onClick={() => setCreating(true)} loading={creating && latest.isFetching}>
      {t('reports.list.create')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('reports.list.title')} subtitle={t('reports.list.subtitle')} actions={createButton} />
      {list.isPending ? (
        <LoadingState label={t('reports.list.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('reports.list.empty')}>{t('reports.list.emptyHint')}</EmptyState>
      ) : (
        <Table striped highlightOnHover maw={900} aria-label={t('reports.list.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reports.list.columns.year')}</Table.Th>
              <Table.Th scope="col">{t('reports.list.columns.title')}</Table.Th>
              <Table.Th scope="col">{t('reports.list.columns.progress')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...items]
              .sort((a, b) => b.year - a.year)
              .map((report) => {
                const label = t('reports.list.progress', { approved: report.approved, total: report.sections });
                return (
                  <Table.Tr key={report.year}>
                    <Table.Td>
                      <Anchor component={Link} to={`/informes/${report.year}`} fw={600} aria-label={t('reports.list.open', { year: report.year })}>
                        {report.year}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{report.title}</Table.Td>
                    <Table.Td miw={220}>
                      <Progress value={report.sections ? (report.approved / report.sections) * 100 : 0} color="teal.9" aria-label={label} mb={4} />
                      <Text size="sm">{label}</Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
          </Table.Tbody>
        </Table>
      )}
      {canWrite && !(creating && latest.isFetching) && <ReportDataModal mode="create" opened={creating} onClose={() => setCreating(false)} defaults={defaults} />}
    </>
  );
}
