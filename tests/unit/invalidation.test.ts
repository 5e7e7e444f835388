import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { invalidateAfter, type ServerWrite } from '../../src/client/lib/invalidation';
import { consultationKeys, exportKeys, forumKeys, metricsDashboardKeys, metricsKeys, reportKeys, userKeys } from '../../src/client/lib/query-keys';

/** Which of these cached queries a write marks stale (lib/invalidation.ts: the server's coupling, for the cache). */
const cached = {
  forumList: forumKeys.list({}),
  forumDetail: forumKeys.detail(1),
  metrics: metricsKeys.detail(1),
  dashboard: metricsDashboardKeys.year(2022),
  consultation: consultationKeys.detail(1),
  reportList: reportKeys.lists(),
  overview2022: reportKeys.detail(2022),
  overview2031: reportKeys.detail(2031),
  statistics2022: reportKeys.section(2022, 6),
  comments2022: reportKeys.comments(2022, 6),
  exportData2022: exportKeys.data(2022),
  users: userKeys.list(),
} as const;

async function staleAfter(write: ServerWrite): Promise<string[]> {
  const queryClient = new QueryClient();
  for (const key of Object.values(cached)) queryClient.setQueryData(key, {});
  await invalidateAfter(queryClient, write);
  return Object.entries(cached)
    .filter(([, key]) => queryClient.getQueryState(key)?.isInvalidated)
    .map(([name]) => name)
    .sort();
}

describe('invalidateAfter', () => {
  it('a forum write: forums, the reports of every year (a forum can change year), their export data, the dashboard, consultations', async () => {
    expect(await staleAfter({ kind: 'forum', forumId: 1 })).toEqual(
      ['comments2022', 'consultation', 'dashboard', 'exportData2022', 'forumList', 'overview2022', 'overview2031', 'reportList', 'statistics2022'].sort(),
    );
  });

  it('a metrics save: the reports (the statistics section), their export data, the dashboard; not the record it answered with', async () => {
    expect(await staleAfter({ kind: 'metrics', forumId: 1 })).toEqual(['comments2022', 'dashboard', 'exportData2022', 'overview2022', 'overview2031', 'reportList', 'statistics2022'].sort());
    expect(await staleAfter({ kind: 'metrics', forumId: 1, imported: true })).toContain('metrics');
  });

  it('a section save: its year’s overview, list and export data; not the section it answered with, nor another year', async () => {
    expect(await staleAfter({ kind: 'section', year: 2022, sectionId: 6 })).toEqual(['exportData2022', 'overview2022', 'reportList']);
  });

  it('an account change touches only the accounts', async () => {
    expect(await staleAfter({ kind: 'user' })).toEqual(['users']);
  });
});
