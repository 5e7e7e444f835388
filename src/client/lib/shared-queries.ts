import { queryOptions } from '@tanstack/react-query';
import type { Forum, ForumPage } from '../../domain/forum';
import type { ForumMetricsRecord, YearMetrics } from '../../domain/metrics-update';
import type { ReportListItem, ReportOverview } from '../../domain/report';
import { api } from './http';
import { forumKeys, metricsDashboardKeys, metricsKeys, reportKeys, sessionKeys } from './query-keys';
import { fetchSessionUser } from './session-user';

/**
 * The queries more than one feature reads (a feature never imports another one: eslint.config.js). Each feature's
 * `api.ts` re-exports those that are its own; another feature imports them from here.
 */

/** Who is logged in, or null. A 401 is an answer ("nobody"), not an error. */
export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.all,
    queryFn: fetchSessionUser,
    staleTime: 5 * 60_000,
  });

/** The years that have forums (the year pickers). */
export const forumYearsQueryOptions = () =>
  queryOptions({
    queryKey: forumKeys.years(),
    queryFn: ({ signal }) => api<{ items: number[] }>('/api/forums/years', { signal }).then((r) => r.items),
  });

/** The newest forums (up to 100), for a forum picker (a commitment's forum, the forum of every imported question). */
export const forumChoicesQueryOptions = () =>
  queryOptions({
    queryKey: forumKeys.list({ pageSize: 100, sort: '-date' }),
    queryFn: ({ signal }) => api<ForumPage>('/api/forums?pageSize=100&sort=-date', { signal }),
  });

export const forumQueryOptions = (id: number) =>
  queryOptions({
    queryKey: forumKeys.detail(id),
    queryFn: ({ signal }) => api<Forum>(`/api/forums/${id}`, { signal }),
  });

/** GET /api/forums/:id/metrics (version 0 and every snapshot null when never saved); also the answer of a save. */
export type ForumMetricsResponse = ForumMetricsRecord;

export const forumMetricsQueryOptions = (forumId: number) =>
  queryOptions({
    queryKey: metricsKeys.detail(forumId),
    queryFn: ({ signal }) => api<ForumMetricsResponse>(`/api/forums/${forumId}/metrics`, { signal }),
  });

/** GET /api/metrics?year=YYYY: the year's forums in date order, the previous year's when it has any. */
export const yearMetricsQueryOptions = (year: number) =>
  queryOptions({
    queryKey: metricsDashboardKeys.year(year),
    queryFn: ({ signal }) => api<YearMetrics>(`/api/metrics?year=${year}`, { signal }),
  });

export const reportListQueryOptions = () =>
  queryOptions({
    queryKey: reportKeys.lists(),
    queryFn: ({ signal }) => api<{ items: ReportListItem[] }>('/api/reports', { signal }).then((r) => r.items),
  });

export const reportQueryOptions = (year: number) =>
  queryOptions({
    queryKey: reportKeys.detail(year),
    queryFn: ({ signal }) => api<ReportOverview>(`/api/reports/${year}`, { signal }),
  });
