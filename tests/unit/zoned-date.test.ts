import { describe, expect, it } from 'vitest';
import { dateTimeIn, instantIn, todayIn, yearIn } from '../../src/domain/zoned-date';
import { bogotaToday } from '../../src/domain/bogota-date';

describe('todayIn: the date on the organisation’s wall clock', () => {
  it('crosses midnight at the zone’s midnight, not the machine’s or UTC’s', () => {
    // Kiritimati is UTC+14: its 1 March starts at 10:00 UTC on 28 February.
    expect(todayIn('Pacific/Kiritimati', new Date('2026-02-28T09:59:59Z'))).toBe('2026-02-28');
    expect(todayIn('Pacific/Kiritimati', new Date('2026-02-28T10:00:00Z'))).toBe('2026-03-01');
    expect(todayIn('UTC', new Date('2026-02-28T23:59:59Z'))).toBe('2026-02-28');
    expect(todayIn('UTC', new Date('2026-03-01T00:00:00Z'))).toBe('2026-03-01');
  });

  it('at one instant, three organisations can be on three different dates', () => {
    const instant = new Date('2026-06-15T04:30:00Z');
    expect(todayIn('Pacific/Kiritimati', instant)).toBe('2026-06-15');
    expect(todayIn('America/Bogota', instant)).toBe('2026-06-14');
    expect(todayIn('Pacific/Pago_Pago', instant)).toBe('2026-06-14');
    expect(todayIn('Pacific/Kiritimati', new Date('2026-06-15T11:00:00Z'))).toBe('2026-06-16');
    expect(todayIn('Pacific/Pago_Pago', new Date('2026-06-15T10:59:00Z'))).toBe('2026-06-14');
  });

  it('follows daylight saving time (Los Ángeles: UTC−8 in winter, UTC−7 in summer; Madrid: UTC+1 / UTC+2)', () => {
    expect(todayIn('America/Los_Angeles', new Date('2026-01-15T07:59:00Z'))).toBe('2026-01-14');
    expect(todayIn('America/Los_Angeles', new Date('2026-01-15T08:00:00Z'))).toBe('2026-01-15');
    expect(todayIn('America/Los_Angeles', new Date('2026-07-15T06:59:00Z'))).toBe('2026-07-14');
    expect(todayIn('America/Los_Angeles', new Date('2026-07-15T07:00:00Z'))).toBe('2026-07-15');
    expect(todayIn('Europe/Madrid', new Date('2026-07-14T21:59:00Z'))).toBe('2026-07-14');
    expect(todayIn('Europe/Madrid', new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
    expect(todayIn('Europe/Madrid', new Date('2026-01-14T22:59:00Z'))).toBe('2026-01-14');
    expect(todayIn('Europe/Madrid', new Date('2026-01-14T23:00:00Z'))).toBe('2026-01-15');
  });

  it('the year turns at the zone’s New Year', () => {
    expect(yearIn('Pacific/Kiritimati', new Date('2026-12-31T10:00:00Z'))).toBe(2027);
    expect(yearIn('America/Bogota', new Date('2027-01-01T04:59:00Z'))).toBe(2026);
  });

  it('bogotaToday is America/Bogota’s today (UTC−5 all year)', () => {
    for (const iso of ['2026-03-02T04:59:59Z', '2026-03-02T05:00:00Z', '2026-11-01T12:00:00Z']) {
      expect(bogotaToday(new Date(iso))).toBe(todayIn('America/Bogota', new Date(iso)));
    }
  });

  it('an unknown zone (an old row) falls back to Bogotá instead of failing', () => {
    expect(todayIn('America/Macondo', new Date('2026-03-02T04:59:59Z'))).toBe('2026-03-01');
  });
});

describe('dateTimeIn and instantIn: wall-clock times of the zone', () => {
  it('gives the wall-clock date and time, 00:00 at midnight (never 24:00)', () => {
    expect(dateTimeIn('America/Bogota', new Date('2026-03-02T05:00:00Z'))).toBe('2026-03-02T00:00');
    expect(dateTimeIn('Pacific/Kiritimati', new Date('2026-03-02T05:07:00Z'))).toBe('2026-03-02T19:07');
  });

  it('turns a wall-clock time into its instant, across daylight saving', () => {
    expect(instantIn('America/Bogota', '2026-06-22', '10:00').toISOString()).toBe('2026-06-22T15:00:00.000Z');
    expect(instantIn('Pacific/Kiritimati', '2026-06-22', '10:00').toISOString()).toBe('2026-06-21T20:00:00.000Z');
    expect(instantIn('America/Los_Angeles', '2026-01-10', '10:00').toISOString()).toBe('2026-01-10T18:00:00.000Z');
    expect(instantIn('America/Los_Angeles', '2026-07-10', '10:00').toISOString()).toBe('2026-07-10T17:00:00.000Z');
    // 1 November 2026, 01:30 happens twice in Los Ángeles: the first (PDT).
    expect(instantIn('America/Los_Angeles', '2026-11-01', '01:30').toISOString()).toBe('2026-11-01T08:30:00.000Z');
    // 8 March 2026, 02:30 never happens there: as if the clock had not jumped (02:30 PST).
    expect(instantIn('America/Los_Angeles', '2026-03-08', '02:30').toISOString()).toBe('2026-03-08T10:30:00.000Z');
  });
});

describe('times written on an organisation’s clock (date-format.ts, zoned-date.ts)', () => {
  it('an instant is written in the zone given, Bogotá by default, and in Bogotá for a zone the runtime does not know', async () => {
    const { formatDateTime, formatTime, formatLocalDateTime } = await import('../../src/domain/date-format');
    const at = '2026-06-15T11:00:00Z';
    expect(formatDateTime(at)).toBe('15/06/2026, 06:00');
    expect(formatDateTime(at, 'Pacific/Kiritimati')).toBe('16/06/2026, 01:00');
    expect(formatDateTime(at, 'Europe/Madrid')).toBe('15/06/2026, 13:00');
    expect(formatDateTime(at, 'Mars/Olympus')).toBe('15/06/2026, 06:00');
    expect(formatTime(at, 'Asia/Kolkata')).toBe('16:30');
    // A wall-clock time as the office typed it is the same figures in every zone.
    expect(formatLocalDateTime('2022-06-20T10:15')).toBe('20/06/2022, 10:15');
    expect(formatLocalDateTime('no es una hora')).toBe('no es una hora');
  });

  it('a zone is named for a person: its place and its offset at that instant', async () => {
    const { zonePlaceName, zoneOffsetText } = await import('../../src/domain/zoned-date');
    expect(zonePlaceName('America/Bogota')).toBe('Bogotá');
    expect(zonePlaceName('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneOffsetText('America/Bogota', new Date('2026-06-15T11:00:00Z'))).toBe('UTC−5');
    expect(zoneOffsetText('Asia/Kolkata', new Date('2026-06-15T11:00:00Z'))).toBe('UTC+5:30');
    // Summer and winter in Madrid.
    expect(zoneOffsetText('Europe/Madrid', new Date('2026-06-15T11:00:00Z'))).toBe('UTC+2');
    expect(zoneOffsetText('Europe/Madrid', new Date('2026-01-15T11:00:00Z'))).toBe('UTC+1');
  });
});
