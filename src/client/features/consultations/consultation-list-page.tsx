import { Anchor, Button, Select, Table, VisuallyHidden } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatInteger, formatShortDate } from '../../lib/format';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { consultationListQueryOptions } from './api';
import { ConsultationStatusBadge } from './consultation-status-badge';
import { useCanWriteConsultations } from './use-can-write-consultations';
import { WideTable } from '../../ui/wide-table';

/** `?vigencia=2024` → 2024; anything else → undefined (every year). */
function yearParam(value: string | null): number | undefined {
  if (!value || !/^\d{4}$/.test(value)) return undefined;
  const year = Number(value);
  return year >= 2000 && year <= 2100 ? year : undefined;
}

/** /consultas: the consultations, newest year first, with status, period, topics and responses. */
export function ConsultationListPage() {
  const { t } = useTranslation();
  const canWrite = useCanWriteConsultations();
  const [searchParams, setSearchParams] = useSearchParams();
  const year = yearParam(searchParams.get('vigencia'));
  const all = useQuery(consultationListQueryOptions());
  const list = useQuery({ ...consultationListQueryOptions(year), enabled: year !== undefined });
  const shown = year === undefined ? all : list;
  useDocumentTitle(`${t('consultations.title')} · ${t('appName')}`);

  const years = [...new Set([...(all.data ?? []).map((c) => c.year), ...(year ? [year] : [])])].sort((a, b) => b - a).map(String);
  const createButton = (label: string) => (
    <Button component={Link} to="/consultas/nueva">
      {label}
    </Button>
  );

  const renderBody = () => {
    if (shown.isPending) return <LoadingState label={t('consultations.list.loading')} />;
    if (shown.isError) return <ErrorState error={shown.error} onRetry={() => void shown.refetch()} />;
    const items = [...shown.data].sort((a, b) => b.year - a.year || b.openDate.localeCompare(a.openDate) || b.id - a.id);
    if (items.length === 0) {
      if (year !== undefined) return <EmptyState title={t('consultations.list.emptyYearTitle', { year })} />;
      return (
        <EmptyState title={t('consultations.list.emptyTitle')} action={canWrite ? createButton(t('consultations.list.emptyCreate')) : undefined}>
          {t('consultations.list.emptyText')}
        </EmptyState>
      );
    }
    return (
      <WideTable label={t('consultations.list.caption')} minWidth={760}>
        <Table striped verticalSpacing="sm">
          <VisuallyHidden component="caption">{t('consultations.list.caption')}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('consultations.list.columns.year')}</Table.Th>
              <Table.Th scope="col">{t('consultations.list.columns.title')}</Table.Th>
              <Table.Th scope="col">{t('consultations.list.columns.period')}</Table.Th>
              <Table.Th scope="col">{t('consultations.list.columns.status')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('consultations.list.columns.topics')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('consultations.list.columns.responses')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.year}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/consultas/${c.id}`} fw={600}>
                    {c.title}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{t('consultations.list.period', { from: formatShortDate(c.openDate), to: formatShortDate(c.closeDate) })}</Table.Td>
                <Table.Td>
                  <ConsultationStatusBadge status={c.status} />
                </Table.Td>
                <Table.Td ta="right">{formatInteger(c.topicCount)}</Table.Td>
                <Table.Td ta="right">{formatInteger(c.responseCount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
    );
  };

  return (
    <>
      <PageHeader title={t('consultations.title')} subtitle={t('consultations.subtitle')} actions={canWrite ? createButton(t('consultations.newConsultation')) : undefined} />
      {years.length > 1 && (
        <Select
          label={t('consultations.list.year')}
          placeholder={t('consultations.list.allYears')}
          data={years}
          value={year ? String(year) : null}
          onChange={(value) => setSearchParams(value ? { vigencia: value } : {})}
          clearable
          clearButtonProps={{ 'aria-label': t('consultations.list.clearYear') }}
          w={220}
          mb="md"
        />
      )}
      {renderBody()}
    </>
  );
}
