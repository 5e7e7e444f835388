import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forEachCsvRecord, readCsv } from '../../src/domain/csv';
import { matchRowToForum, videoKey } from '../../src/domain/forum-matching';
import { parseMetricsCsv } from '../../src/domain/metrics-import';
import { parseCsvNumber, parseExportDate } from '../../src/domain/metrics-import-cells';
import { importMessages, metricsImportLimits, type MetricsImportResult } from '../../src/domain/metrics-import-model';
import { sincePublicationSchema } from '../../src/domain/metrics';

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/metrics/${name}`));
const ok = (result: MetricsImportResult) => {
  if (!result.ok) throw new Error(`expected a parsed file, got: ${result.message}`);
  return result;
};
const f = (value: number) => ({ value, approximate: false });

describe('CSV records', () => {
  it('handles quotes, escaped quotes, line breaks inside quotes and every line end', () => {
    expect(readCsv('a,"b,c","say ""hi"""\r\n1,"x\ny",3\r4,5,6\n', { delimiter: ',' }).records).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['1', 'x\ny', '3'],
      ['4', '5', '6'],
    ]);
    expect(readCsv('a;b;\n1;;', { delimiter: ';' }).records).toEqual([['a', 'b', ''], ['1', '', '']]);
    expect(readCsv('a,"open\n1,2', { delimiter: ',' }).unclosedQuote).toBe(true);
  });

  it.each([
    ['1234', false, 1234],
    ['1.234', false, 1234],
    ['1,234', false, 1234],
    ['1.234.567', false, 1234567],
    ['12.0', false, 12],
    ['12,5', true, 12.5],
    ['4.05', true, 4.05],
    ['1.234', true, 1.234],
    ['1.234,5', true, 1234.5],
    ['1,234.5', true, 1234.5],
  ])('reads the cell %j (decimal column: %s) as %d', (cell, decimal, value) => {
    expect(parseCsvNumber(cell, decimal)).toMatchObject({ ok: true, value });
  });

  it('reads a decimal cell the same with or without spaces around it, with its decimals', () => {
    for (const [cell, decimal] of [['87,35', true], ['0,5', true], ['10,000', true], ['10,000', false], ['1.5', false], ['123.456', false], ['1234.567', false]] as const) {
      expect(parseCsvNumber(cell, decimal)).toEqual(parseCsvNumber(` ${cell}\u00a0`, decimal));
    }
    expect(parseCsvNumber('87,35', true)).toEqual({ ok: true, value: 87.35, decimals: 2 });
    expect(parseCsvNumber('10,000', true)).toEqual({ ok: true, value: 10, decimals: 0 });
    expect(parseCsvNumber('123.456', false)).toEqual({ ok: true, value: 123456, decimals: 0 });
    for (const cell of [',5', '5,', '1,2,3', '1.2,3']) expect(parseCsvNumber(cell, true)).toEqual(parseCsvNumber(` ${cell} `, true));
  });

  it('treats blank-looking cells as empty and reports garbage and negatives', () => {
    for (const cell of ['', ' ', '-', '--', 'N/A']) expect(parseCsvNumber(cell, false)).toBeNull();
    expect(parseCsvNumber('abc', false)).toEqual({ ok: false, negative: false });
    expect(parseCsvNumber('-3', false)).toEqual({ ok: false, negative: true });
  });

  it.each([
    ['06/22/2022 10:00', false, '2022-06-22'],
    ['07/09/2022 9:00', true, '2022-09-07'],
    ['07/09/2022 9:00', false, '2022-07-09'],
    ['22/06/2022', false, '2022-06-22'],
    ['2022-06-22T10:00:00-0500', false, '2022-06-22'],
    ['Oct 3, 2026', false, '2026-10-03'],
    ['3 oct. 2026', true, '2026-10-03'],
    ['3 de octubre de 2026', true, '2026-10-03'],
    ['Sep 31, 2026', false, null],
    ['mañana', true, null],
  ])('reads the export date %j (day first: %s) as %s', (cell, dayFirst, date) => {
    expect(parseExportDate(cell, dayFirst)).toBe(date);
  });
});

describe('Meta Business Suite exports', () => {
  it('reads the es-LA export: BOM, semicolons, CRLF, day-first dates, retention columns', () => {
    const result = ok(parseMetricsCsv(fixture('meta-es-la-semicolon-bom.csv'), { asOf: '2022-10-20' }));
    expect(result).toMatchObject({ format: 'meta_video', language: 'es', delimiter: ';', unrecognisedColumns: [], problems: [] });
    expect(result.recognisedColumns[0]).toEqual({ header: 'Identificador de la publicación', field: 'postId' });
    expect(result.recognisedColumns.filter((c) => c.field.startsWith('retention.'))).toHaveLength(41);
    expect(result.rows).toHaveLength(2);
    const [mipg, causas] = result.rows;
    expect(mipg).toMatchObject({
      rowNumber: 2,
      permalink: 'https://www.facebook.com/IDIPRONBogota/videos/598765432101234/',
      title: '#FBLive ¿Qué es MIPG?',
      publishDate: '2022-07-29',
      durationSeconds: 3399,
    });
    expect(mipg.day).toBeUndefined();
    const since = mipg.values.sincePublication!;
    expect(since).toMatchObject({
      source: 'meta_csv',
      asOf: '2022-10-20',
      views3s: f(441),
      views1m: f(105),
      viewers3s: f(349),
      viewers1m: f(88),
      totalWatchSeconds: f(102000),
      avgWatchSeconds: f(68), // "67,5" s, rounded
      reach: f(883),
      interactions: f(87),
    });
    expect(since.retentionCurve).toHaveLength(41);
    expect(since.retentionCurve![0]).toEqual({ interval: 0, percent: 100 });
    expect(since.retentionCurve![1]).toEqual({ interval: 1, percent: 93 });
    expect(mipg.values.postCard).toMatchObject({ source: 'meta_csv', reactions: f(44), comments: f(10), shares: f(33), reach: f(883), interactions: f(87), views3s: f(441) });
    // The partial snapshot is valid once completed by the schema.
    expect(sincePublicationSchema.safeParse(since).success).toBe(true);
    // 07/09/2022 in a Spanish export is 7 September; empty cells stay unknown.
    expect(causas.publishDate).toBe('2022-09-07');
    expect(causas.values.sincePublication!.viewers3s).toBeUndefined();
    expect(causas.values.postCard!.reactions).toBeUndefined();
    expect(causas.values.postCard!.comments).toEqual(f(26));
  });

  it('reads the English export: BOM, commas, "Lifetime", month-first dates, quoted cells', () => {
    const result = ok(parseMetricsCsv(fixture('meta-en-comma-bom.csv')));
    expect(result).toMatchObject({ format: 'meta_video', language: 'en', delimiter: ',', unrecognisedColumns: ['Custom labels'], problems: [] });
    expect(result.recognisedColumns.map((c) => c.field)).toContain('interactions');
    const [pp, other] = result.rows;
    expect(pp).toMatchObject({ rowNumber: 2, publishDate: '2022-06-22', title: 'Foro Virtual de Participación: Políticas Públicas IDIPRON' });
    expect(pp.values.sincePublication).toMatchObject({ source: 'meta_csv', views3s: f(236), views15s: f(85), views1m: f(47), viewers3s: f(199), totalWatchSeconds: f(37620), avgWatchSeconds: f(64) });
    expect(pp.values.sincePublication!.asOf).toBeUndefined();
    expect(other).toMatchObject({ title: 'Un video "corto", sin foro', publishDate: '2022-10-03' });
    expect(other.values.sincePublication!.views3s).toEqual(f(1234)); // "1,234" quoted
    expect(other.values.sincePublication!.avgWatchSeconds).toEqual(f(4)); // 4.05
  });

  it('reads the Spain-Spanish export and scales fractional retention to percent', () => {
    const result = ok(parseMetricsCsv(fixture('meta-es-es.csv')));
    expect(result).toMatchObject({ format: 'meta_video', language: 'es', delimiter: ',', problems: [] });
    expect(result.recognisedColumns.find((c) => c.field === 'avgWatchSeconds')!.header).toBe('Segundos de media reproducidos');
    expect(result.recognisedColumns.find((c) => c.field === 'postId')!.header).toBe('Identificador de la pieza de vídeo');
    expect(result.rows[0].values.sincePublication).toMatchObject({ views3s: f(236), views1m: f(47), views15s: f(85) });
    expect(result.rows[0].values.sincePublication!.retentionCurve).toEqual([
      { interval: 0, percent: 100 },
      { interval: 1, percent: 62 },
      { interval: 2, percent: 41 },
    ]);
  });

  it('matches headers regardless of case, accents, spacing and column order', () => {
    const text = 'ALCANCE;  reproducciones de VÍDEO de 3 segundos ;Titulo;Fecha\n650;236;Foro;De por vida\n';
    const result = ok(parseMetricsCsv(text));
    expect(result.recognisedColumns).toEqual([
      { header: 'ALCANCE', field: 'reach' },
      { header: 'reproducciones de VÍDEO de 3 segundos', field: 'views3s' },
      { header: 'Titulo', field: 'title' },
      { header: 'Fecha', field: 'date' },
    ]);
    expect(result.rows[0].values.sincePublication).toMatchObject({ reach: f(650), views3s: f(236) });
  });

  it('reads English retention headers and daily rows', () => {
    const text = 'Title,Date,3-second video views,Percentage of total views at interval 0,Percentage of total views at interval 1\nA,Lifetime,100,100,50\nA,06/22/2022,60,,\nA,06/23/2022,40,,\n';
    const result = ok(parseMetricsCsv(text));
    expect(result.rows.map((r) => r.day)).toEqual([undefined, '2022-06-22', '2022-06-23']);
    expect(result.rows[0].values.sincePublication!.retentionCurve).toEqual([{ interval: 0, percent: 100 }, { interval: 1, percent: 50 }]);
  });

  it('reports bad cells by row and keeps the rest', () => {
    const text = 'Title,Reach,3-second video views,Publish time\nA,abc,10,13/45/2022\nB,-5,20,\n';
    const result = ok(parseMetricsCsv(text));
    expect(result.problems).toEqual([
      { row: 2, message: 'Columna «Reach»: «abc» no es un número; se dejó vacía.' },
      { row: 2, message: 'Columna «Publish time»: «13/45/2022» no es una fecha reconocida; se dejó vacía.' },
      { row: 3, message: 'Columna «Reach»: «-5» es negativo; se dejó vacía.' },
    ]);
    expect(result.rows.map((r) => r.values.sincePublication!.views3s)).toEqual([f(10), f(20)]);
    expect(result.rows[0].values.sincePublication!.reach).toBeUndefined();
  });

  it('accepts bytes with or without BOM, UTF-16 and Excel’s "sep=" line', () => {
    const text = 'Title;Reach\nForo Políticas;650\n';
    const utf8 = new TextEncoder().encode(text);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    for (const input of [text, utf8, withBom, withBom.buffer, `\ufeff${text}`, `sep=;\n${text}`]) {
      const result = ok(parseMetricsCsv(input));
      expect(result.rows[0]).toMatchObject({ title: 'Foro Políticas', values: { sincePublication: { reach: f(650) } } });
    }
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i) & 0xff;
    expect(ok(parseMetricsCsv(utf16)).rows[0].title).toBe('Foro Políticas');
  });
});

describe('YouTube Studio exports', () => {
  it('reads "Table data.csv", skipping the Total row', () => {
    const result = ok(parseMetricsCsv(fixture('youtube-table-data.csv'), { asOf: '2026-11-01' }));
    expect(result).toMatchObject({ format: 'youtube_table', language: 'en', problems: [], unrecognisedColumns: [] });
    expect(result.rows.map((r) => r.rowNumber)).toEqual([3, 4]);
    const [first] = result.rows;
    expect(first).toMatchObject({
      permalink: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      title: 'Foro Virtual de Participación: Causas Ciudadanas, 2026',
      publishDate: '2026-10-03',
      durationSeconds: 2554,
    });
    expect(first.values.postCard).toEqual({ source: 'youtube_csv', asOf: '2026-11-01', plays: f(1200), reactions: f(60), comments: f(26), shares: f(10) });
    expect(first.values.sincePublication).toEqual({ source: 'youtube_csv', asOf: '2026-11-01', totalWatchSeconds: f(181800), avgWatchSeconds: f(151) });
  });

  it('reads Spanish headers and marks hours with few decimals as approximate', () => {
    const text = 'Contenido,Título del video,Hora de publicación del video,Duración,Visualizaciones,Tiempo de visualización (horas),Duración promedio de visualización,Me gusta,Comentarios agregados,Veces compartido\nTotal,,,,10,1.5,0:09:00,1,1,1\nabcDEF12345,Foro,3 oct. 2026,600,10,1.5,0:09:00,1,2,3\n';
    const result = ok(parseMetricsCsv(text));
    expect(result).toMatchObject({ format: 'youtube_table', language: 'es' });
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0].publishDate).toBe('2026-10-03');
    expect(result.rows[0].values.sincePublication).toMatchObject({ totalWatchSeconds: { value: 5400, approximate: true, margin: 180 }, avgWatchSeconds: f(540) });
  });

  it('turns the live viewership export into a per-minute curve, peak and average', () => {
    const result = ok(parseMetricsCsv(fixture('youtube-live-viewership.csv')));
    expect(result).toMatchObject({ format: 'youtube_live', problems: [] });
    const live = result.rows[0].values.liveSummary!;
    expect(live.source).toBe('youtube_csv');
    expect(live.liveViewersCurve).toHaveLength(10);
    expect(live.liveViewersCurve!.map((p) => p.minute)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(live.peakLiveViewers).toEqual(f(Math.max(...live.liveViewersCurve!.map((p) => p.viewers))));
    expect(live.peakLiveViewers!.value).toBe(40);
    expect(live.avgConcurrentViewers!.approximate).toBe(true);
    const withAverage = ok(parseMetricsCsv('Live stream position (seconds),Concurrent viewers,Average concurrent viewers\n0,3,4\n30,5,4\n60,8,5\n'));
    expect(withAverage.rows[0].values.liveSummary).toMatchObject({ peakLiveViewers: f(8), avgConcurrentViewers: f(5), liveViewersCurve: [{ minute: 0, viewers: 5 }, { minute: 1, viewers: 8 }] });
  });
});

describe('bad files', () => {
  it.each([
    ['empty', '', importMessages.empty],
    ['only whitespace', ' \n\r\n ', importMessages.empty],
    ['binary bytes', fixture('bad-binary.csv'), importMessages.binary],
    ['NUL inside text', 'Title,Reach\nA\u0000,1\n', importMessages.binary],
    ['an Excel workbook', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1, 2]), importMessages.excel],
    ['unknown headers', fixture('bad-unknown-headers.csv'), importMessages.noHeader],
    ['headers only', 'Title,Reach\n', importMessages.noRows],
    ['over 5 MB', 'Title,Reach\n' + 'A,1\n'.repeat(1_400_000), importMessages.tooLarge],
    ['over 50.000 rows', 'Reach\n' + '1\n'.repeat(50_001), importMessages.tooManyRows(50_001)],
  ])('refuses %s with a Spanish message', (_label, input, message) => {
    expect(parseMetricsCsv(input as string | Uint8Array)).toEqual({ ok: false, message });
  });

  it('never throws, whatever it is given', () => {
    for (const input of ['"', '\ufeff', ',,,\n,,,', ';;', 'a\r', '\u0000', 'Reach\n"1', null, undefined, 42] as unknown[]) {
      expect(() => parseMetricsCsv(input as string)).not.toThrow();
    }
  });

  it('reports an unclosed quote and extra cells as problems', () => {
    const result = ok(parseMetricsCsv('Title,Reach\nA,1,extra\n"B,2\n'));
    expect(result.problems.map((p) => p.message)).toEqual([importMessages.unclosedQuote, importMessages.extraCells]);
  });

  it('accepts exactly 50.000 rows', () => {
    const result = ok(parseMetricsCsv('Reach\n' + '1\n'.repeat(50_000)));
    expect(result.rows).toHaveLength(50_000);
  });
});

describe('a 10.000-row Meta export', () => {
  it('parses correctly', () => {
    const retention = Array.from({ length: 41 }, (_, i) => `Porcentaje del total de reproducciones en el intervalo ${i}`);
    const header = ['Identificador de la publicación', 'Título', 'Hora de publicación', 'Enlace permanente', 'Fecha', 'Reproducciones de video de 3 segundos', 'Reproducciones de video de 1 minuto', 'Espectadores de 3 segundos', 'Segundos reproducidos', 'Segundos en promedio reproducidos', 'Alcance', 'Reacciones, comentarios y veces que se compartió', 'Reacciones', 'Comentarios', 'Veces que se compartió', ...retention];
    const lines = [header.join(';')];
    for (let i = 0; i < 10_000; i++) {
      const curve = Array.from({ length: 41 }, (_, k) => String(Math.max(0, 100 - k * 2)));
      lines.push([String(1e15 + i), `"Video ${i}; prueba"`, '22/06/2022 10:00', `https://www.facebook.com/x/videos/${1e14 + i}/`, 'De por vida', String(i * 3), String(i), String(i * 2), String(i * 90), '30,5', String(i * 4), String(i % 50), String(i % 30), String(i % 10), String(i % 5), ...curve].join(';'));
    }
    const text = '\ufeff' + lines.join('\r\n');
    const result = ok(parseMetricsCsv(text));
    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(10_000);
    const last = result.rows[9_999];
    expect(last).toMatchObject({ rowNumber: 10_001, title: 'Video 9999; prueba', publishDate: '2022-06-22' });
    expect(last.values.sincePublication).toMatchObject({ views3s: f(29997), views1m: f(9999), viewers3s: f(19998), totalWatchSeconds: f(899910), avgWatchSeconds: f(31), reach: f(39996), interactions: f(49) });
    expect(last.values.sincePublication!.retentionCurve![40]).toEqual({ interval: 40, percent: 20 });
    expect(last.values.postCard).toMatchObject({ reactions: f(9), comments: f(9), shares: f(4) });
  });
});

describe('matchRowToForum', () => {
  const forums = [
    { id: 1, title: 'Foro Virtual de Participación: Políticas Públicas', date: '2022-06-22', streamUrl: 'https://www.facebook.com/IDIPRONBogota/videos/587654321098765' },
    { id: 2, title: 'Foro Virtual de Participación: Modelo Integrado de Planeación y Gestión — MIPG', date: '2022-07-29', streamUrl: '' },
    { id: 3, title: 'Foro Virtual de Participación: Causas Ciudadanas', date: '2022-09-07', streamUrl: 'https://youtu.be/dQw4w9WgXcQ' },
    { id: 4, title: 'Foro de cierre', date: '2022-09-07', streamUrl: '' },
  ];

  it('matches by permalink first (same video id, any link form)', () => {
    expect(matchRowToForum({ permalink: 'https://m.facebook.com/IDIPRONBogota/videos/587654321098765/?ref=share', title: 'Otro título' }, forums)).toEqual({ forumId: 1, matchedBy: 'permalink' });
    expect(matchRowToForum({ permalink: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' }, forums)).toEqual({ forumId: 3, matchedBy: 'permalink' });
    expect(videoKey('https://www.youtube.com/live/dQw4w9WgXcQ?si=x')).toBe('yt:dQw4w9WgXcQ');
    expect(videoKey('no es un enlace')).toBeNull();
  });

  it('then by title, ignoring accents, case and punctuation; equal titles before containment', () => {
    expect(matchRowToForum({ title: 'FORO VIRTUAL DE PARTICIPACION: POLITICAS PUBLICAS', permalink: 'https://www.facebook.com/x/videos/111111111111/' }, forums)).toEqual({ forumId: 1, matchedBy: 'title' });
    expect(matchRowToForum({ title: 'Foro Virtual de Participación: Políticas Públicas IDIPRON' }, forums)).toEqual({ forumId: 1, matchedBy: 'title' });
  });

  it('then by publish date, among the forums still in the running', () => {
    expect(matchRowToForum({ title: '#FBLive ¿Qué es MIPG?', publishDate: '2022-07-29' }, forums)).toEqual({ forumId: 2, matchedBy: 'date' });
    expect(matchRowToForum({ title: 'Foro', publishDate: '2022-09-07' }, forums)).toBeNull(); // two forums that day
    expect(matchRowToForum({ title: 'Foro Virtual de Participación', publishDate: '2022-09-07' }, forums)).toEqual({ forumId: 3, matchedBy: 'date' });
    expect(matchRowToForum({ publishDate: '2023-01-01' }, forums)).toBeNull();
  });

  it('matches the imported fixtures to the 2022 forums', () => {
    const es = ok(parseMetricsCsv(fixture('meta-es-la-semicolon-bom.csv')));
    expect(es.rows.map((r) => matchRowToForum(r, forums))).toEqual([
      { forumId: 2, matchedBy: 'date' },
      { forumId: 3, matchedBy: 'title' },
    ]);
    const en = ok(parseMetricsCsv(fixture('meta-en-comma-bom.csv')));
    expect(en.rows.map((r) => matchRowToForum(r, forums))).toEqual([{ forumId: 1, matchedBy: 'permalink' }, null]);
  });
});

describe('date order: decided once per file from its values (issue 10, item 2)', () => {
  const forums2022 = [
    { id: 1, title: 'Foro Virtual de Participación: Políticas Públicas', date: '2022-06-22', streamUrl: '' },
    { id: 2, title: 'Foro Virtual de Participación: Modelo Integrado de Planeación y Gestión — MIPG', date: '2022-07-29', streamUrl: '' },
    { id: 3, title: 'Foro Virtual de Participación: Causas Ciudadanas', date: '2022-09-07', streamUrl: '' },
  ];

  it('reads a Spanish month-first export month first: 09/07/2022 is 7 September and matches its forum', () => {
    const result = ok(parseMetricsCsv(fixture('meta-es-la-month-first.csv')));
    expect(result.language).toBe('es');
    expect(result.rows.map((r) => r.publishDate)).toEqual(['2022-06-22', '2022-07-29', '2022-09-07']);
    expect(result.dateOrder).toEqual({ dayFirst: false, decidedBy: 'values', mixed: false });
    expect(result.problems).toEqual([]);
    expect(matchRowToForum(result.rows[2], forums2022)).toEqual({ forumId: 3, matchedBy: 'date' });
  });

  it('reads a Spanish day-first export day first', () => {
    const result = ok(parseMetricsCsv(fixture('meta-es-la-day-first.csv')));
    expect(result.rows.map((r) => r.publishDate)).toEqual(['2022-06-22', '2022-07-29', '2022-09-07']);
    expect(result.dateOrder).toEqual({ dayFirst: true, decidedBy: 'values', mixed: false });
    expect(matchRowToForum(result.rows[2], forums2022)).toEqual({ forumId: 3, matchedBy: 'date' });
  });

  it('falls back to the headers’ language only when no value decides, and says so', () => {
    const es = ok(parseMetricsCsv(fixture('meta-es-la-ambiguous.csv')));
    expect(es.rows.map((r) => r.publishDate)).toEqual(['2022-12-07', '2022-07-09']);
    expect(es.dateOrder).toEqual({ dayFirst: true, decidedBy: 'fallback', mixed: false });
    const en = ok(parseMetricsCsv(fixture('meta-en-ambiguous.csv')));
    expect(en.rows.map((r) => r.publishDate)).toEqual(['2022-07-12', '2022-09-07']);
    expect(en.dateOrder).toEqual({ dayFirst: false, decidedBy: 'fallback', mixed: false });
    // ISO dates only: there is no order to decide.
    const iso = ok(parseMetricsCsv('Title,Publish time,Reach\nA,2022-09-07T09:00:00-0500,10\n'));
    expect(iso.rows[0].publishDate).toBe('2022-09-07');
    expect(iso.dateOrder).toBeNull();
  });

  it('refuses, rather than turns around, a date written in the other order than the rest of the file', () => {
    const result = ok(parseMetricsCsv(fixture('meta-es-la-mixed-order.csv')));
    expect(result.dateOrder).toEqual({ dayFirst: false, decidedBy: 'values', mixed: true });
    expect(result.rows.map((r) => r.publishDate)).toEqual(['2022-06-22', '2022-07-29', '2022-09-07', undefined]);
    expect(result.problems).toEqual([{ row: 5, message: importMessages.mixedDateOrder('Hora de publicación', '23/10/2022 18:00', false) }]);
  });

  it('decides each column by its own values, and an undecided column by the file’s other date column', () => {
    const csv = 'Title,Publish time,Date,Reach\nA,06/22/2022 10:00,07/09/2022,5\nB,06/23/2022 10:00,07/10/2022,6\n';
    const result = ok(parseMetricsCsv(csv));
    expect(result.rows.map((r) => [r.publishDate, r.day])).toEqual([
      ['2022-06-22', '2022-07-09'],
      ['2022-06-23', '2022-07-10'],
    ]);
    // A daily row's day is the date its figures are as of.
    expect(result.rows[0].asOf).toBe('2022-07-09');
  });
});

describe('date order decided by the whole file', () => {
  it('reads every row in the order the whole file decides, even when only its last row decides it', () => {
    const lines = ['Título,Hora de publicación,Alcance']; // Spanish headers: the fallback would be day first
    // Ambiguous dates (both parts ≤ 12) for 20.000 rows, then one month-first date that settles it.
    for (let i = 0; i < 20_000; i++) lines.push(`Video ${lines.length},05/06/2022 10:00,${lines.length}`);
    lines.push('Último,06/22/2022 10:00,1');
    const result = ok(parseMetricsCsv(new TextEncoder().encode(`${lines.join('\n')}\n`)));
    expect(result.dateOrder).toEqual({ dayFirst: false, decidedBy: 'values', mixed: false });
    expect(new Set(result.rows.map((r) => r.publishDate))).toEqual(new Set(['2022-05-06', '2022-06-22']));
  });
});

describe('problems are data', () => {
  it('lists the first 200 problems and counts the rest', () => {
    const lines = ['Title,Reach'];
    for (let i = 0; i < 250; i++) lines.push(`Video ${i},abc`);
    const result = ok(parseMetricsCsv(lines.join('\n')));
    expect(result.problems).toHaveLength(metricsImportLimits.maxProblems);
    expect(result.moreProblems).toBe(50);
    expect(result.problems.every((p) => p.row !== undefined)).toBe(true);
  });
});

describe('a Meta export read one record at a time (its dates at the end of the file)', () => {
  it('reports the problems in the order of the rows and cells, drops a row whose date cannot be read, and reads fractions of retention as percents', () => {
    const text = [
      'Title,Reach,Publish time,Date,Duration (sec),Percentage of total views at interval 0,Percentage of total views at interval 1',
      'A,abc,99/99/2022,Lifetime,x,0.5,0.25',
      'B,5,06/22/2022,31/31/2022,y,1,1',
      'C,7,06/22/2022,Lifetime,30,80,40,extra',
      'D,-1,06/23/2022,06/24/2022,20,,',
    ].join('\n');
    const result = ok(parseMetricsCsv(text));
    expect(result.problems.map((p) => [p.row, p.message.slice(0, 24)])).toEqual([
      [4, importMessages.extraCells.slice(0, 24)],
      [2, 'Columna «Reach»: «abc» n'],
      [2, 'Columna «Publish time»: '],
      [2, 'Columna «Duration (sec)»'],
      [3, 'Columna «Date»: «31/31/2'],
      [5, 'Columna «Reach»: «-1» es'],
    ]);
    // Row 3 (its date unreadable) is left out with that one problem, not its others.
    expect(result.rows.map((r) => [r.rowNumber, r.title, r.day ?? null, r.publishDate ?? null, r.durationSeconds ?? null])).toEqual([
      [2, 'A', null, null, null],
      [4, 'C', null, '2022-06-22', 30],
      [5, 'D', '2022-06-24', '2022-06-23', 20],
    ]);
    expect(result.rows[0].values.sincePublication!.retentionCurve).toEqual([{ interval: 0, percent: 50 }, { interval: 1, percent: 25 }]);
    expect(result.rows[1].values.sincePublication!.retentionCurve).toEqual([{ interval: 0, percent: 80 }, { interval: 1, percent: 40 }]);
    expect(result.rows[2].values.sincePublication?.retentionCurve).toBeUndefined();
  });
});

describe('forEachCsvRecord', () => {
  it('hands over the records readCsv returns, with the same delimiter, unclosed quote and cap', () => {
    const inputs = ['a;b\r\n1;2\r\n', 'a,b\n1,2\n\n3,4', '\ufeffsep=;\na;b\n"x\ny";2\n', 'a\tb\n"1\t2', '\n\n  \nTitle,Reach\nA,1\r\nB,2\rC,3\n', 'x\n1\n2\n3\n4\n', ''];
    for (const input of inputs) {
      for (const maxRecords of [undefined, 2]) {
        const expected = readCsv(input, { maxRecords });
        const seen: string[][] = [];
        const streamed = forEachCsvRecord(input, (record, index) => {
          expect(index).toBe(seen.length);
          seen.push(record);
        }, { maxRecords });
        expect({ ...streamed, records: seen.slice(0, streamed.records) }, JSON.stringify(input)).toEqual(expected);
      }
    }
  });
});
