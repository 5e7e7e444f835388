import { Anchor, Badge, Button, Group, Progress, Select, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { effectiveStatuses, type CommitmentListQuery, type EffectiveStatus } from '../../../domain/commitment';
import { formatCount } from '../../../domain/metrics-format';
import { formatShortDate } from '../../lib/format';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { WideTable } from '../../ui/wide-table';
import { commitmentListQueryOptions } from './api';
import { CommitmentStatusBadge } from './commitment-status-badge';
import { useCanWriteCommitments } from './use-can-write';

/** The filters live in the URL (?vigencia=2022&estado=overdue&area=…&pagina=2), so a filtered list can be shared. */
function readFilters(params: URLSearchParams): CommitmentListQuery {
  const year = params.get('vigencia');
  const status = params.get('estado');
  const page = params.get('pagina');
  return {
    year: year && /^\d{4}$/.test(year) ? Number(year) : undefined,
    status: status && (effectiveStatuses as readonly string[]).includes(status) ? (status as EffectiveStatus) : undefined,
    area: params.get('area') || undefined,
    forumId: /^[1-9]\d{0,15}$/.test(params.get('foro') ?? '') ? Number(params.get('foro')) : undefined,
    page: page && /^[1-9]\d{0,4}$/.test(page) ? Number(page) : undefined,
  };
}

/** /compromisos: every commitment across years, due date first, with filters; overdue ones marked. */
export function CommitmentListPage() {
  const { t } = useTranslation();
  const canWrite = useCanWriteCommitments();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const list = useQuery(commitmentListQueryOptions(filters));
  useDocumentTitle(`${t('commitments.title')} · ${t('appName')}`);
  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('pagina');
    setParams(next);
  };
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - 2019 }, (_, i) => String(thisYear + 1 - i));

  const body = () => {
    if (list.isPending) return <LoadingState label={t('commitments.list.loading')} />;
    if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
    const { items, total, page, pageSize } = list.data;
    if (items.length === 0) return <EmptyState title={t('commitments.list.emptyTitle')}>{t('commitments.list.emptyText')}</EmptyState>;
    const pages = Math.ceil(total / pageSize);
    const goTo = (n: number) => {
      const next = new URLSearchParams(params);
      next.set('pagina', String(n));
      setParams(next);
    };
    return (
      <>
        <Text size="sm" mb="xs" role="status">
          {t('commitments.list.total', { count: total, formatted: formatCount(total) })}
        </Text>
        <WideTable label={t('commitments.list.caption')} minWidth={900}>
          <Table striped verticalSpacing="sm">
            <VisuallyHidden component="caption">{t('commitments.list.caption')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                {(['id', 'text', 'forum', 'area', 'due', 'status', 'progress'] as const).map((c) => (
                  <Table.Th key={c} scope="col">
                    {t(`commitments.list.columns.${c}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.id}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/compromisos/${c.id}`} fw={600}>
                      {c.text}
                    </Anchor>
                    {c.illustrative && (
                      <Badge ml="xs" variant="outline" color="grape.9" tt="none">
                        {t('commitments.illustrative')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{c.forumTitle}</Table.Td>
                  <Table.Td>{c.area}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }} c={c.effectiveStatus === 'overdue' ? 'red.9' : undefined} fw={c.effectiveStatus === 'overdue' ? 700 : undefined}>
                    {formatShortDate(c.dueDate)}
                  </Table.Td>
                  <Table.Td>
                    <CommitmentStatusBadge status={c.effectiveStatus} />
                  </Table.Td>
                  <Table.Td miw={120}>
                    <Group gap={6} wrap="nowrap">
                      <Progress value={c.progress} w={60} aria-hidden />
                      <Text size="sm">{c.progress} %</Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
        {pages > 1 && (
          <Group mt="sm" gap="xs">
            <Button variant="default" size="xs" disabled={page <= 1} onClick={() => goTo(page - 1)}>
              {t('commitments.list.previous')}
            </Button>
            <Text size="sm">{t('pagination.summary', { from: (page - 1) * pageSize + 1, to: Math.min(total, page * pageSize), total })}</Text>
            <Button variant="default" size="xs" disabled={page >= pages} onClick={() => goTo(page + 1)}>
              {t('commitments.list.next')}
            </Button>
          </Group>
        )}
      </>
    );
  };

  return (
    <>
      <PageHeader
        title={t('commitments.title')}
        subtitle={t('commitments.subtitle')}
        actions={
          canWrite ? (
            <Group gap="xs">
              <Button component={Link} to={filters.forumId ? `/compromisos/nuevo?foro=${filters.forumId}` : '/compromisos/nuevo'}>
                {t('commitments.newCommitment')}
              </Button>
              <Button component={Link} to="/compromisos/importar" variant="default">
                {t('commitments.importProgress')}
              </Button>
            </Group>
          ) : undefined
        }
      />
      <Group gap="sm" mb="md" align="end">
        <Select
          label={t('commitments.filters.year')}
          placeholder={t('commitments.filters.all')}
          data={years}
          value={filters.year ? String(filters.year) : null}
          onChange={(v) => setFilter('vigencia', v)}
          clearable
          clearButtonProps={{ 'aria-label': t('commitments.filters.clearYear') }}
          w={160}
        />
        <Select
          label={t('commitments.filters.status')}
          placeholder={t('commitments.filters.all')}
          data={effectiveStatuses.map((s) => ({ value: s, label: t(`commitments.statuses.${s}`) }))}
          value={filters.status ?? null}
          onChange={(v) => setFilter('estado', v)}
          clearable
          clearButtonProps={{ 'aria-label': t('commitments.filters.clearStatus') }}
          w={180}
        />
        <Select
          label={t('commitments.filters.area')}
          placeholder={t('commitments.filters.all')}
          data={[...new Set([...(list.data?.areas ?? []), ...(filters.area ? [filters.area] : [])])]}
          value={filters.area ?? null}
          onChange={(v) => setFilter('area', v)}
          clearable
          clearButtonProps={{ 'aria-label': t('commitments.filters.clearArea') }}
          w={260}
        />
      </Group>
      {body()}
    </>
  );
}
