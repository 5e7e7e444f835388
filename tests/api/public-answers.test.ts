import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { validForum } from '../support/api-assertions';
import type { PublicationState } from '../../src/domain/publication';
import type { Forum } from '../../src/domain/forum';
import { questionCaseInput, type QuestionCase } from '../../src/domain/question';
import { docFromParagraphs } from '../../src/domain/rich-text';
import type { PublicYear } from '../../src/api/public-read';
import { createParticipaSite } from '../../src/public/participa-site';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/** Staff-only values planted on the data: none may reach the public answers or commitments. */
const secrets = { asker: 'Nombre-Secreto-Ciudadano', contact: 'secreto@example.org', assignee: 'Asignada-Secreta', answeredBy: 'Respondio-Secreto', person: 'Persona-Secreta', unpublished: 'Respuesta-No-Publicable', unanswered: 'Pregunta-Sin-Responder' };

/** «Preguntas y respuestas» and «Compromisos» on the public page (issue 14): only what the office published. */
describe('public answers and commitments', () => {
  let api: TestApi;
  let editor: string;
  const clock = new Date('2024-09-10T15:00:00Z');
  let site: ReturnType<typeof createParticipaSite>;

  beforeAll(async () => {
    api = await createTestApi({ now: () => clock, voteSecret: 'secreto-de-prueba' });
    editor = await api.login('editora');
    const q = (text: string) => ({ text, channel: 'web_form' as const, answered: false, answeredBy: '', answerSummary: '' });
    const res = await api.call('POST', '/api/forums', {
      cookie: editor,
      body: validForum({ year: 2024, title: 'Foro de movilidad', date: '2024-08-01', status: 'held', questions: [q('¿Habrá rutas <b>nocturnas</b>?'), q('¿Y los parques?'), q(secrets.unanswered)] }),
    });
    expect(res.status).toBe(201);
    const forum = (await res.json()) as Forum;
    const [published, notPublishable] = forum.questions.map((x) => x.questionId!);
    const answer = async (id: number, text: string, publishable: boolean) => {
      const current = (await (await api.call('GET', `/api/questions/${id}`, { cookie: editor })).json()) as QuestionCase;
      const put = await api.call('PUT', `/api/questions/${id}`, {
        cookie: editor,
        body: { ...questionCaseInput(current), version: current.version, status: publishable ? 'publicada' : 'respondida', assignee: secrets.assignee, answeredBy: secrets.answeredBy, answer: docFromParagraphs([text]), answeredAt: '2024-08-05', answerChannel: 'web', publishable },
      });
      expect(put.status).toBe(200);
    };
    await answer(published!, 'Sí: desde octubre <img src=x onerror=alert(1)>.', true);
    await answer(notPublishable!, secrets.unpublished, false);
    const personal = await api.call('PUT', `/api/questions/${published}/personal-data`, { cookie: editor, body: { name: secrets.asker, contact: secrets.contact, consentText: 'Aviso', consentAt: '2024-08-01T10:00' } });
    expect(personal.status).toBe(200);
    const commitment = await api.call('POST', '/api/commitments', {
      cookie: editor,
      body: { forumId: forum.id, text: 'Publicar el horario de las rutas nocturnas', area: 'Movilidad', person: secrets.person, dueDate: '2024-12-01', status: 'in_progress', cancelReason: '', progress: 40 },
    });
    expect(commitment.status).toBe(201);
    site = createParticipaSite({ db: api.db, address: () => '127.0.0.1', now: () => clock, voteSecret: 'secreto-de-prueba' });
  });

  async function publish(show: Partial<PublicationState['settings']['show']>) {
    const s = (await (await api.call('GET', '/api/publication/2024', { cookie: editor })).json()) as PublicationState;
    const res = await api.call('PUT', '/api/publication/2024', { cookie: editor, body: { ...s.settings, entityName: 'Entidad', show: { ...s.settings.show, ...show }, version: s.version } });
    expect(res.status).toBe(200);
  }
  const year = async () => (await (await api.call('GET', '/api/public/years/2024')).json()) as PublicYear;
  const page = async () => (await site.request('http://localhost/participa/2024')).text();

  it('off: neither part appears in the page data nor on the page', async () => {
    await publish({ calendar: true, questions: false, commitments: false });
    const data = await year();
    expect(data.answers).toBeNull();
    expect(data.commitments).toBeNull();
    const html = await page();
    expect(html).not.toContain('Preguntas y respuestas');
    expect(html).not.toContain('rutas nocturnas');
  });

  it('on: only the answered questions marked publishable, with exactly the public fields, never who asked or answered inside', async () => {
    await publish({ calendar: false, questions: true, commitments: true });
    const data = await year();
    expect(data.answers).toEqual([
      { id: expect.any(Number), forumId: expect.any(Number), forumTitle: 'Foro de movilidad', question: '¿Habrá rutas <b>nocturnas</b>?', answer: 'Sí: desde octubre <img src=x onerror=alert(1)>.', receivedOn: '2024-08-01', answeredOn: '2024-08-05', answeredLive: false },
    ]);
    expect(data.commitments).toEqual([
      { id: expect.any(Number), forumId: expect.any(Number), forumTitle: 'Foro de movilidad', text: 'Publicar el horario de las rutas nocturnas', area: 'Movilidad', dueDate: '2024-12-01', status: 'in_progress', progress: 40, cancelReason: '', lastFollowUp: null },
    ]);
    const json = JSON.stringify(data);
    for (const value of Object.values(secrets)) expect(json).not.toContain(value);
  });

  it('the page shows them as escaped plain text, with the progress in words, and still nothing staff-only', async () => {
    await publish({ calendar: true, questions: true, commitments: true });
    const html = await page();
    expect(html).toContain('<h2 id="preguntas-titulo">Preguntas y respuestas</h2>');
    expect(html).toContain('¿Habrá rutas &lt;b&gt;nocturnas&lt;/b&gt;?');
    expect(html).toContain('Sí: desde octubre &lt;img src=x onerror=alert(1)&gt;.');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('<h2 id="compromisos-titulo">Compromisos</h2>');
    expect(html).toContain('<dd>40 %');
    expect(html).toContain('En curso');
    expect(html).toContain('href="/participa/2024#preguntas"');
    for (const value of Object.values(secrets)) expect(html).not.toContain(value);
    expect(html).not.toContain('<script');
  });

  it('a year with only answers published is a public year (listed, and its page exists)', async () => {
    await publish({ calendar: false, consultation: false, report: false, openData: false, questions: true, commitments: false });
    expect((await site.request('http://localhost/participa/2024')).status).toBe(200);
    expect(await (await site.request('http://localhost/participa')).text()).toContain('href="/participa/2024"');
  });
});
