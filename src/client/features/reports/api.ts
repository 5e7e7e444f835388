import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../lib/http';
import { invalidateAfter } from '../../lib/invalidation';
import { reportKeys } from '../../lib/query-keys';
import { reportListQueryOptions, reportQueryOptions } from '../../lib/shared-queries';
import type {
  ReportComment,
  ReportDataInput,
  ReportDiff,
  ReportOverview,
  ReportRevision,
  ReportSection,
  SectionSaveBody,
} from './report-types';

/** Query keys: all → lists → details → detail(year) → sections → section(year, id) → comments / revisions / diff (lib/query-keys.ts). */
export { reportKeys };

const base = (year: number) => `/api/reports/${year}`;
const sectionPath = (year: number, id: number) => `${base(year)}/sections/${id}`;

/** Read by the start page too (lib/shared-queries.ts). */
export { reportListQueryOptions, reportQueryOptions };

export const sectionQueryOptions = (year: number, id: number) =>
  queryOptions({
    queryKey: reportKeys.section(year, id),
    queryFn: ({ signal }) => api<ReportSection>(sectionPath(year, id), { signal }),
  });

export const commentsQueryOptions = (year: number, id: number) =>
  queryOptions({
    queryKey: reportKeys.comments(year, id),
    queryFn: ({ signal }) => api<{ items: ReportComment[] }>(`${sectionPath(year, id)}/comments`, { signal }).then((r) => r.items),
  });

export const revisionsQueryOptions = (year: number, id: number) =>
  queryOptions({
    queryKey: reportKeys.revisions(year, id),
    queryFn: ({ signal }) => api<{ items: ReportRevision[] }>(`${sectionPath(year, id)}/revisions`, { signal }).then((r) => r.items),
  });

export const diffQueryOptions = (year: number, id: number, from: number, to: number) =>
  queryOptions({
    queryKey: reportKeys.diff(year, id, from, to),
    queryFn: ({ signal }) => api<ReportDiff>(`${sectionPath(year, id)}/diff?from=${from}&to=${to}`, { signal }),
    staleTime: Infinity,
  });

/** A section save; plain function so the autosave can call it outside React. */
export function putSection(year: number, id: number, body: SectionSaveBody) {
  return api<ReportSection>(sectionPath(year, id), { method: 'PUT', body });
}

/** The saved section a 409 answer carries, or null. */
export function sectionConflictFrom(error: unknown): ReportSection | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const current = error.body.current as ReportSection | undefined;
  return current && typeof current === 'object' && typeof current.version === 'number' && typeof current.id === 'number' ? current : null;
}

/** The saved report data a 409 answer to PUT /api/reports/:year carries, or null. */
export function reportConflictFrom(error: unknown): ReportOverview | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const current = error.body.current as ReportOverview | undefined;
  return current && typeof current === 'object' && typeof current.version === 'number' ? current : null;
}

/** After anything that changes a section: its cache, then what else shows it (lib/invalidation.ts). */
export function useSectionSaved(year: number) {
  const queryClient = useQueryClient();
  return (section: ReportSection) => {
    queryClient.setQueryData(reportKeys.section(year, section.id), section);
    return invalidateAfter(queryClient, { kind: 'section', year, sectionId: section.id });
  };
}

export function useCreateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, ...input }: ReportDataInput & { year: number }) => api<ReportOverview>(base(year), { method: 'POST', body: input }),
    onSuccess: (report) => {
      queryClient.setQueryData(reportKeys.detail(report.year), report);
      return invalidateAfter(queryClient, { kind: 'report', year: report.year });
    },
  });
}

export function useUpdateReport(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReportDataInput & { version: number }) => api<ReportOverview>(base(year), { method: 'PUT', body: input }),
    onSuccess: (report) => {
      queryClient.setQueryData(reportKeys.detail(year), report);
      return invalidateAfter(queryClient, { kind: 'report', year });
    },
  });
}

export function useReorderSections(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[]) => api<ReportOverview>(`${base(year)}/sections/order`, { method: 'POST', body: { ids } }),
    onSuccess: (report) => {
      queryClient.setQueryData(reportKeys.detail(year), report);
      return invalidateAfter(queryClient, { kind: 'report', year });
    },
  });
}

export function useAddSection(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (title: string) => api<ReportSection>(`${base(year)}/sections`, { method: 'POST', body: { title, kind: 'free' } }),
    onSuccess: (section) => {
      queryClient.setQueryData(reportKeys.section(year, section.id), section);
      return invalidateAfter(queryClient, { kind: 'sectionList', year });
    },
  });
}

export function useRemoveSection(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(sectionPath(year, id), { method: 'DELETE' }),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: reportKeys.section(year, id) });
      return invalidateAfter(queryClient, { kind: 'sectionList', year });
    },
  });
}

export type ReviewAction = { action: 'submit' } | { action: 'approve' } | { action: 'request-changes'; comment: string; quote?: string };

export function useReviewAction(year: number, id: number) {
  const queryClient = useQueryClient();
  const saved = useSectionSaved(year);
  return useMutation({
    mutationFn: (request: ReviewAction) => {
      const { action, ...body } = request;
      return api<ReportSection>(`${sectionPath(year, id)}/${action}`, { method: 'POST', body });
    },
    // A request for changes writes its comment too.
    onSuccess: (section, request) => Promise.all([saved(section), request.action === 'request-changes' ? invalidateAfter(queryClient, { kind: 'comments', year, sectionId: id }) : null]),
  });
}

export function useAddComment(year: number, id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string; quote?: string; parentId?: number }) =>
      api<ReportComment | { items: ReportComment[] }>(`${sectionPath(year, id)}/comments`, { method: 'POST', body: input }),
    onSuccess: () => invalidateAfter(queryClient, { kind: 'comments', year, sectionId: id }),
  });
}

export function useResolveComment(year: number, id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (commentId: number) => api<unknown>(`${sectionPath(year, id)}/comments/${commentId}/resolve`, { method: 'POST' }),
    onSuccess: () => invalidateAfter(queryClient, { kind: 'comments', year, sectionId: id }),
  });
}

export function useRestoreRevision(year: number, id: number) {
  const saved = useSectionSaved(year);
  return useMutation({
    mutationFn: ({ revisionId, version }: { revisionId: number; version: number }) =>
      api<ReportSection>(`${sectionPath(year, id)}/revisions/${revisionId}/restore`, { method: 'POST', body: { version } }),
    onSuccess: (section) => saved(section),
  });
}
