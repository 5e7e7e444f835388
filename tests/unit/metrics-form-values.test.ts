import { describe, expect, it } from 'vitest';
import {
  figureError,
  figureValueFromText,
  formPath,
  parseDay,
  parseMinute,
  readForm,
  schemaErrors,
  toFormValues,
  type SavedMetrics,
} from '../../src/client/features/metrics/metrics-form-values';
import { bogotaToday } from '../../src/domain/bogota-date';
import { demoMetrics2022 } from '../../src/domain/demo-metrics-2022';

/** The metrics form's pure logic, straight (issue 11): saved ⇄ form values, typed text → figures, errors by path. */

const exact = (value: number) => ({ value, approximate: false });
const saved = Object.values(demoMetrics2022)[0] as SavedMetrics;

describe('metrics form values (src/client/features/metrics/metrics-form-values.ts)', () => {
  it('gives back the saved snapshots when the form is read untouched', () => {
    const { metrics, errors } = readForm(toFormValues({ ...saved, version: 1 }));
    expect(errors.size).toBe(0);
    expect(metrics).toEqual(saved);
  });

  it('reads figures as people type them: «1,7 mil» is about 1.700, «12.345» exactly 12.345, «01:11:33» a duration', () => {
    expect(figureValueFromText('plays', '1,7 mil').figure).toMatchObject({ value: 1700, approximate: true });
    expect(figureValueFromText('plays', '12.345').figure).toEqual(exact(12345));
    expect(figureValueFromText('totalWatchSeconds', '01:11:33').figure).toEqual(exact(4293));
    expect(figureValueFromText('plays', '').figure).toBeNull();
    expect(figureError('plays', figureValueFromText('plays', 'muchos'))).toEqual(expect.any(String));
    expect(figureError('plays', figureValueFromText('plays', ''))).toBeNull();
  });

  it('reports a bad entry at its path and leaves it out of the snapshot; a blank or «Sin datos» snapshot is null', () => {
    const values = toFormValues({ postCard: null, liveSummary: null, sincePublication: null, version: 0 });
    values.postCard.figures.plays = figureValueFromText('plays', 'muchos');
    values.postCard.figures.reactions = figureValueFromText('reactions', '12');
    values.liveSummary.taken = false;
    const { metrics, errors } = readForm(values);
    expect([...errors.keys()]).toEqual(['postCard.plays']);
    expect(metrics.postCard).toMatchObject({ source: 'manual', plays: null, reactions: exact(12) });
    expect(metrics.liveSummary).toBeNull();
    // Open but nothing typed: not a capture.
    expect(metrics.sincePublication).toBeNull();
  });

  it('starts a never-saved forum with every snapshot open, dated today in Bogotá (the live summary: the forum’s date)', () => {
    const values = toFormValues({ postCard: null, liveSummary: null, sincePublication: null, version: 0 }, { liveAsOf: '2022-06-22' });
    expect([values.postCard.taken, values.liveSummary.taken, values.sincePublication.taken]).toEqual([true, true, true]);
    expect(values.postCard.asOf).toBe(bogotaToday());
    expect(values.liveSummary.asOf).toBe('2022-06-22');
    // Saved once: a snapshot not taken stays closed.
    expect(toFormValues({ postCard: null, liveSummary: null, sincePublication: null, version: 1 }).postCard.taken).toBe(false);
  });

  it('reads the series cells: minutes as m, h:mm or h:mm:ss; days first, as in Colombia', () => {
    expect([parseMinute('5'), parseMinute('1:05'), parseMinute('1:05:30'), parseMinute('1:75'), parseMinute('x')]).toEqual([5, 65, 65, null, null]);
    expect([parseDay('22/06/2022'), parseDay('2022-06-22'), parseDay('07/09/2022'), parseDay('')]).toEqual(['2022-06-22', '2022-06-22', '2022-09-07', null]);
  });

  it('puts the schema’s messages at the form’s paths (a figure’s `.value` at the figure)', () => {
    expect(formPath('liveSummary.views1m.value')).toBe('liveSummary.views1m');
    expect(formPath('liveSummary.liveViewersCurve.2.minute')).toBe('liveSummary.liveViewersCurve.2.minute');
    const errors = schemaErrors({ ...saved, postCard: { ...saved.postCard!, asOf: '2022-02-30' } });
    expect([...errors.keys()]).toEqual(['postCard.asOf']);
  });
});
