import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { expectProblem, validForum } from '../support/api-assertions';
import type { PublicationState } from '../../src/domain/publication';
import { publicRateLimits } from '../../src/api/public-routes';
import { readPdf } from '../support/pdf-reader';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/** Every public resource of a year (the routes under /api/public). */
const resources = (year: number, forumId: number) => [
  `/api/public/years/${year}`,
  `/api/public/years/${year}/calendar`,
  `/api/public/years/${year}/calendar.ics`,
  `/api/public/years/${year}/forums/${forumId}.ics`,
  `/api/public/years/${year}/report`,
  `/api/public/years/${year}/report.json`,
  `/api/public/years/${year}/report.docx`,
  `/api/public/years/${year}/report.pdf`,
  `/api/public/years/${year}/open-data.json`,
  `/api/public/years/${year}/open-data/forums.csv`,
  `/api/public/years/${year}/open-data/questions.csv`,
  `/api/public/years/${year}/open-data/metrics.csv`,
  `/api/public/years/${year}/open-data/dictionary.csv`,
];

/** Staff-only values planted in a published year's forum: none may appear in any public answer. */
const secrets = {
  askedBy: 'Ciudadana Reservada Pérez',
  action: 'Acción interna de planeación reservada',
  username: 'editora',
};

describe('public API leaks nothing unpublished and no staff-only field', () => {
  let api: TestApi;
  let editor: string;
  let forumId: number;
  beforeAll(async () => {
    api = await createTestApi({ demo: true });
    editor = await api.login('editora');
    const res = await api.call('POST', '/api/forums', {
      cookie: editor,
      body: validForum({
        title: 'Foro con datos internos',
        date: '2022-11-20',
        time: '10:00',
        actions: [{ phase: 'before', text: secrets.action, done: false }],
        questions: [{ text: '¿Cuándo abren la convocatoria?', channel: 'web_form', answered: false, answeredBy: '', answerSummary: '' }],
      }),
    });
    expect(res.status).toBe(201);
    forumId = ((await res.json()) as { id: number }).id;
    // A name left in the old «Quién preguntó» column (before migration 0015 cleared it): never shown either.
    await api.db.updateTable('forum_questions').set({ asked_by: secrets.askedBy }).where('forum_id', '=', forumId).execute();
  });

  const settings = async (year: number) => (await (await api.call('GET', `/api/publication/${year}`, { cookie: editor })).json()) as PublicationState;
  async function publish(year: number, show: Partial<PublicationState['settings']['show']>) {
    const s = await settings(year);
    const res = await api.call('PUT', `/api/publication/${year}`, { cookie: editor, body: { ...s.settings, entityName: s.settings.entityName || 'Entidad', show: { ...s.settings.show, ...show }, version: s.version } });
    expect(res.status).toBe(200);
  }

  it('a year with nothing published: every public resource is a Spanish 404', async () => {
    const other = await api.call('POST', '/api/forums', { cookie: editor, body: validForum({ year: 2023, date: '2023-05-01' }) });
    const id = ((await other.json()) as { id: number }).id;
    for (const path of resources(2023, id)) await expectProblem(await api.call('GET', path), 404);
  });

  it('published parts answer; staff-only values never appear in any of them', async () => {
    for (const path of resources(2022, forumId)) {
      const res = await api.call('GET', path);
      expect(res.status, path).toBe(200);
      const text = path.endsWith('.docx') ? '' : path.endsWith('.pdf') ? readPdf(new Uint8Array(await res.arrayBuffer())).text : await res.text();
      for (const secret of Object.values(secrets)) expect(text, `${path} shows «${secret}»`).not.toContain(secret);
    }
  });

  it('a public forum carries exactly the public fields', async () => {
    const body = (await (await api.call('GET', '/api/public/years/2022/calendar')).json()) as { forums: Record<string, unknown>[] };
    const forum = body.forums.find((f) => f.id === forumId)!;
    expect(Object.keys(forum).sort()).toEqual(['date', 'durationMinutes', 'guidingQuestions', 'id', 'objective', 'place', 'platform', 'status', 'streamUrl', 'theme', 'time', 'title']);
    const year = (await (await api.call('GET', '/api/public/years/2022')).json()) as Record<string, unknown>;
    expect(Object.keys(year).sort()).toEqual(['answers', 'commitments', 'consultation', 'entity', 'forums', 'licence', 'openData', 'parts', 'privacyNotice', 'report', 'strategy', 'year']);
    expect(JSON.stringify([year.forums, year.consultation, year.entity, year.report])).not.toMatch(/"(version|createdBy|updatedBy|moderator|responsibleTeams|experts|actions|questions|askedBy|frameOrigins)"/);
  });

  it('each part turned off disappears from the page data and its own routes', async () => {
    await publish(2022, { calendar: false });
    for (const path of ['/calendar', '/calendar.ics', `/forums/${forumId}.ics`]) await expectProblem(await api.call('GET', `/api/public/years/2022${path}`), 404);
    expect(((await (await api.call('GET', '/api/public/years/2022')).json()) as { forums: unknown }).forums).toBeNull();

    await publish(2022, { report: false });
    for (const path of ['/report', '/report.json', '/report.docx', '/report.pdf']) await expectProblem(await api.call('GET', `/api/public/years/2022${path}`), 404);
    expect(((await (await api.call('GET', '/api/public/years/2022')).json()) as { report: unknown }).report).toBeNull();

    await publish(2022, { openData: false });
    for (const path of ['/open-data.json', '/open-data/forums.csv', '/open-data/dictionary.csv']) await expectProblem(await api.call('GET', `/api/public/years/2022${path}`), 404);

    await publish(2022, { questions: false, commitments: false });
    const rest = (await (await api.call('GET', '/api/public/years/2022')).json()) as { answers: unknown; commitments: unknown };
    expect([rest.answers, rest.commitments]).toEqual([null, null]);

    await publish(2022, { consultation: false });
    await expectProblem(await api.call('GET', '/api/public/years/2022'), 404);
    await publish(2022, { calendar: true, report: true, openData: true, consultation: true, questions: true, commitments: true });
  });

  it('a forum of another year, or one without a date, is not an .ics of this year', async () => {
    const undated = await api.call('POST', '/api/forums', { cookie: editor, body: validForum({ title: 'Sin fecha', date: null, time: null }) });
    const id = ((await undated.json()) as { id: number }).id;
    await expectProblem(await api.call('GET', `/api/public/years/2022/forums/${id}.ics`), 404);
    await expectProblem(await api.call('GET', '/api/public/years/2022/forums/abc.ics'), 404);
  });

  it('the .ics files: one event per dated forum, Bogotá time in UTC, for calendar apps', async () => {
    const one = await api.call('GET', `/api/public/years/2022/forums/${forumId}.ics`);
    expect(one.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await one.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('DTSTART:20221120T150000Z');
    expect(text).toContain('SUMMARY:Foro con datos internos');
    const feed = await (await api.call('GET', '/api/public/years/2022/calendar.ics')).text();
    expect(feed.match(/BEGIN:VEVENT/g)?.length).toBe(4);
  });

  it('public routes take no writes, no big bodies, and are rate limited per address', async () => {
    const post = await api.call('POST', '/api/public/years/2022', { body: {} });
    expect(post.status).toBe(405);
    let last: Response | null = null;
    for (let i = 0; i <= publicRateLimits.docx; i++) last = await api.call('GET', '/api/public/years/2022/report.docx', { address: '127.0.0.9' });
    const limited = await expectProblem(last!, 429);
    expect(limited.title).toMatch(/Demasiadas peticiones/);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await api.call('GET', '/api/public/years/2022/report.docx', { address: '127.0.0.10' })).status).toBe(200);
  });
});
