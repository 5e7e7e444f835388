import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { PublicationSettings, PublicationState } from '../../../domain/publication';
import { api } from '../../lib/http';
import { invalidateAfter } from '../../lib/invalidation';
import { publicationKeys } from '../../lib/query-keys';

/** Query keys: all → years → details → detail(year) (lib/query-keys.ts). */
export { publicationKeys };

const base = (year: number) => `/api/publication/${year}`;

/** The years the office can publish: those with a report (newest first). */
export const publicationYearsQueryOptions = () =>
  queryOptions({
    queryKey: publicationKeys.years(),
    queryFn: ({ signal }) => api<{ items: { year: number; title: string }[] }>('/api/reports', { signal }).then((r) => r.items.map((i) => ({ year: i.year, title: i.title })).sort((a, b) => b.year - a.year)),
  });

export const publicationQueryOptions = (year: number) =>
  queryOptions({
    queryKey: publicationKeys.detail(year),
    queryFn: ({ signal }) => api<PublicationState>(base(year), { signal }),
  });

/** Save the settings with the version they started from (0: the year had none). */
export function useSavePublication(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PublicationSettings & { version: number }) => api<PublicationState>(base(year), { method: 'PUT', body }),
    onSuccess: async (state) => {
      queryClient.setQueryData(publicationKeys.detail(year), state);
      await invalidateAfter(queryClient, { kind: 'publication', year });
    },
  });
}

/** Publish a new frozen version of the approved report. */
export function usePublishReport(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<PublicationState>(`${base(year)}/report`, { method: 'POST', body: {} }),
    onSuccess: async (state) => {
      queryClient.setQueryData(publicationKeys.detail(year), state);
      await invalidateAfter(queryClient, { kind: 'publication', year });
    },
  });
}
