import { describe, expect, it } from 'vitest';
import { demoMetrics2022 } from '../../src/domain/demo-metrics-2022';
import { exact, type ForumMetricsInput } from '../../src/domain/metrics';
import { mergeImportedMetrics, metricsImportMergeMessages } from '../../src/domain/metrics-import-merge';
import { sameForumMetrics } from '../../src/domain/metrics-update';

const none: ForumMetricsInput = { postCard: null, liveSummary: null, sincePublication: null };
const saved = demoMetrics2022['2022-06-22'];

describe('mergeImportedMetrics: «Fecha de corte» of an import (issue 10, item 3)', () => {
  it('keeps each snapshot’s saved date when the file gives none', () => {
    const result = mergeImportedMetrics(saved, { values: { sincePublication: { source: 'meta_csv', reach: exact(700) } } });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.metrics.sincePublication).toMatchObject({ asOf: '2022-10-20', source: 'meta_csv', reach: exact(700), views3s: exact(236) });
    expect(result.metrics.postCard).toEqual(saved.postCard);
  });

  it('takes the chosen date over the file’s, and the file’s over the saved one', () => {
    const row = { asOf: '2022-10-25', values: { postCard: { source: 'meta_csv' as const, reach: exact(700) } } };
    const fromFile = mergeImportedMetrics(saved, row);
    expect(fromFile.ok && fromFile.metrics.postCard!.asOf).toBe('2022-10-25');
    const chosen = mergeImportedMetrics(saved, row, { asOf: '2022-11-01' });
    expect(chosen.asOf).toEqual([{ kind: 'postCard', before: '2022-10-20', after: '2022-11-01', from: 'chosen' }]);
  });

  it('dates a new live summary with the forum’s date, and asks for the date of any other new snapshot', () => {
    const live = mergeImportedMetrics(none, { values: { liveSummary: { source: 'youtube_csv', peakLiveViewers: exact(40) } } }, { forumDate: '2022-07-29' });
    expect(live.ok && live.metrics.liveSummary!.asOf).toBe('2022-07-29');
    const card = mergeImportedMetrics(none, { values: { postCard: { source: 'meta_csv', reach: exact(5) } } }, { forumDate: '2022-07-29' });
    expect(card).toMatchObject({ ok: false, errors: [{ path: 'asOf', message: metricsImportMergeMessages.asOfRequired }] });
    expect(mergeImportedMetrics(none, { values: { postCard: { source: 'meta_csv' } } }, { asOf: '2022-02-30' })).toMatchObject({ ok: false, errors: [{ path: 'asOf' }] });
  });
});

describe('sameForumMetrics (issue 10, item 9)', () => {
  it('ignores key order and omitted defaults, not a changed figure or date', () => {
    const copy = JSON.parse(JSON.stringify(saved)) as ForumMetricsInput;
    delete (copy.liveSummary as Partial<NonNullable<ForumMetricsInput['liveSummary']>>).liveViewersCurve;
    expect(sameForumMetrics(saved, copy)).toBe(true);
    expect(sameForumMetrics(saved, { ...copy, postCard: { ...copy.postCard!, comments: exact(12) } })).toBe(false);
    expect(sameForumMetrics(saved, { ...copy, postCard: { ...copy.postCard!, asOf: '2022-10-21' } })).toBe(false);
  });
});
