import { useCallback, useMemo } from 'react';
import { useSearchParams, type NavigateOptions } from 'react-router';
import type { ForumListQuery, ForumStatus, Platform } from '../../../domain/forum';
import { forumStatusOptions, platformOptions } from './forum-list-options';

/** The sort orders offered in the list, as the API spells them, with their catalog key. */
export const forumListSorts = [
  { value: '-date', key: 'dateDesc' },
  { value: 'date', key: 'dateAsc' },
  { value: 'title', key: 'titleAsc' },
  { value: '-title', key: 'titleDesc' },
  { value: '-updatedAt', key: 'updatedDesc' },
] as const;
export type ForumListSort = (typeof forumListSorts)[number]['value'];

export const defaultForumListSort: ForumListSort = '-date';
export const forumListPageSize = 20;

/** What the list shows, read from the URL (so a link or the back button restores it). */
export interface ForumListParams {
  /** The search text as typed (the API query trims it). */
  q: string;
  year: number | undefined;
  status: ForumStatus | undefined;
  platform: Platform | undefined;
  sort: ForumListSort;
  page: number;
}

const isOneOf = <T extends string>(values: readonly T[], value: string | null): value is T => value !== null && (values as readonly string[]).includes(value);

/** Reads the URL leniently: anything unknown or malformed falls back to "no filter", so an old or edited link still opens. */
export function readForumListParams(params: URLSearchParams): ForumListParams {
  const year = params.get('year');
  const status = params.get('status');
  const platform = params.get('platform');
  const sort = params.get('sort');
  const page = Number(params.get('page'));
  return {
    q: params.get('q') ?? '',
    year: year && /^\d{4}$/.test(year) ? Number(year) : undefined,
    status: isOneOf(forumStatusOptions, status) ? status : undefined,
    platform: isOneOf(platformOptions, platform) ? platform : undefined,
    sort: isOneOf(forumListSorts.map((s) => s.value), sort) ? sort : defaultForumListSort,
    page: Number.isInteger(page) && page >= 1 && page <= 100000 ? page : 1,
  };
}

/** The API query for the list. */
export function toForumListQuery(params: ForumListParams): ForumListQuery {
  return {
    q: params.q.trim() || undefined,
    year: params.year,
    status: params.status,
    platform: params.platform,
    sort: params.sort,
    page: params.page,
    pageSize: forumListPageSize,
  };
}

export function hasForumListFilters(params: ForumListParams): boolean {
  return params.q.trim() !== '' || params.year !== undefined || params.status !== undefined || params.platform !== undefined;
}

const filterKeys = ['q', 'year', 'status', 'platform'] as const;

/** The list's state in the URL search params, and setters that keep it tidy (defaults left out, page reset when the filters change). */
export function useForumListParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => readForumListParams(searchParams), [searchParams]);

  const update = useCallback(
    (changes: Partial<ForumListParams>, options?: NavigateOptions) => {
      setSearchParams((previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          const isDefault = value === undefined || value === '' || (key === 'sort' && value === defaultForumListSort) || (key === 'page' && value === 1);
          if (isDefault) next.delete(key);
          else next.set(key, String(value));
        }
        // Another search, filter or order starts again at the first page.
        if (!('page' in changes)) next.delete('page');
        return next;
      }, options);
    },
    [setSearchParams],
  );

  const clearFilters = useCallback(() => {
    setSearchParams((previous) => {
      const next = new URLSearchParams(previous);
      for (const key of [...filterKeys, 'page']) next.delete(key);
      return next;
    });
  }, [setSearchParams]);

  return { params, update, clearFilters };
}

/**
 * The search box against the URL. The box shows what the person types and sends it to the URL after a pause; the
 * URL can also change from elsewhere (back button, a link, «Limpiar filtros»). `pending` remembers the values the box
 * itself sent that the URL has not shown yet, so its own update arriving late is not mistaken for a navigation and
 * does not overwrite letters typed meanwhile.
 */
export interface SearchBoxSync {
  /** What the box shows. */
  shown: string;
  /** The search in the URL as last seen. */
  url: string;
  /** Values the box sent to the URL, oldest first, not yet seen in it. */
  pending: readonly string[];
}

export const initialSearchBoxSync = (url: string): SearchBoxSync => ({ shown: url, url, pending: [] });

/** The box sent `q` to the URL. */
export const searchBoxSent = (sync: SearchBoxSync, q: string): SearchBoxSync => ({ ...sync, pending: [...sync.pending, q] });

/**
 * The URL's search is now `q`. One of the box's own updates arriving: the box keeps what is typed. Anything else
 * (back button, link, cleared filters): the box shows the URL's search and forgets what it had sent.
 */
export function searchBoxSawUrl(sync: SearchBoxSync, q: string): SearchBoxSync {
  if (q === sync.url) return sync;
  const own = sync.pending.indexOf(q);
  if (own >= 0) return { shown: sync.shown, url: q, pending: sync.pending.slice(own + 1) };
  return { shown: q, url: q, pending: [] };
}
