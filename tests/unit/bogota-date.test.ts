import { describe, expect, it } from 'vitest';
import { bogotaToday, bogotaYear } from '../../src/domain/bogota-date';
import { emptyConsultation } from '../../src/domain/consultation';

describe('today in Bogotá (UTC−5 all year), whatever the machine’s time zone', () => {
  it('is still yesterday in Bogotá until 05:00 UTC', () => {
    expect(bogotaToday(new Date('2026-03-02T04:59:59Z'))).toBe('2026-03-01');
    expect(bogotaToday(new Date('2026-03-02T05:00:00Z'))).toBe('2026-03-02');
    expect(bogotaToday(new Date('2026-07-15T23:30:00Z'))).toBe('2026-07-15');
  });

  it('gives New Year’s Eve in Bogotá while it is already 1 January in UTC', () => {
    expect(bogotaYear(new Date('2027-01-01T03:00:00Z'))).toBe(2026);
    expect(emptyConsultation(new Date('2027-01-01T03:00:00Z'))).toMatchObject({ year: 2026, openDate: '2026-01-01', closeDate: '2026-12-31' });
  });
});
