import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { expectProblem, validForum } from '../support/api-assertions';
import type { PublicationState } from '../../src/domain/publication';
import type { Forum } from '../../src/domain/forum';
import type { EvaluationTally } from '../../src/domain/evaluation';
import { evaluateMessages } from '../../src/api/public-evaluation';
import { createParticipaSite } from '../../src/public/participa-site';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/** A participant evaluates a forum that happened (issue 14): same tally as typed and imported responses. */
describe('citizen evaluation of a forum', () => {
  let api: TestApi;
  let editor: string;
  let held: Forum;
  let upcoming: Forum;
  let clock = new Date('2024-05-10T15:00:00Z');
  const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
  let address = 1;
  const nextAddress = () => `127.0.5.${address++}`;

  beforeAll(async () => {
    api = await createTestApi({ now: () => clock, voteSecret: 'secreto-de-prueba' });
    editor = await api.login('editora');
    const make = async (overrides: Parameters<typeof validForum>[0]) => {
      const res = await api.call('POST', '/api/forums', { cookie: editor, body: validForum({ year: 2024, questions: [], ...overrides }) });
      return (await res.json()) as Forum;
    };
    held = await make({ title: 'Foro de salud', date: '2024-04-01', status: 'held' });
    upcoming = await make({ title: 'Foro de movilidad', date: '2024-06-01', status: 'planned' });
    const s = (await (await api.call('GET', '/api/publication/2024', { cookie: editor })).json()) as PublicationState;
    await api.call('PUT', '/api/publication/2024', { cookie: editor, body: { ...s.settings, entityName: 'Entidad', show: { ...s.settings.show, calendar: true }, version: s.version } });
  });

  async function token() {
    const { formToken } = (await (await api.call('GET', '/api/public/years/2024/consultation/form-token')).json()) as { formToken: string };
    later(5_000);
    return formToken;
  }
  const evaluate = async (body: Record<string, unknown>, cookie?: string) => api.call('POST', '/api/public/years/2024/evaluations', { body, cookie, address: nextAddress() });
  const good = async (extra: Record<string, unknown> = {}) => ({ forumId: held.id, clarity: 5, usefulness: 4, participation: 3, answers: 5, format: 4, comment: 'Muy útil', valueGroup: 'Ciudadanía', formToken: await token(), ...extra });
  const tally = async () => ((await (await api.call('GET', `/api/forums/${held.id}/evaluation`, { cookie: editor })).json()) as { tally: EvaluationTally; responses: { source: string }[] });
  async function refused(res: Response, status: number, message: string) {
    expect((await expectProblem(res, status)).title).toBe(message);
  }

  it('an evaluation counts in the forum tally as «formulario web Foros»; the same browser cannot evaluate twice', async () => {
    const res = await evaluate(await good());
    expect(res.status).toBe(201);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(new RegExp(`^foros_evaluacion_${held.id}=`));
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const after = await tally();
    expect(after.tally.responses).toBe(1);
    expect(after.tally.satisfactionIndex).toBe(80);
    expect(after.responses.map((r) => r.source)).toEqual(['public']);
    await refused(await evaluate(await good(), cookie), 409, evaluateMessages.twice);
    await refused(await evaluate(await good(), `foros_evaluacion_${held.id}=abc.def`), 400, evaluateMessages.forged);
    expect((await tally()).tally.responses).toBe(1);
  });

  it('a forum still to come, bad scores, no score at all, script, honeypot or a too fast form: refused, nothing stored', async () => {
    await refused(await evaluate(await good({ forumId: upcoming.id })), 409, evaluateMessages.notYet);
    await refused(await evaluate(await good({ forumId: 999999 })), 404, evaluateMessages.noForum);
    await refused(await evaluate(await good({ clarity: 7 })), 400, evaluateMessages.invalid);
    await refused(await evaluate(await good({ clarity: '', usefulness: '', participation: '', answers: '', format: '' })), 400, evaluateMessages.empty);
    await refused(await evaluate(await good({ comment: '<script>x</script>' })), 400, evaluateMessages.scripted);
    await refused(await evaluate(await good({ website: 'spam' })), 400, evaluateMessages.honeypot);
    const base = await good();
    const { formToken } = (await (await api.call('GET', '/api/public/years/2024/consultation/form-token')).json()) as { formToken: string };
    await refused(await evaluate({ ...base, formToken }), 400, evaluateMessages.fast);
    expect((await tally()).tally.responses).toBe(1);
  });

  it('the page offers the survey (no JavaScript) only for forums that happened; the form leads to the thanks page', async () => {
    const site = createParticipaSite({ db: api.db, address: () => '127.0.0.1', now: () => clock, voteSecret: 'secreto-de-prueba' });
    const page = await (await site.request('http://localhost/participa/2024')).text();
    expect(page).toContain('Evaluar «Foro de salud»');
    expect(page).not.toContain('Evaluar «Foro de movilidad»');
    expect(page).toContain('<legend>¿La información fue clara?</legend>');
    const token = /action="\/api\/public\/years\/2024\/evaluations"[\s\S]*?name="formToken" value="([^"]+)"/.exec(page)![1]!;
    later(10_000);
    const form = new URLSearchParams({ forumId: String(held.id), clarity: '4', usefulness: '', participation: '2', answers: '', format: '', comment: '', valueGroup: '', formToken: token, website: '' });
    const res = await api.call('POST', '/api/public/years/2024/evaluations', { rawBody: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, address: nextAddress() });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/participa/2024/evaluacion?resultado=ok');
    const thanks = await (await site.request(`http://localhost${res.headers.get('location')}`)).text();
    expect(thanks).toContain('Gracias por su evaluación');
    expect((await tally()).tally.responses).toBe(2);
  });

  it('per-address limit: the eleventh evaluation in a minute from one address is a 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await api.call('POST', '/api/public/years/2024/evaluations', { body: { website: '' }, address: '127.0.6.1' })).status);
    expect(statuses[10]).toBe(429);
  });
});
