import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDayMonth, formatLongDate, formatShortDate, formatTime } from '../../src/domain/date-format';
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

  it('no other file formats dates by itself (Intl.DateTimeFormat, toLocaleDateString, toLocaleTimeString)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !path.endsWith(join('domain', 'date-format.ts'))) {
          const text = readFileSync(path, 'utf8');
          if (/Intl\.DateTimeFormat|toLocaleDateString|toLocaleTimeString|toLocaleString\(\s*['"]es-CO['"]\s*,\s*\{[^}]*(month|hour)/.test(text)) offenders.push(path);
        }
      }
    };
    walk('src');
    expect(offenders).toEqual([]);
  });

  it('authors are named by their display name; the demo loader has a name too', () => {
    const names = { editora: 'Editora de demostración' };
    expect(authorName(names, 'editora')).toBe('Editora de demostración');
    expect(authorName(names, 'demo')).toBe('Foros (datos de demostración)');
    expect(authorName(undefined, 'alguien')).toBe('alguien');
    expect(authorName(names, null)).toBe('—');
  });
});
