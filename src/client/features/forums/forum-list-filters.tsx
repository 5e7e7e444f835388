import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { forumYearsQueryOptions } from './api';
import { forumStatusOptions, platformOptions } from './forum-list-options';
import { forumListSorts, type ForumListParams, type ForumListSort } from './forum-list-params';

const searchDelayMs = 300;

/** Search box (debounced, server-side), year/status/platform filters and the sort order of the forum list. */
export function ForumListFilters({ params, onChange }: { params: ForumListParams; onChange: (changes: Partial<ForumListParams>) => void }) {
  const { t } = useTranslation();
  const years = useQuery(forumYearsQueryOptions());

  // The box shows what the person types; the URL gets it after a pause. When the URL changes from elsewhere
  // (back button, "clear filters"), the box follows it.
  const [search, setSearch] = useState(params.q);
  const [urlSearch, setUrlSearch] = useState(params.q);
  if (params.q !== urlSearch) {
    setUrlSearch(params.q);
    setSearch(params.q);
  }
  const pushSearch = useDebouncedCallback((q: string) => onChange({ q }), searchDelayMs);

  const yearOptions = [...new Set([...(years.data ?? []), ...(params.year ? [params.year] : [])])]
    .sort((a, b) => b - a)
    .map((year) => ({ value: String(year), label: String(year) }));

  const clearLabel = (label: string) => ({ 'aria-label': t('forums.list.clearField', { label }) });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    pushSearch.flush();
  };

  return (
    <form role="search" aria-label={t('forums.list.filtersLabel')} onSubmit={onSubmit}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm" mb="md">
        <TextInput
          type="search"
          label={t('forums.list.search')}
          placeholder={t('forums.list.searchPlaceholder')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            pushSearch(event.currentTarget.value);
          }}
        />
        <Select
          label={t('forums.list.year')}
          placeholder={t('forums.list.allYears')}
          data={yearOptions}
          value={params.year ? String(params.year) : null}
          onChange={(value) => onChange({ year: value ? Number(value) : undefined })}
          clearable
          clearButtonProps={clearLabel(t('forums.list.year'))}
        />
        <Select
          label={t('forums.list.status')}
          placeholder={t('forums.list.allStatuses')}
          data={forumStatusOptions.map((status) => ({ value: status, label: t(`forums.statuses.${status}`) }))}
          value={params.status ?? null}
          onChange={(value) => onChange({ status: forumStatusOptions.find((s) => s === value) })}
          clearable
          clearButtonProps={clearLabel(t('forums.list.status'))}
        />
        <Select
          label={t('forums.list.platform')}
          placeholder={t('forums.list.allPlatforms')}
          data={platformOptions.map((platform) => ({ value: platform, label: t(`forums.platforms.${platform}`) }))}
          value={params.platform ?? null}
          onChange={(value) => onChange({ platform: platformOptions.find((p) => p === value) })}
          clearable
          clearButtonProps={clearLabel(t('forums.list.platform'))}
        />
        <Select
          label={t('forums.list.sort')}
          data={forumListSorts.map((sort) => ({ value: sort.value, label: t(`forums.list.sorts.${sort.key}`) }))}
          value={params.sort}
          onChange={(value) => {
            const sort = forumListSorts.find((s) => s.value === value);
            if (sort) onChange({ sort: sort.value as ForumListSort });
          }}
          allowDeselect={false}
        />
      </SimpleGrid>
    </form>
  );
}
