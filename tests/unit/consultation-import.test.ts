import { describe, expect, it } from 'vitest';
import { tallyConsultation } from '../../src/domain/consultation-tally';
import {
  consultationImportMessages,
  detectDayFirst,
  mapImportRows,
  parseChannel,
  parseFormTimestamp,
  parseValueGroupKind,
  suggestMapping,
  timestampDateOrder,
  type MapImportOptions,
} from '../../src/domain/consultation-import';
import { readCsv } from '../../src/domain/csv';

const consultation = {
  openDate: '2022-05-01',
  closeDate: '2022-05-31',
  topics: [
    { id: 11, title: 'Políticas Públicas Poblacionales' },
    { id: 12, title: 'Modelo Integrado de Planeación y Gestión — MIPG' },
    { id: 13, title: 'Causas Ciudadanas, Gobierno Abierto' },
  ],
};

/** A Google Forms export in Spanish, as its CSV download writes it. */
const googleCsv = [
  'Marca temporal,Dirección de correo electrónico,Nombre completo,¿A qué grupo de valor pertenece?,¿Qué temas le gustaría que se trataran en los foros?,¿Qué otro tema propone?,¿Qué preguntas le gustaría que se respondieran en el foro?,¿Por qué medio se enteró de la consulta?',
  '2022/05/03 10:15:00 a. m. GMT-5,ana@example.org,Ana Pérez,Servidor público (interno),"Políticas Públicas Poblacionales, Modelo Integrado de Planeación y Gestión — MIPG",,¿Cómo se aplica el enfoque diferencial?,Correo institucional',
  '2022/05/20 4:02:10 p. m. GMT-5,,,Ciudadanía,"Causas Ciudadanas, Gobierno Abierto",Salud mental,,Facebook',
  '2022/06/02 9:00:00 a. m. GMT-5,luis@example.org,Luis,Contratista,politicas publicas poblacionales,,,',
  '',
].join('\n');

const google = () => {
  const { records } = readCsv(googleCsv, { delimiter: ',' });
  return { header: records[0], rows: records.slice(1) };
};

const options = (overrides: Partial<MapImportOptions> = {}): MapImportOptions => {
  const { header, rows } = google();
  return { header, rows, mapping: suggestMapping(header), consultation, lateMode: 'mark', defaultChannel: 'web', ...overrides };
};

describe('suggestMapping', () => {
  it('places the columns of a Spanish Google Forms export', () => {
    expect(Object.values(suggestMapping(google().header))).toEqual(['timestamp', 'personal', 'personal', 'valueGroup', 'topics', 'proposedTopic', 'questions', 'channel']);
  });

  it('reads a question asking whether the person is a public servant or a citizen as the internal/external column', () => {
    const header = ['Marca temporal', '¿Es usted servidor o ciudadano?', '¿Qué temas le interesan?'];
    expect(suggestMapping(header)).toEqual({ 'Marca temporal': 'timestamp', '¿Es usted servidor o ciudadano?': 'valueGroupKind', '¿Qué temas le interesan?': 'topics' });
  });

  it('places the columns of an English Microsoft Forms export', () => {
    const header = ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time', 'Which value group are you in? (internal or external)', 'Which topics should the forums cover?', 'Questions for the forum'];
    expect(suggestMapping(header)).toEqual({
      ID: 'ignore',
      'Start time': 'ignore',
      'Completion time': 'timestamp',
      Email: 'personal',
      Name: 'personal',
      'Last modified time': 'ignore',
      'Which value group are you in? (internal or external)': 'valueGroupKind',
      'Which topics should the forums cover?': 'topics',
      'Questions for the forum': 'questions',
    });
  });

  it('places a Spanish Microsoft Forms export and gives the timestamp role once', () => {
    const mapping = suggestMapping(['Id', 'Hora de inicio', 'Hora de finalización', 'Correo electrónico', 'Nombre', 'Tipo de grupo de valor', 'Temas', 'Marca temporal']);
    expect(mapping['Hora de finalización']).toBe('timestamp');
    expect(mapping['Hora de inicio']).toBe('ignore');
    expect(mapping['Correo electrónico']).toBe('personal');
    expect(mapping['Nombre']).toBe('personal');
    expect(mapping['Tipo de grupo de valor']).toBe('valueGroupKind');
    expect(mapping['Temas']).toBe('topics');
    expect(mapping['Marca temporal']).toBe('ignore');
  });
});

describe('cell readers', () => {
  it('reads Google and Microsoft timestamps to the ISO day', () => {
    expect(parseFormTimestamp('2022/05/03 10:15:00 a. m. GMT-5', true)).toBe('2022-05-03');
    expect(parseFormTimestamp('03/05/2022 10:15:00', true)).toBe('2022-05-03');
    expect(parseFormTimestamp('5/3/2022 10:15:00', false)).toBe('2022-05-03');
    expect(parseFormTimestamp('5/3/22 10:15:00', false)).toBe('2022-05-03');
    expect(parseFormTimestamp('2022-05-03T10:15:00.000Z', false)).toBe('2022-05-03');
    expect(parseFormTimestamp('44684.427', false)).toBe('2022-05-03');
    expect(parseFormTimestamp('31/02/2022', true)).toBeNull();
    expect(parseFormTimestamp('ayer', true)).toBeNull();
  });

  it('decides day-first from the values, else from the header language', () => {
    expect(detectDayFirst(['5/3/22 10:00', '25/3/22 10:00'], 'Completion time')).toBe(true);
    expect(detectDayFirst(['5/3/22 10:00', '3/25/22 10:00'], 'Marca temporal')).toBe(false);
    expect(detectDayFirst(['5/3/22 10:00'], 'Completion time')).toBe(false);
    expect(detectDayFirst(['5/3/22 10:00'], 'Hora de finalización')).toBe(true);
  });

  it('reads internal or external from the words people use', () => {
    expect(parseValueGroupKind('Interno')).toBe('internal');
    expect(parseValueGroupKind('EXTERNA')).toBe('external');
    expect(parseValueGroupKind('Servidor público')).toBe('internal');
    expect(parseValueGroupKind('Contratista')).toBe('internal');
    expect(parseValueGroupKind('Ciudadanía')).toBe('external');
    expect(parseValueGroupKind('Grupo de valor externo: familias')).toBe('external');
    expect(parseValueGroupKind('')).toBeNull();
    expect(parseValueGroupKind('Marciano')).toBeNull();
  });

  it('reads the channel, defaulting unknown words to other', () => {
    expect(parseChannel('Correo institucional')).toBe('email');
    expect(parseChannel('Facebook')).toBe('social');
    expect(parseChannel('Página web del Instituto')).toBe('web');
    expect(parseChannel('Canales oficiales')).toBe('official');
    expect(parseChannel('Un amigo')).toBe('other');
    expect(parseChannel('')).toBeNull();
  });
});

describe('mapImportRows', () => {
  it('maps a Google Forms export: multi-topic cells (titles with commas too), late marks, personal columns dropped', () => {
    const result = mapImportRows(options());
    if (!result.ok) throw new Error(result.message);
    expect(result.errors).toEqual([]);
    expect(result.total).toBe(3);
    expect(result.rowNumbers).toEqual([2, 3, 4]);
    expect(result.droppedPersonalColumns).toEqual(['Dirección de correo electrónico', 'Nombre completo']);
    expect(result.responses).toEqual([
      {
        valueGroupKind: 'internal',
        valueGroup: 'Servidor público (interno)',
        topicIds: [11, 12],
        proposedTopic: '',
        questions: ['¿Cómo se aplica el enfoque diferencial?'],
        channel: 'email',
        date: '2022-05-03',
        late: false,
      },
      { valueGroupKind: 'external', valueGroup: 'Ciudadanía', topicIds: [13], proposedTopic: 'Salud mental', questions: [], channel: 'social', date: '2022-05-20', late: false },
      { valueGroupKind: 'internal', valueGroup: 'Contratista', topicIds: [11], proposedTopic: '', questions: [], channel: 'web', date: '2022-06-02', late: true },
    ]);
    // No personal value anywhere in what is kept.
    expect(JSON.stringify(result.responses)).not.toMatch(/example\.org|Ana Pérez|Luis/);
  });

  it('rejects rows outside the period when asked to', () => {
    const result = mapImportRows(options({ lateMode: 'reject' }));
    if (!result.ok) throw new Error(result.message);
    expect(result.responses).toHaveLength(2);
    expect(result.errors).toEqual([{ row: 4, message: 'La fecha 2022-06-02 está fuera del periodo de la consulta.' }]);
  });

  it('drops a personal-looking column left unmapped, and never reads a personal column', () => {
    const { header } = google();
    const mapping = { ...suggestMapping(header) };
    delete mapping['Nombre completo'];
    const result = mapImportRows(options({ mapping }));
    if (!result.ok) throw new Error(result.message);
    expect(result.droppedPersonalColumns).toEqual(['Dirección de correo electrónico', 'Nombre completo']);
  });

  it('sends unknown topic text to the proposal when there is no proposal column, else makes it a row error', () => {
    const header = ['Timestamp', 'Value group', 'Topics', 'Other topic'];
    const rows = [['5/3/2022 10:15:00', 'External', 'MIPG?, Salud mental', '']];
    const withProposal = mapImportRows({ header, rows, mapping: { Timestamp: 'timestamp', 'Value group': 'valueGroupKind', Topics: 'topics', 'Other topic': 'proposedTopic' }, consultation, lateMode: 'mark' });
    if (!withProposal.ok) throw new Error(withProposal.message);
    expect(withProposal.errors).toEqual([{ row: 2, message: '«MIPG?» no es uno de los temas de la consulta.' }]);
    const without = mapImportRows({ header, rows, mapping: { Timestamp: 'timestamp', 'Value group': 'valueGroupKind', Topics: 'topics' }, consultation, lateMode: 'mark', defaultChannel: 'official' });
    if (!without.ok) throw new Error(without.message);
    expect(without.responses).toEqual([
      { valueGroupKind: 'external', valueGroup: '', topicIds: [], proposedTopic: 'MIPG?; Salud mental', questions: [], channel: 'official', date: '2022-05-03', late: false },
    ]);
  });

  it('reads Microsoft Forms m/d/yy timestamps and semicolon-separated choices', () => {
    const header = ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Internal or external value group', 'Topics'];
    const rows = [
      ['1', '5/3/22 10:11:00', '5/3/22 10:15:00', 'anonymous', '', 'Internal', 'Políticas Públicas Poblacionales;Causas Ciudadanas, Gobierno Abierto;'],
      ['2', '5/30/22 8:00:00', '5/30/22 8:05:00', 'anonymous', '', 'External', 'modelo integrado de planeacion y gestion — mipg'],
    ];
    const result = mapImportRows({ header, rows, mapping: suggestMapping(header), consultation, lateMode: 'mark' });
    if (!result.ok) throw new Error(result.message);
    expect(result.errors).toEqual([]);
    expect(result.responses.map((r) => [r.date, r.valueGroupKind, r.topicIds, r.valueGroup])).toEqual([
      ['2022-05-03', 'internal', [11, 13], ''],
      ['2022-05-30', 'external', [12], ''],
    ]);
    expect(result.droppedPersonalColumns).toEqual(['Email', 'Name']);
  });

  it('gives row errors for rows that cannot become responses, numbered as in the spreadsheet', () => {
    const header = ['Marca temporal', 'Grupo de valor', 'Temas', 'Preguntas'];
    const rows = [
      ['', 'Interno', 'MIPG', ''],
      ['ayer', 'Interno', 'Modelo Integrado de Planeación y Gestión — MIPG', ''],
      ['03/05/2022 10:00:00', 'Marciano', 'Modelo Integrado de Planeación y Gestión — MIPG', ''],
      ['03/05/2022 10:00:00', 'Interno', '', ''],
      ['03/05/2022 10:00:00', 'Interno', 'Modelo Integrado de Planeación y Gestión — MIPG', 'x'.repeat(2001)],
      ['', '', '', ''],
    ];
    const result = mapImportRows({
      header,
      rows,
      mapping: { 'Marca temporal': 'timestamp', 'Grupo de valor': 'valueGroup', Temas: 'topics', Preguntas: 'questions' },
      consultation,
      lateMode: 'mark',
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.total).toBe(5);
    expect(result.responses).toEqual([]);
    expect(result.errors.map((e) => e.row)).toEqual([2, 3, 4, 5, 6]);
    expect(result.errors[0].message).toBe('Falta la fecha de respuesta.');
    expect(result.errors[1].message).toBe('No se reconoce la fecha «ayer».');
    expect(result.errors[2].message).toMatch(/Marciano/);
    expect(result.errors[3].message).toBe('La fila no elige ningún tema ni propone uno.');
    expect(result.errors[4].message).toMatch(/Pregunta: máximo 2\.000 caracteres/);
  });

  it('refuses a mapping that names a missing column, gives a one-column role twice, or lacks the date, topics or value group', () => {
    const header = ['Marca temporal', 'Fecha', 'Grupo de valor', 'Temas'];
    const base = { header, rows: [], consultation, lateMode: 'mark' as const };
    const fail = (mapping: MapImportOptions['mapping']) => {
      const result = mapImportRows({ ...base, mapping });
      return result.ok ? null : { message: result.message, path: result.path };
    };
    expect(fail({ Otra: 'topics' })).toEqual({ message: 'El archivo no tiene la columna «Otra».', path: 'mapping.Otra' });
    expect(fail({ 'Marca temporal': 'timestamp', Fecha: 'timestamp', 'Grupo de valor': 'valueGroup', Temas: 'topics' })).toEqual({
      message: 'Solo una columna puede ser «Fecha de respuesta».',
      path: 'mapping.Fecha',
    });
    expect(fail({ 'Grupo de valor': 'valueGroup', Temas: 'topics' })?.path).toBe('mapping');
    expect(fail({ 'Marca temporal': 'timestamp', Temas: 'topics' })?.path).toBe('defaultValueGroupKind');
    expect(fail({ 'Marca temporal': 'timestamp', 'Grupo de valor': 'valueGroup' })?.message).toMatch(/temas elegidos/);
    expect(fail({ 'Marca temporal': 'timestamp', Temas: 'topics' })?.message).toMatch(/grupo de valor/);
  });

  it('maps 100.000 rows, every one of them', () => {
    const { header } = google();
    const cells = google().rows.slice(0, 3);
    const rows = Array.from({ length: 100_000 }, (_, i) => cells[i % 3]);
    const result = mapImportRows(options({ rows }));
    if (!result.ok) throw new Error(result.message);
    expect(result.responses).toHaveLength(100_000);
    expect(header).toHaveLength(8);
  });
});

describe('a topic-only form: the value group of the whole file (issue 10, item 1)', () => {
  const header = ['Marca temporal', '¿Qué tema le gustaría que se tratara en el foro?', 'Nombre', 'Dirección de correo electrónico'];
  const rows = [
    ['2022/05/03 10:15:00 a. m. GMT-5', 'Políticas Públicas Poblacionales', 'Ana Pérez', 'ana@example.org'],
    ['2022/05/04 11:00:00 a. m. GMT-5', 'Causas Ciudadanas, Gobierno Abierto', 'Luis Gómez', 'luis@example.org'],
  ];
  const base = { header, rows, mapping: suggestMapping(header), consultation, lateMode: 'mark' as const };

  it('without a value group column or a default, names what is missing and where to choose it', () => {
    expect(base.mapping).toEqual({
      'Marca temporal': 'timestamp',
      '¿Qué tema le gustaría que se tratara en el foro?': 'topics',
      Nombre: 'personal',
      'Dirección de correo electrónico': 'personal',
    });
    const result = mapImportRows(base);
    expect(result).toEqual({ ok: false, message: consultationImportMessages.valueGroupRequired, path: 'defaultValueGroupKind' });
    expect(consultationImportMessages.valueGroupRequired).toContain('«Grupo de valor de las respuestas sin grupo»');
    expect(consultationImportMessages.valueGroupRequired).not.toMatch(/No se pudo leer/);
  });

  it('with a default, every row takes it («no indicado», internal or external) and the tally counts it apart', () => {
    const result = mapImportRows({ ...base, defaultValueGroupKind: 'unspecified' });
    if (!result.ok) throw new Error(result.message);
    expect(result.errors).toEqual([]);
    expect(result.responses.map((r) => [r.valueGroupKind, r.valueGroup, r.topicIds])).toEqual([
      ['unspecified', '', [11]],
      ['unspecified', '', [13]],
    ]);
    const tally = tallyConsultation(consultation, result.responses.map((r, i) => ({ id: i + 1, ...r })));
    expect(tally.byTopic.find((t) => t.topicId === 11)).toMatchObject({ votes: 1, internal: 0, external: 0, unspecified: 1 });
    expect(tally.byValueGroup).toEqual([{ kind: 'unspecified', group: '', responses: 2 }]);
    const external = mapImportRows({ ...base, defaultValueGroupKind: 'external' });
    expect(external.ok && external.responses.every((r) => r.valueGroupKind === 'external')).toBe(true);
  });

  it('applies the default to rows whose group does not say their kind, never over a kind cell that says something unreadable', () => {
    const withGroup = mapImportRows({
      header: ['Marca temporal', 'Grupo de valor', 'Temas'],
      rows: [
        ['03/05/2022', 'Jóvenes', 'Políticas Públicas Poblacionales'],
        ['03/05/2022', 'Contratista', 'Políticas Públicas Poblacionales'],
        ['03/05/2022', '', 'Políticas Públicas Poblacionales'],
      ],
      mapping: { 'Marca temporal': 'timestamp', 'Grupo de valor': 'valueGroup', Temas: 'topics' },
      consultation,
      lateMode: 'mark',
      defaultValueGroupKind: 'unspecified',
    });
    if (!withGroup.ok) throw new Error(withGroup.message);
    expect(withGroup.responses.map((r) => [r.valueGroupKind, r.valueGroup])).toEqual([
      ['unspecified', 'Jóvenes'],
      ['internal', 'Contratista'],
      ['unspecified', ''],
    ]);
    const withKind = mapImportRows({
      header: ['Marca temporal', 'Tipo', 'Temas'],
      rows: [['03/05/2022', 'Marciano', 'Políticas Públicas Poblacionales']],
      mapping: { 'Marca temporal': 'timestamp', Tipo: 'valueGroupKind', Temas: 'topics' },
      consultation,
      lateMode: 'mark',
      defaultValueGroupKind: 'external',
    });
    expect(withKind.ok && withKind.errors.map((e) => e.message)).toEqual([consultationImportMessages.unknownKind('Marciano')]);
  });
});

describe('timestamp date order (the same helper as the metrics import: date-order.ts)', () => {
  it('is decided by all the values, and says when it fell back to the header language', () => {
    expect(timestampDateOrder(['5/3/22 10:00', '25/3/22 10:00'], 'Timestamp')).toEqual({ dayFirst: true, decidedBy: 'values', mixed: false });
    expect(timestampDateOrder(['5/3/22 10:00', '3/25/22 10:00'], 'Marca temporal')).toEqual({ dayFirst: false, decidedBy: 'values', mixed: false });
    expect(timestampDateOrder(['5/3/22 10:00'], 'Marca temporal')).toEqual({ dayFirst: true, decidedBy: 'fallback', mixed: false });
    const ambiguous = mapImportRows({
      header: ['Marca temporal', 'Grupo de valor', 'Temas'],
      rows: [['03/05/2022 10:00:00', 'Interno', 'Políticas Públicas Poblacionales']],
      mapping: { 'Marca temporal': 'timestamp', 'Grupo de valor': 'valueGroup', Temas: 'topics' },
      consultation,
      lateMode: 'mark',
    });
    expect(ambiguous.ok && ambiguous.dateOrder).toEqual({ dayFirst: true, decidedBy: 'fallback', mixed: false });
    expect(ambiguous.ok && ambiguous.responses[0].date).toBe('2022-05-03');
    const iso = mapImportRows(options());
    expect(iso.ok && iso.dateOrder).toBeNull();
  });
});
