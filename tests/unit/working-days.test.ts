import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { holidayTable, holidayTableYears } from '../../src/domain/colombian-holidays';
import { addWorkingDays, colombianHolidays, isWorkingDay, workingDaysBetween } from '../../src/domain/working-days';

describe('Colombian working days', () => {
  it('counts 15 working days from 22 June 2022 to 15 July 2022 (Sagrado Corazón and San Pedro moved to Monday)', () => {
    expect(addWorkingDays('2022-06-22', 15)).toBe('2022-07-15');
  });

  it('knows the holidays moved to Monday by Ley 51 de 1983 and the fixed ones', () => {
    const h2022 = colombianHolidays(2022);
    expect(h2022.has('2022-06-27')).toBe(true); // Sagrado Corazón
    expect(h2022.has('2022-07-04')).toBe(true); // San Pedro y San Pablo (29 June → Monday)
    expect(h2022.has('2022-07-20')).toBe(true);
    expect(isWorkingDay('2022-07-04')).toBe(false);
    expect(isWorkingDay('2022-07-05')).toBe(true);
    expect(isWorkingDay('2022-07-16')).toBe(false); // Saturday
  });

  it('counts 10 and 30 working days across year ends and Holy Week', () => {
    // Holy Thursday and Good Friday 2022: 14 and 15 April.
    expect(addWorkingDays('2022-04-08', 10)).toBe('2022-04-26');
    // Christmas and 1 January 2023 fall on Sundays; Reyes is moved to Monday 9 January 2023.
    expect(addWorkingDays('2022-12-20', 10)).toBe('2023-01-03');
    expect(addWorkingDays('2023-01-03', 5)).toBe('2023-01-11');
    expect(addWorkingDays('2022-06-22', 30)).toBe('2022-08-08'); // 20 July; 7 August is a Sunday
  });

  it('measures working days between dates, negative when the second comes first', () => {
    expect(workingDaysBetween('2022-06-22', '2022-07-15')).toBe(15);
    expect(workingDaysBetween('2022-07-15', '2022-06-22')).toBe(-15);
    expect(workingDaysBetween('2022-06-22', '2022-06-22')).toBe(0);
  });

  it('reads the same holidays as date-holidays for every year of its table (else: node scripts/generate-holidays.mjs)', () => {
    const calendar = new Holidays('CO');
    for (let year = holidayTableYears.first; year <= holidayTableYears.last; year += 1) {
      const fromLibrary = new Set(
        calendar
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => h.date.slice(0, 10)),
      );
      expect([...colombianHolidays(year)].sort(), String(year)).toEqual([...fromLibrary].sort());
      expect(holidayTable[year]).toBeDefined();
    }
  });

  it('counts terms across years and far from today, ignoring a time after the date; outside 1990–2110 no holidays', () => {
    // 1 January 2052 is a holiday (and 2052-01-01 a Monday).
    expect(holidayTableYears).toEqual({ first: 1990, last: 2110 });
    expect(colombianHolidays(2009).has('2009-07-20')).toBe(true);
    expect(colombianHolidays(2100).has('2100-12-25')).toBe(true);
    expect(colombianHolidays(2111).size).toBe(0);
    expect(addWorkingDays('2009-12-30', 1)).toBe('2009-12-31');
    expect(addWorkingDays('2051-12-29', 1)).toBe('2052-01-02');
    expect(isWorkingDay('2052-01-01')).toBe(false);
    expect(addWorkingDays('2022-06-22T10:00', 15)).toBe('2022-07-15');
    expect(workingDaysBetween('2009-12-30', '2052-01-02')).toBeGreaterThan(10_000);
    expect(addWorkingDays('2022-06-22', 0)).toBe('2022-06-22');
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => addWorkingDays('22/06/2022', 5)).toThrow(RangeError);
  });
});
