import { Button, Group, Pagination, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatInteger } from '../../lib/format';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useCan } from '../../app/use-current-user';
import { forumListQueryOptions } from './api';
import { ForumListFilters } from './forum-list-filters';
import { hasForumListFilters, toForumListQuery, useForumListParams } from './forum-list-params';
import { ForumListTable } from './forum-list-table';

/** /foros: every forum, searched, filtered, sorted and paged on the server; the state lives in the URL. */
export function ForumListPage() {
  const { t } = useTranslation();
  const canWrite = useCan('writeForums');
  const { params, update, clearFilters } = useForumListParams();
  const list = useQuery(forumListQueryOptions(toForumListQuery(params)));
  const filtered = hasForumListFilters(params);

  const createButton = (label: string) => (
    <Button component={Link} to="/foros/nuevo">
      {label}
    </Button>
  );

  const renderResults = () => {
    if (list.isPending) return <LoadingState label={t('forums.list.loading')} />;
    if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
    const { items, total, page, pageSize } = list.data;
    if (items.length === 0) {
      if (filtered) {
        return (
          <EmptyState
            title={t('forums.list.noResultsTitle')}
            action={
              <Button variant="default" onClick={clearFilters}>
                {t('actions.clearFilters')}
              </Button>
            }
          >
            {t('forums.list.noResultsText')}
          </EmptyState>
        );
      }
      if (total > 0) {
        return (
          <EmptyState
            title={t('forums.list.pageOutOfRange')}
            action={
              <Button variant="default" onClick={() => update({ page: 1 })}>
                {t('forums.list.firstPage')}
              </Button>
            }
          />
        );
      }
      return (
        <EmptyState title={t('forums.list.emptyTitle')} action={canWrite ? createButton(t('forums.list.emptyCreate')) : undefined}>
          {t('forums.list.emptyText')}
        </EmptyState>
      );
    }
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const from = (page - 1) * pageSize + 1;
    const to = from + items.length - 1;
    return (
      <>
        <ForumListTable items={items} busy={list.isPlaceholderData} />
        <Group justify="space-between" mt="md" wrap="wrap" gap="sm">
          <Text size="sm" role="status">
            {t('pagination.summary', { from: formatInteger(from), to: formatInteger(to), total: formatInteger(total) })}
          </Text>
          {pages > 1 && (
            <nav aria-label={t('pagination.label')}>
              <Pagination
                total={pages}
                value={page}
                onChange={(next) => update({ page: next })}
                getItemProps={(n) => ({ 'aria-label': t('forums.list.page', { page: formatInteger(n) }) })}
                getControlProps={(control) => ({
                  'aria-label': {
                    first: t('forums.list.firstPageControl'),
                    previous: t('forums.list.previousPage'),
                    next: t('forums.list.nextPage'),
                    last: t('forums.list.lastPageControl'),
                  }[control],
                })}
              />
            </nav>
          )}
        </Group>
      </>
    );
  };

  return (
    <>
      <PageHeader title={t('forums.title')} subtitle={t('forums.list.subtitle')} actions={canWrite ? createButton(t('forums.newForum')) : undefined} />
      <ForumListFilters params={params} onChange={update} />
      {renderResults()}
    </>
  );
}
