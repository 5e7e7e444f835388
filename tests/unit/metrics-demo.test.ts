import { describe, expect, it } from 'vitest';
import { demoForums2022 } from '../../src/db/demo-2022';
import { demoMetrics2022 } from '../../src/domain/demo-metrics-2022';
import { forumMetricsInputSchema } from '../../src/domain/metrics';
import { formatCompact, formatDuration, formatMinSec } from '../../src/domain/metrics-format';
import { checkMetrics, hasBlockingIssues } from '../../src/domain/metrics-rules';

describe('2022 demo metrics (seed section 6)', () => {
  it('has one entry per 2022 demo forum, keyed by its date', () => {
    expect(Object.keys(demoMetrics2022).sort()).toEqual(demoForums2022.map((f) => f.date).sort());
  });

  it.each(Object.entries(demoMetrics2022))('%s is valid and unchanged by the schema', (_date, metrics) => {
    const result = forumMetricsInputSchema.safeParse(metrics);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(metrics);
  });

  // No rule fires on the seed at all: no block and, as of this reading, no warning either. The checks that
  // come closest: rule 6 cannot be complete (the post cards show no shares; reactions + comments stay below
  // the interactions), rule 8 is skipped for Causas Ciudadanas (3-second viewers unreadable).
  it.each(Object.entries(demoMetrics2022))('%s passes every blocking rule (and raises no warning)', (_date, metrics) => {
    const issues = checkMetrics(metrics);
    expect(hasBlockingIssues(issues)).toBe(false);
    expect(issues).toEqual([]);
  });

  it('prints the figures as the seed shows them', () => {
    const pp = demoMetrics2022['2022-06-22'];
    expect(formatDuration(pp.liveSummary!.broadcastSeconds!.value)).toBe('01:11:33');
    expect(formatDuration(pp.liveSummary!.totalWatchSeconds!.value)).toBe('09:09:57');
    expect(formatMinSec(pp.liveSummary!.avgWatchSeconds!.value)).toBe('2:42');
    expect(pp.sincePublication!.totalWatchSeconds!.value / 60).toBe(627);
    const mipg = demoMetrics2022['2022-07-29'];
    expect(formatMinSec(mipg.liveSummary!.broadcastSeconds!.value)).toBe('56:39');
    expect(formatDuration(mipg.liveSummary!.totalWatchSeconds!.value)).toBe('19:13:05');
    expect(formatCompact(mipg.sincePublication!.totalWatchSeconds!.value / 60)).toBe('1,7 mil');
    expect(mipg.sincePublication!.totalWatchSeconds!.approximate).toBe(true);
    const causas = demoMetrics2022['2022-09-07'];
    expect(formatMinSec(causas.liveSummary!.broadcastSeconds!.value)).toBe('42:34');
    expect(formatDuration(causas.liveSummary!.totalWatchSeconds!.value)).toBe('13:27:27');
    expect(formatCompact(causas.sincePublication!.totalWatchSeconds!.value / 60)).toBe('1,1 mil');
    expect(causas.postCard!.reactions).toBeNull();
    expect(causas.sincePublication!.viewers3s).toBeNull();
  });

  it('keeps the seed’s pictures (daily views, live curve, retention) empty', () => {
    for (const m of Object.values(demoMetrics2022)) {
      expect(m.liveSummary!.liveViewersCurve).toEqual([]);
      expect(m.sincePublication!.dailyViews).toEqual([]);
      expect(m.sincePublication!.retentionCurve).toEqual([]);
    }
  });
});
