import { describe, expect, it } from 'vitest';
import { toFieldIssues } from '../../src/domain/common';
import { emptyLiveSummary, emptySincePublication, forumMetricsInputSchema, metricsLimits, postCardSchema, sincePublicationSchema } from '../../src/domain/metrics';
import { forumMetricsUpdateSchema } from '../../src/domain/metrics-update';

const issues = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) => {
  const result = schema.safeParse(value) as ReturnType<typeof postCardSchema.safeParse>;
  return result.success ? [] : toFieldIssues(result.error);
};

describe('metric snapshot schemas', () => {
  it('fills omitted figures with null and omitted series with []', () => {
    const card = postCardSchema.parse({ source: 'manual', asOf: '2022-10-20', plays: { value: 236, approximate: false } });
    expect(card).toEqual({ source: 'manual', asOf: '2022-10-20', plays: { value: 236, approximate: false }, reactions: null, comments: null, shares: null, reach: null, interactions: null, views3s: null });
    expect(emptyLiveSummary('2022-06-22').liveViewersCurve).toEqual([]);
    expect(emptySincePublication('2022-10-20')).toMatchObject({ dailyViews: [], retentionCurve: [], views3s: null });
  });

  it('keeps approximate figures with their margin', () => {
    const since = sincePublicationSchema.parse({ source: 'manual', asOf: '2022-10-20', totalWatchSeconds: { value: 102000, approximate: true, margin: 3000 } });
    expect(since.totalWatchSeconds).toEqual({ value: 102000, approximate: true, margin: 3000 });
  });

  it.each([
    ['negative', { value: -1, approximate: false }],
    ['decimal', { value: 1.5, approximate: false }],
    ['too large', { value: metricsLimits.count + 1, approximate: false }],
    ['a string', '236'],
  ])('refuses a %s figure with a Spanish message', (_label, plays) => {
    expect(issues(postCardSchema, { source: 'manual', asOf: '2022-10-20', plays })).toEqual([
      { path: expect.stringMatching(/^plays/), message: expect.stringMatching(/número entero|objeto|no es válido/) },
    ]);
  });

  it('refuses a margin on an exact figure, unknown fields, a bad source and a bad date', () => {
    expect(issues(postCardSchema, { source: 'manual', asOf: '2022-10-20', plays: { value: 1, approximate: false, margin: 5 } })).toEqual([
      { path: 'plays.margin', message: 'Solo una cifra aproximada puede tener margen.' },
    ]);
    expect(issues(postCardSchema, { source: 'excel', asOf: '2022-02-30', likes: 3 }).map((i) => i.path).sort()).toEqual(['asOf', 'likes', 'source']);
  });

  it('requires ordered, unique series points within the limits', () => {
    const base = { source: 'manual', asOf: '2022-10-20' };
    expect(issues(sincePublicationSchema, { ...base, dailyViews: [{ date: '2022-06-23', views: 3 }, { date: '2022-06-22', views: 1 }] })).toEqual([
      { path: 'dailyViews.1.date', message: 'Las fechas de la serie diaria deben ir en orden y sin repetirse.' },
    ]);
    expect(issues(sincePublicationSchema, { ...base, dailyViews: [{ date: '2022-10-21', views: 3 }] })).toEqual([
      { path: 'dailyViews.0.date', message: 'La serie diaria no puede tener fechas posteriores a la fecha de corte.' },
    ]);
    expect(issues(sincePublicationSchema, { ...base, retentionCurve: [{ interval: 0, percent: 1001 }] })[0].path).toBe('retentionCurve.0.percent');
    const tooMany = Array.from({ length: metricsLimits.seriesPoints + 1 }, (_, minute) => ({ minute, viewers: 1 }));
    expect(issues(forumMetricsInputSchema, { postCard: null, sincePublication: null, liveSummary: { source: 'manual', asOf: '2022-06-22', liveViewersCurve: tooMany } })).toEqual([
      { path: 'liveSummary.liveViewersCurve', message: 'Máximo 100.000 puntos en la serie.' },
    ]);
    const unordered = [{ minute: 1, viewers: 1 }, { minute: 1, viewers: 2 }];
    expect(issues(forumMetricsInputSchema, { postCard: null, sincePublication: null, liveSummary: { source: 'manual', asOf: '2022-06-22', liveViewersCurve: unordered } })[0].path).toBe('liveSummary.liveViewersCurve.1.minute');
  });

  it('needs every snapshot key (null when not taken) and a version to update', () => {
    expect(issues(forumMetricsInputSchema, { postCard: null, liveSummary: null, sincePublication: null })).toEqual([]);
    expect(issues(forumMetricsInputSchema, { postCard: null }).map((i) => i.path).sort()).toEqual(['liveSummary', 'sincePublication']);
    expect(issues(forumMetricsUpdateSchema, { postCard: null, liveSummary: null, sincePublication: null }).map((i) => i.path)).toEqual(['version']);
    expect(issues(forumMetricsUpdateSchema, { postCard: null, liveSummary: null, sincePublication: null, version: 3 })).toEqual([]);
  });
});
