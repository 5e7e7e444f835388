import { describe, expect, it } from 'vitest';
import type { CommitmentDetail } from '../../src/domain/commitment';
import { accountabilityColumns } from '../../src/export/open-data-accountability';
import { createTestApi } from '../support/test-api';

/** Issue 13: commitments-YYYY.csv and evaluations-YYYY.csv in the year's open data, with their dictionary; never on the public site. */
async function setup() {
  // The clock: 1 December 2022 in Bogotá.
  const api = await createTestApi({ demo: true, now: () => new Date('2022-12-01T15:00:00Z') });
  const editor = await api.login('editora');
  const reviewer = await api.login('revisor');
  const forum = await api.db.selectFrom('forums').select(['id', 'title']).where('date', '=', '2022-06-22').executeTakeFirstOrThrow();
  const csv = async (path: string, cookie?: string) => {
    const res = await api.call('GET', path, { cookie });
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const fileName = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1];
    const [header, ...rows] = text.split('\r\n').filter(Boolean).map((line) => line.split(';'));
    return { text, fileName, header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
  };
  return { api, editor, reviewer, forum, csv };
}

describe('open data: commitments and evaluations', () => {
  it('commitments-2022.csv: status with «vencido» derived, progress, last follow-up; the area but never the person', async () => {
    const { api, editor, reviewer, forum, csv } = await setup();
    const body = { forumId: forum.id, text: 'Publicar la ruta de acceso a empleo juvenil', area: 'Subdirección de Formación', person: 'Ana Persona Privada', dueDate: '2022-11-30', status: 'pending', cancelReason: '', progress: 0 };
    const made = (await (await api.call('POST', '/api/commitments', { cookie: editor, body })).json()) as CommitmentDetail;
    const followed = await api.call('POST', `/api/commitments/${made.id}/follow-ups`, { cookie: editor, body: { date: '2022-10-01', note: 'Primer borrador', progress: 30, evidenceUrl: '', version: 1 } });
    expect(followed.status).toBe(201);
    expect((await api.call('POST', `/api/commitments/${made.id}/follow-ups`, { cookie: editor, body: { date: '2022-11-15', note: 'Borrador revisado', progress: 60, evidenceUrl: '', version: 2 } })).status).toBe(201);
    const later = (await (await api.call('POST', '/api/commitments', { cookie: editor, body: { ...body, text: 'Mesa de seguimiento', dueDate: '2023-03-01' } })).json()) as CommitmentDetail;

    const file = await csv('/api/years/2022/open-data/commitments.csv', reviewer);
    expect(file.fileName).toBe('commitments-2022.csv');
    expect(file.header).toEqual(accountabilityColumns.commitments);
    expect(file.text).not.toContain('Ana Persona Privada');
    const mine = file.rows.find((r) => r.commitment_id === String(made.id));
    expect(mine).toMatchObject({ forum_id: String(forum.id), text: body.text, area: body.area, due_date: '2022-11-30', status: 'in_progress', effective_status: 'overdue', progress: '60', last_follow_up_date: '2022-11-15', last_follow_up_note: 'Borrador revisado' });
    expect(file.rows.find((r) => r.commitment_id === String(later.id))).toMatchObject({ status: 'pending', effective_status: 'pending', progress: '0', last_follow_up_date: '', last_follow_up_note: '' });
  });

  it('evaluations-2022.csv: per forum and question, the count of each score, satisfaction index and responses; no comment', async () => {
    const { api, editor, reviewer, forum, csv } = await setup();
    const before = (await csv('/api/years/2022/open-data/evaluations.csv', reviewer)).rows.filter((r) => r.forum_id === String(forum.id));
    expect(before).toEqual([]);
    for (const scores of [
      { clarity: 5, usefulness: 4, participation: null, answers: null, format: null },
      { clarity: 2, usefulness: 5, participation: 3, answers: null, format: null },
    ]) {
      const res = await api.call('POST', `/api/forums/${forum.id}/evaluation/responses`, { cookie: editor, body: { scores, comment: 'Comentario reservado', valueGroup: 'Jóvenes' } });
      expect(res.status).toBe(201);
    }
    const file = await csv('/api/years/2022/open-data/evaluations.csv', reviewer);
    expect(file.fileName).toBe('evaluations-2022.csv');
    expect(file.header).toEqual(accountabilityColumns.evaluations);
    expect(file.text).not.toContain('Comentario reservado');
    const rows = file.rows.filter((r) => r.forum_id === String(forum.id));
    expect(rows.map((r) => r.question)).toEqual(['clarity', 'usefulness', 'participation', 'answers', 'format']);
    // 5 scores given, 3 of them 4 or 5 → 60 %.
    expect(rows[0]).toMatchObject({ forum_title: forum.title, score_1: '0', score_2: '1', score_3: '0', score_4: '0', score_5: '1', answered: '2', mean: '3.5', satisfied_percent: '50', forum_satisfaction_index: '60', forum_responses: '2' });
    expect(rows[3]).toMatchObject({ answered: '0', mean: '', satisfied_percent: '' });
  });

  it('the dictionary names the new files and every column; the JSON carries them; the public site does not', async () => {
    const { api, reviewer, csv } = await setup();
    const dictionary = await csv('/api/years/2022/open-data/dictionary.csv', reviewer);
    for (const file of ['commitments', 'evaluations'] as const) for (const column of accountabilityColumns[file]) expect(dictionary.text).toContain(`${file}-2022.csv;${column};`);
    expect(dictionary.text).toContain('overdue = vencido');
    const json = await (await api.call('GET', '/api/years/2022/open-data.json', { cookie: reviewer })).json();
    expect(Array.isArray(json.commitments) && Array.isArray(json.evaluations)).toBe(true);
    expect(json.dictionary.some((e: { file: string }) => e.file === 'commitments')).toBe(true);
    expect((await api.call('GET', '/api/years/2022/open-data/commitments.csv')).status).toBe(401);

    // The demo publishes its open data: the public files stay the office's three, with their dictionary only.
    const publicDictionary = await csv('/api/public/years/2022/open-data/dictionary.csv');
    expect(publicDictionary.text).not.toContain('commitments-2022.csv');
    expect(publicDictionary.text).not.toContain('evaluations-2022.csv');
    for (const file of ['commitments', 'evaluations']) expect((await api.call('GET', `/api/public/years/2022/open-data/${file}.csv`)).status).toBe(404);
    const publicJson = await (await api.call('GET', '/api/public/years/2022/open-data.json')).json();
    expect(publicJson.commitments).toBeUndefined();
  });
});
