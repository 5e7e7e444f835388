import { readSheet } from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import {
  exportKind,
  importBodyJson,
  readCsvExport,
  readXlsxExport,
  summarizeExport,
  type ReadSheet,
} from '../../src/client/ui/mapped-import/read-export';
import { xlsx } from '../support/xlsx';

const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

describe('form export reader (consultation import)', () => {
  it('reads a Google Forms CSV: BOM, quoted multi-topic cells, line breaks inside quotes, blank lines skipped', () => {
    const csv = '\ufeffMarca temporal,Dirección de correo electrónico,¿Qué temas le interesan?\r\n2024/03/02 10:15:00,ana@example.org,"Salud, Empleo"\r\n\r\n2024/03/03 9:00:00,,"Uno ""dos""\nsigue"\r\n';
    const result = readCsvExport(bytes(csv));
    expect(result).toEqual({
      ok: true,
      header: ['Marca temporal', 'Dirección de correo electrónico', '¿Qué temas le interesan?'],
      rows: [
        ['2024/03/02 10:15:00', 'ana@example.org', 'Salud, Empleo'],
        ['2024/03/03 9:00:00', '', 'Uno "dos"\nsigue'],
      ],
    });
  });

  it('detects ; (Excel in Spanish) and reads windows-1252 text', () => {
    const latin1 = new Uint8Array([...'Hora de finalización;Tema\n5/3/22 10:15;Educación\n'].map((ch) => ch.charCodeAt(0)));
    const result = readCsvExport(latin1.buffer as ArrayBuffer);
    expect(result.ok && result.header).toEqual(['Hora de finalización', 'Tema']);
    expect(result.ok && result.rows[0]).toEqual(['5/3/22 10:15', 'Educación']);
  });

  it('refuses an empty file, a binary one, one without a header or without rows, and an unclosed quote', () => {
    expect(readCsvExport(bytes(''))).toEqual({ ok: false, problem: 'empty' });
    expect(readCsvExport(bytes('\n\n  \n'))).toEqual({ ok: false, problem: 'empty' });
    expect(readCsvExport(new Uint8Array([0x00, 0x01, 0x02, 0x41, 0x00]).buffer as ArrayBuffer)).toEqual({ ok: false, problem: 'binary' });
    expect(readCsvExport(bytes('2024-03-02,5\n2024-03-03,6\n'))).toEqual({ ok: false, problem: 'noHeader' });
    expect(readCsvExport(bytes('Marca temporal,Tema\n'))).toEqual({ ok: false, problem: 'noRows' });
    expect(readCsvExport(bytes('Marca temporal,Tema\n2024-03-02,"sin cerrar\n'))).toEqual({ ok: false, problem: 'unclosedQuote' });
  });

  it('tells csv from xlsx by name and by the ZIP signature', () => {
    expect(exportKind('respuestas.csv', bytes('a,b'))).toBe('csv');
    expect(exportKind('respuestas.xlsx', bytes('a,b'))).toBe('xlsx');
    expect(exportKind('respuestas.csv', xlsx([['a']]))).toBe('xlsx');
    expect(exportKind('respuestas.pdf', bytes('%PDF'))).toBeNull();
  });

  it('reads the first sheet of an .xlsx with read-excel-file (text cells, numbers as written)', async () => {
    const file = xlsx([
      ['Hora de finalización', 'Correo electrónico', 'Tema'],
      ['3/5/2024 10:15:00', 'ana@example.org', 'Salud'],
      [45356, '', 'Empleo'],
    ]);
    const result = await readXlsxExport(file, readSheet as ReadSheet);
    expect(result).toEqual({
      ok: true,
      header: ['Hora de finalización', 'Correo electrónico', 'Tema'],
      rows: [
        ['3/5/2024 10:15:00', 'ana@example.org', 'Salud'],
        ['45356', '', 'Empleo'],
      ],
    });
    expect(await readXlsxExport(bytes('PK\u0003\u0004 not a zip'), readSheet as ReadSheet)).toEqual({ ok: false, problem: 'xlsxFailed' });
  });
});

describe('what the import worker keeps and what it hands the page', () => {
  const header = ['Marca temporal', 'Tema'];
  const rows = Array.from({ length: 45 }, (_, i) => [`2022-05-${String((i % 28) + 1).padStart(2, '0')} 10:00:00`, `Tema ${i}`]);

  it('the page gets the header, the first 20 rows as examples and the row count, not every row', () => {
    const summary = summarizeExport({ ok: true, header, rows });
    expect(summary).toEqual({ ok: true, header, sample: rows.slice(0, 20), rowCount: 45 });
    expect(summarizeExport({ ok: false, problem: 'empty' })).toEqual({ ok: false, problem: 'empty' });
  });

  it('the request body carries every row with the choices, as the import route reads it', () => {
    const choices = { mapping: { 'Marca temporal': 'timestamp' as const, Tema: 'topics' as const }, lateMode: 'mark' as const, defaultChannel: 'web' as const };
    expect(JSON.parse(importBodyJson(header, rows, choices))).toEqual({ header, rows, ...choices });
  });
});
