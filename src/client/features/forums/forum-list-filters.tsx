import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { forumYearsQueryOptions } from './api';
import { forumStatusOptions, platformOptions } from './forum-list-options';
import { forumListSorts, initialSearchBoxSync, searchBoxSawUrl, searchBoxSent, type ForumListParams, type ForumListSort } from './forum-list-params';

const searchDelayMs = 300;

/**
 * Search box (debounced, server-side), year/status/platform filters and the sort order of the forum list. The
 * filters are the browser's own selects: keyboard and screen readers know them, and /foros does not load the
 * floating dropdown (Mantine's Select and floating-ui, ~28 KB gzip) before its first list. «Todas…» clears one.
 */
export function ForumListFilters({ params, onChange }: { params: ForumListParams; onChange: (changes: Partial<ForumListParams>) => void }) {
  const { t } = useTranslation();
  const years = useQuery(forumYearsQueryOptions());

  // The box shows what the person types; the URL gets it after a pause. When the URL changes from elsewhere
  // (back button, "clear filters"), the box follows it; its own update arriving late does not overwrite what was
  // typed meanwhile (see SearchBoxSync).
  const [sync, setSync] = useState(() => initialSearchBoxSync(params.q));
  if (params.q !== sync.url) setSync(searchBoxSawUrl(sync, params.q));
  const pushSearch = useDebouncedCallback((q: string) => {
    setSync((current) => searchBoxSent(current, q));
    onChange({ q });
  }, searchDelayMs);

  const yearOptions = [...new Set([...(years.data ?? []), ...(params.year ? [params.year] : [])])]
    .sort((a, b) => b - a)
    .map((year) => ({ value: String(year), label: String(year) }));

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
          value={sync.shown}
          onChange={(event) => {
            const text = event.currentTarget.value;
            setSync((current) => ({ ...current, shown: text }));
            pushSearch(text);
          }}
        />
        <NativeSelect
          label={t('forums.list.year')}
          data={[{ value: '', label: t('forums.list.allYears') }, ...yearOptions]}
          value={params.year ? String(params.year) : ''}
          onChange={(event) => onChange({ year: event.currentTarget.value ? Number(event.currentTarget.value) : undefined })}
        />
        <NativeSelect
          label={t('forums.list.status')}
          data={[{ value: '', label: t('forums.list.allStatuses') }, ...forumStatusOptions.map((status) => ({ value: status, label: t(`forums.statuses.${status}`) }))]}
          value={params.status ?? ''}
          onChange={(event) => onChange({ status: forumStatusOptions.find((s) => s === event.currentTarget.value) })}
        />
        <NativeSelect
          label={t('forums.list.platform')}
          data={[{ value: '', label: t('forums.list.allPlatforms') }, ...platformOptions.map((platform) => ({ value: platform, label: t(`forums.platforms.${platform}`) }))]}
          value={params.platform ?? ''}
          onChange={(event) => onChange({ platform: platformOptions.find((p) => p === event.currentTarget.value) })}
        />
        <NativeSelect
          label={t('forums.list.sort')}
          data={forumListSorts.map((sort) => ({ value: sort.value, label: t(`forums.list.sorts.${sort.key}`) }))}
          value={params.sort}
          onChange={(event) => {
            const sort = forumListSorts.find((s) => s.value === event.currentTarget.value);
            if (sort) onChange({ sort: sort.value as ForumListSort });
          }}
        />
      </SimpleGrid>
    </form>
  );
}
