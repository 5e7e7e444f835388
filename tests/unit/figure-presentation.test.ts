import { describe, expect, it } from 'vitest';
import { figureUnit, liveSummaryFigures, postCardFigures, sincePublicationFigures } from '../../src/domain/metrics';
import { formatFigure, formatWatchMinutes, parseFigure, parseWatchMinutes, toFigure } from '../../src/domain/metrics-format';
import { demoMetrics2022 } from '../../src/domain/demo-metrics-2022';
import { buildStatistics } from '../../src/domain/report-statistics';

/** Issue 10 item 5: one presentation per kind of figure, and a reader of every way a person pastes it. */
describe('minutes watched («Minutos reproducidos»): one presentation, with its unit', () => {
  it('is shown in minutes with «min», seconds only when there are some, ≈ when approximate', () => {
    expect(formatWatchMinutes(627 * 60)).toBe('627 min');
    expect(formatWatchMinutes(32997)).toBe('549 min 57 s');
    expect(formatWatchMinutes(102000, { approximate: true })).toBe('≈ 1.700 min');
    expect(formatFigure('totalWatchSeconds', { value: 37620, approximate: false })).toBe('627 min');
    expect(figureUnit('totalWatchSeconds')).toBe('minutes');
  });

  it.each([
    ['627', 37620, false],
    ['627,5', 37650, false],
    ['10:27:00', 37620, false],
    ['10:27', 37620, false],
    ['1.700', 102000, false],
    ['«1.700»', 102000, false],
    ['627 min', 37620, false],
    ['627 minutos', 37620, false],
    ['549 min 57 s', 32997, false],
    ['10 h 27 min', 37620, false],
    ['09:09:57', 32997, false],
    ['1,7 mil', 102000, true],
    ['≈ 1.700 min', 102000, true],
    ['≈ 1.700', 102000, true],
  ])('reads %j', (text, seconds, approximate) => {
    const parsed = parseWatchMinutes(text);
    if (seconds === null) {
      expect(parsed.ok).toBe(false);
      return;
    }
    expect(parsed).toMatchObject({ ok: true, value: seconds, approximate });
    expect(parseFigure('totalWatchSeconds', text)).toEqual(parsed);
  });

  it('refuses what is not a time, in Spanish', () => {
    expect(parseWatchMinutes('diez')).toEqual({ ok: false, message: expect.stringContaining('no es un tiempo en minutos') });
    expect(parseWatchMinutes('10:75')).toEqual({ ok: false, message: expect.stringContaining('entre 00 y 59') });
    expect(parseWatchMinutes('-5')).toEqual({ ok: false, message: 'El valor no puede ser negativo.' });
  });

  it('reads back everything it prints, for every figure of every snapshot', () => {
    const fields = [...postCardFigures, ...liveSummaryFigures, ...sincePublicationFigures];
    for (const field of fields) {
      for (const value of [0, 41, 162, 627 * 60, 4293, 32997, 102000]) {
        for (const approximate of [false, true]) {
          const text = formatFigure(field, { value, approximate });
          const parsed = parseFigure(field, text);
          expect(parsed.ok, `${field} ${text}`).toBe(true);
          if (parsed.ok) expect(toFigure(parsed), `${field} ${text}`).toMatchObject({ value, approximate });
        }
      }
    }
  });

  it('the other kinds keep their one presentation', () => {
    expect(formatFigure('broadcastSeconds', { value: 4293, approximate: false })).toBe('01:11:33');
    expect(formatFigure('avgWatchSeconds', { value: 162, approximate: false })).toBe('2:42');
    expect(formatFigure('reach', { value: 1700, approximate: true })).toBe('≈ 1.700');
    expect(parseFigure('broadcastSeconds', '1 h 11 min 33 s')).toMatchObject({ ok: true, value: 4293 });
  });

  it('the report statistics show the live summary and the since-publication minutes the same way', () => {
    const stats = buildStatistics(
      [{ id: 1, title: 'Políticas Públicas', date: '2022-06-22' }],
      { 1: demoMetrics2022['2022-06-22'] },
    );
    const minutes = (rows: { field: string; value: string }[]) => rows.find((r) => r.field === 'totalWatchSeconds')?.value;
    expect(minutes(stats.blocks[0].liveSummary)).toBe('549 min 57 s');
    expect(minutes(stats.blocks[0].sincePublication)).toBe('627 min');
  });
});
