import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDayMonth, formatLongDate, formatShortDate, formatTime, parseTypedDate } from '../../src/domain/date-format';
import { authorName } from '../../src/domain/user';

/** Issue 10 item 12: one module writes every date and time, one style per use. */
describe('date-format (es-CO, Bogotá)', () => {
  it('long date: «1 de enero de 2022», no leading zero, full month', () => {
    expect(formatLongDate('2022-01-01')).toBe('1 de enero de 2022');
    expect(formatLongDate('2022-09-07')).toBe('7 de septiembre de 2022');
  });

  it('short date: «01/01/2022» (dd/mm/aaaa, as people type it)', () => {
    expect(formatShortDate('2022-01-01')).toBe('01/01/2022');
    expect(formatShortDate('2022-09-07')).toBe('07/09/2022');
    expect(formatShortDate(null)).toBe('');
  });

  it('date-time: dd/mm/aaaa, 24 h, in Bogotá whatever the machine’s time zone', () => {
    expect(formatDateTime('2022-10-20T15:05:00Z')).toBe('20/10/2022, 10:05');
    expect(formatDateTime('2022-10-21T03:30:00Z')).toBe('20/10/2022, 22:30');
    expect(formatTime('2022-10-20T15:05:00Z')).toBe('10:05');
    expect(formatDayMonth('2022-09-07')).toBe('7 sept');
  });

  it('no other file formats dates by itself (Intl.DateTimeFormat, toLocaleDateString, toLocaleTimeString; zoned-date.ts reads an instant\'s date in a time zone)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !path.endsWith(join('domain', 'date-format.ts')) && !path.endsWith(join('domain', 'zoned-date.ts'))) {
          const text = readFileSync(path, 'utf8');
          if (/Intl\.DateTimeFormat|toLocaleDateString|toLocaleTimeString|toLocaleString\(\s*['"]es-CO['"]\s*,\s*\{[^}]*(month|hour)/.test(text)) offenders.push(path);
        }
      }
    };
    walk('src');
    expect(offenders).toEqual([]);
  });

  it.each([
    ['15032024', '2024-03-15'],
    ['15/03/2024', '2024-03-15'],
    ['15-03-2024', '2024-03-15'],
    ['15.03.2024', '2024-03-15'],
    ['1/3/2024', '2024-03-01'],
    ['2024-03-15', '2024-03-15'],
    [' 07/09/2022 ', '2022-09-07'],
  ])('reads the typed date %j day first as %s (issue 10, item 11)', (typed, iso) => {
    expect(parseTypedDate(typed)).toBe(iso);
  });

  it.each(['31/02/2024', '15/13/2024', '1503202', '15/03/24', '15/03/2', 'mañana', '', '2024-02-30'])('refuses %j', (typed) => {
    expect(parseTypedDate(typed)).toBeNull();
  });

  it('authors are named by their display name; the demo loader has a name too', () => {
    const names = { editora: 'Editora de demostración' };
    expect(authorName(names, 'editora')).toBe('Editora de demostración');
    expect(authorName(names, 'demo')).toBe('Foros (datos de demostración)');
    expect(authorName(undefined, 'alguien')).toBe('alguien');
    expect(authorName(names, null)).toBe('—');
  });
});
