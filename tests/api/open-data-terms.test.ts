import { beforeAll, describe, expect, it } from 'vitest';
import { forums as forumCatalog } from '../../src/client/i18n/es/forums';
import { forumForm as forumFormCatalog } from '../../src/client/i18n/es/forum-form';
import { consultations as consultationCatalog } from '../../src/client/i18n/es/consultations';
import { forumStatuses, questionChannels } from '../../src/domain/forum';
import { createTestApi } from '../support/test-api';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/** Issue 10 item 13: the open data's dictionary says what the app says and names the files the export writes. */
describe('open-data dictionary: one term per concept', () => {
  let api: TestApi;
  let reviewer: string;
  beforeAll(async () => {
    api = await createTestApi({ demo: true });
    reviewer = await api.login('revisor');
  });

  const csv = async (path: string) => {
    const res = await api.call('GET', path, { cookie: reviewer });
    expect(res.status, path).toBe(200);
    const text = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()));
    const fileName = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1];
    return { text, fileName, rows: text.split('\r\n').filter(Boolean).map((line) => line.split(';')) };
  };

  it('names each file as the download is named (forums-2022.csv), never forums.csv', async () => {
    const dictionary = await csv('/api/years/2022/open-data/dictionary.csv');
    const filesInDictionary = new Set(dictionary.rows.slice(1).map((row) => row[0]));
    const written = new Set<string>();
    for (const file of ['forums', 'questions', 'metrics', 'commitments', 'evaluations'] as const) written.add((await csv(`/api/years/2022/open-data/${file}.csv`)).fileName!);
    expect(filesInDictionary).toEqual(written);
    expect([...written]).toEqual(['forums-2022.csv', 'questions-2022.csv', 'metrics-2022.csv', 'commitments-2022.csv', 'evaluations-2022.csv']);
    expect(dictionary.fileName).toBe('dictionary-2022.csv');
    expect(dictionary.text).not.toMatch(/\bforums\.csv\b/);
    expect(dictionary.text).toContain('Identificador del foro (forums-2022.csv)');
  });

  it('labels each status and channel code with the term the app shows', async () => {
    const json = await (await api.call('GET', '/api/years/2022/open-data/dictionary.json', { cookie: reviewer })).json();
    const meaning = (column: string) => json.dictionary.find((e: { column: string }) => e.column === column).meaning as string;
    for (const status of forumStatuses) expect(meaning('status')).toContain(`${status} = ${forumCatalog.statuses[status].toLowerCase()}`);
    for (const channel of questionChannels) expect(meaning('channel')).toContain(`${channel} = ${forumCatalog.channels[channel].toLowerCase()}`);
    expect(meaning('status')).not.toContain('programado');
    expect(meaning('public_questions')).toBe(`Número de ${forumCatalog.detail.sections.questions.toLowerCase()}`);
  });

  it('the app names the questions one way, and a forum made from a topic by its real state', () => {
    expect(forumCatalog.detail.sections.questions).toBe('Preguntas de la ciudadanía');
    expect(forumFormCatalog.sections.questions).toBe(forumCatalog.detail.sections.questions);
    const all = JSON.stringify([forumCatalog, forumFormCatalog, consultationCatalog]);
    expect(all).not.toContain('del público');
    expect(consultationCatalog.summary.confirmText).not.toContain('borrador');
    expect(consultationCatalog.summary.confirmText).toContain(`«${forumCatalog.statuses.planned}»`);
  });
});
