import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { expectProblem, validForum } from '../support/api-assertions';
import type { PublicationState } from '../../src/domain/publication';
import type { Forum } from '../../src/domain/forum';
import type { PersonalData, QuestionCase } from '../../src/domain/question';
import { purgeExpiredPersonalData } from '../../src/api/question-routes';
import type { CitizenQuestionSubmission, SubmissionPage } from '../../src/domain/citizen-question';
import { askMessages } from '../../src/api/public-questions';
import { createParticipaSite } from '../../src/public/participa-site';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

const notice = 'La entidad trata sus datos para responder su pregunta (Ley 1581 de 2012). Puede pedir su supresión.';

/** A citizen asks a forum a question (issue 14): it waits «por moderar», unseen, until the office accepts it. */
describe('citizen questions and their moderation', () => {
  let api: TestApi;
  let editor: string;
  let reviewer: string;
  let upcoming: Forum;
  let past: Forum;
  let clock = new Date('2024-05-10T15:00:00Z');
  const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
  let address = 1;
  const nextAddress = () => `127.0.3.${address++}`;

  beforeAll(async () => {
    api = await createTestApi({ now: () => clock, voteSecret: 'secreto-de-prueba' });
    editor = await api.login('editora');
    reviewer = await api.login('revisor');
    const make = async (overrides: Parameters<typeof validForum>[0]) => {
      const res = await api.call('POST', '/api/forums', { cookie: editor, body: validForum({ year: 2024, questions: [], ...overrides }) });
      expect(res.status).toBe(201);
      return (await res.json()) as Forum;
    };
    upcoming = await make({ title: 'Foro de movilidad', date: '2024-06-01', status: 'planned' });
    past = await make({ title: 'Foro de salud', date: '2024-04-01', status: 'held' });
    const s = (await (await api.call('GET', '/api/publication/2024', { cookie: editor })).json()) as PublicationState;
    const res = await api.call('PUT', '/api/publication/2024', { cookie: editor, body: { ...s.settings, entityName: 'Entidad', privacyNotice: notice, show: { ...s.settings.show, calendar: true }, version: s.version } });
    expect(res.status).toBe(200);
  });

  async function token() {
    const res = await api.call('GET', '/api/public/years/2024/consultation/form-token');
    const { formToken } = (await res.json()) as { formToken: string };
    later(5_000);
    return formToken;
  }
  const ask = async (body: Record<string, unknown>) => api.call('POST', '/api/public/years/2024/questions', { body, address: nextAddress() });
  const good = async (extra: Record<string, unknown> = {}) => ({ forumId: upcoming.id, text: '¿Habrá rutas nocturnas en la localidad de Bosa?', formToken: await token(), ...extra });
  const queue = async (status = 'por_moderar') => (await (await api.call('GET', `/api/question-submissions?status=${status}`, { cookie: editor })).json()) as SubmissionPage;
  const stored = async () => (await api.db.selectFrom('citizen_questions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  async function refused(res: Response, status: number, message: string) {
    const body = await expectProblem(res, status);
    expect(body.title).toBe(message);
  }

  it('a question goes to the moderation queue, unseen by the public; a reviewer can read the queue but not decide', async () => {
    const res = await ask(await good());
    expect(res.status).toBe(201);
    const { items, counts } = await queue();
    expect(counts.por_moderar).toBe(1);
    expect(items[0]).toMatchObject({ forumId: upcoming.id, forumTitle: 'Foro de movilidad', text: '¿Habrá rutas nocturnas en la localidad de Bosa?', status: 'por_moderar', hasPersonalData: false, receivedAt: '2024-05-10T10:00' });
    const publicYear = await (await api.call('GET', '/api/public/years/2024')).text();
    expect(publicYear).not.toContain('rutas nocturnas');
    expect((await api.call('GET', '/api/question-submissions', { cookie: reviewer })).status).toBe(200);
    expect((await api.call('POST', `/api/question-submissions/${items[0]!.id}/accept`, { cookie: reviewer, body: { type: 'peticion' } })).status).toBe(403);
    // Nothing of it among the forum's questions either, until accepted.
    const forum = (await (await api.call('GET', `/api/forums/${upcoming.id}`, { cookie: editor })).json()) as Forum;
    expect(forum.questions).toHaveLength(0);
  });

  it('accepting makes a case (received date, due date after the 13 May holiday, channel «Formulario web») with the consented contact, audited', async () => {
    const res = await ask(await good({ text: '¿Cuándo abren las inscripciones del programa?', name: 'Ana Pérez', contact: 'ana@example.org', consent: 'si' }));
    expect(res.status).toBe(201);
    const waiting = (await queue()).items.find((s) => s.text.startsWith('¿Cuándo abren'))!;
    expect(waiting.hasPersonalData).toBe(true);
    expect(JSON.stringify(await queue())).not.toContain('ana@example.org');
    const accepted = await api.call('POST', `/api/question-submissions/${waiting.id}/accept`, { cookie: editor, body: { type: 'informacion' } });
    expect(accepted.status).toBe(200);
    const decided = (await accepted.json()) as CitizenQuestionSubmission;
    expect(decided).toMatchObject({ status: 'aceptada', moderatedBy: 'editora' });
    const q = (await (await api.call('GET', `/api/questions/${decided.questionId}`, { cookie: editor })).json()) as QuestionCase;
    expect(q).toMatchObject({ text: '¿Cuándo abren las inscripciones del programa?', channel: 'web_form', type: 'informacion', status: 'recibida', receivedAt: '2024-05-10T10:00', dueDate: '2024-05-27', hasPersonalData: true });
    const personal = (await (await api.call('POST', `/api/questions/${q.id}/personal-data/view`, { cookie: editor, body: {} })).json()) as { contact: string; consentText: string };
    expect(personal).toMatchObject({ contact: 'ana@example.org', consentText: notice });
    const again = await api.call('POST', `/api/question-submissions/${waiting.id}/reject`, { cookie: editor, body: { reason: 'Duplicada' } });
    await expectProblem(again, 409);
    const audit = await api.db.selectFrom('audit_log').select(['entity', 'changes', 'username']).where('entity', '=', 'citizen_question').where('entity_id', '=', waiting.id).execute();
    expect(audit.map((a) => a.username)).toEqual(['participa (pregunta ciudadana)', 'editora']);
  });

  it('merge into a case of the same forum keeps a consented contact with that case (audited, removable); reject drops it', async () => {
    await ask(await good({ text: '¿Habrá más rutas nocturnas para Bosa?', name: 'Luis', contact: '3001234567', consent: 'si' }));
    await ask(await good({ text: 'Pregunta que no tiene que ver con el foro', name: 'Marta', contact: 'marta@example.org', consent: 'si' }));
    const waiting = (await queue()).items;
    const dup = waiting.find((s) => s.text.startsWith('¿Habrá más rutas'));
    const other = waiting.find((s) => s.text.startsWith('Pregunta que no'));
    const target = (await (await api.call('GET', `/api/questions?forumId=${upcoming.id}`, { cookie: editor })).json()) as { items: { id: number }[] };
    const caseId = target.items[0]!.id;
    const wrong = await api.call('POST', `/api/question-submissions/${dup!.id}/merge`, { cookie: editor, body: { questionId: 999999 } });
    await expectProblem(wrong, 400);
    const merged = await api.call('POST', `/api/question-submissions/${dup!.id}/merge`, { cookie: editor, body: { questionId: caseId } });
    expect(merged.status).toBe(200);
    // The person asked and may have to be answered: the contact they consented to give stays, attached to the case.
    expect(await merged.json()).toMatchObject({ status: 'fusionada', questionId: caseId, hasPersonalData: true });
    const mergeAudit = await api.db.selectFrom('audit_log').select('changes').where('entity', '=', 'citizen_question').where('entity_id', '=', dup!.id).where('username', '=', 'editora').executeTakeFirstOrThrow();
    expect(mergeAudit.changes).toContain(`nombre y contacto autorizados conservados con la pregunta ${caseId}`);
    // Never in the lists, the public page or the case's plain read; only through the audited view.
    expect(JSON.stringify(await queue('fusionada'))).not.toContain('3001234567');
    expect(await (await api.call('GET', '/api/public/years/2024')).text()).not.toContain('3001234567');
    const plain = await (await api.call('GET', `/api/questions/${caseId}`, { cookie: editor })).json();
    expect(JSON.stringify(plain)).not.toContain('3001234567');
    expect(plain).toMatchObject({ hasPersonalData: true });
    const viewed = await api.call('POST', `/api/questions/${caseId}/personal-data/view`, { cookie: editor, body: {} });
    const personal = (await viewed.json()) as PersonalData;
    expect(personal.mergedAskers).toEqual([{ submissionId: dup!.id, name: 'Luis', contact: '3001234567', consentText: notice, consentAt: expect.any(String), receivedAt: expect.any(String) }]);
    const viewAudit = await api.db.selectFrom('audit_log').select('changes').where('entity', '=', 'question_personal_data').where('entity_id', '=', caseId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(viewAudit.changes).toContain(`pregunta fusionada (${dup!.id})`);
    // Luis asks for removal: only his data goes (the case's own asker keeps theirs), audited.
    expect((await api.call('DELETE', `/api/question-submissions/${dup!.id}/personal-data`, { cookie: reviewer, body: {} })).status).toBe(403);
    expect((await api.call('DELETE', `/api/question-submissions/${dup!.id}/personal-data`, { cookie: editor, body: {} })).status).toBe(204);
    await expectProblem(await api.call('DELETE', `/api/question-submissions/${dup!.id}/personal-data`, { cookie: editor, body: {} }), 404);
    const after = (await (await api.call('POST', `/api/questions/${caseId}/personal-data/view`, { cookie: editor, body: {} })).json()) as PersonalData;
    expect(after.mergedAskers).toEqual([]);
    const removal = await api.db.selectFrom('audit_log').select(['changes', 'username']).where('entity', '=', 'citizen_question_personal_data').where('entity_id', '=', dup!.id).executeTakeFirstOrThrow();
    expect(removal).toMatchObject({ username: 'editora' });
    expect(removal.changes).toContain('supresión a solicitud');
    const noReason = await api.call('POST', `/api/question-submissions/${other!.id}/reject`, { cookie: editor, body: { reason: '  ' } });
    expect((await expectProblem(noReason, 400)).errors?.[0]?.message).toBe('Escriba el motivo del rechazo.');
    const rejected = await api.call('POST', `/api/question-submissions/${other!.id}/reject`, { cookie: editor, body: { reason: 'No trata el tema del foro.' } });
    expect(await rejected.json()).toMatchObject({ status: 'rechazada', reason: 'No trata el tema del foro.', hasPersonalData: false });
    expect((await queue('rechazada')).items.map((s) => s.id)).toEqual([other!.id]);
    const row = await api.db.selectFrom('citizen_questions').selectAll().where('id', '=', other!.id).executeTakeFirstOrThrow();
    expect([row.asker_name, row.asker_contact, row.consent_text]).toEqual(['', '', '']);
  });

  it('a merged asker\'s data is purged with the retention period, like the case\'s own', async () => {
    await ask(await good({ text: '¿Y las rutas nocturnas los domingos en Bosa?', name: 'Rosa', contact: 'rosa@example.org', consent: 'si' }));
    const dup = (await queue()).items.find((s) => s.text.startsWith('¿Y las rutas'))!;
    const target = (await (await api.call('GET', `/api/questions?forumId=${upcoming.id}`, { cookie: editor })).json()) as { items: { id: number }[] };
    expect((await api.call('POST', `/api/question-submissions/${dup.id}/merge`, { cookie: editor, body: { questionId: target.items[0]!.id } })).status).toBe(200);
    const { retentionMonths } = (await (await api.call('GET', '/api/settings/questions', { cookie: editor })).json()) as { retentionMonths: number };
    await purgeExpiredPersonalData(api.db, new Date(clock.getTime() + (retentionMonths + 1) * 31 * 24 * 3600_000));
    const row = await api.db.selectFrom('citizen_questions').selectAll().where('id', '=', dup.id).executeTakeFirstOrThrow();
    expect([row.asker_name, row.asker_contact, row.consent_text, row.consent_at]).toEqual(['', '', '', null]);
  });

  it('bad input gets a Spanish message and stores nothing', async () => {
    const before = await stored();
    await refused(await ask(await good({ forumId: past.id })), 409, askMessages.past);
    await refused(await ask(await good({ forumId: 999999 })), 404, askMessages.noForum);
    await refused(await ask(await good({ text: '<script>alert(1)</script> ¿rutas?' })), 400, askMessages.scripted);
    await refused(await ask(await good({ text: 'x'.repeat(1001) })), 400, askMessages.tooLong);
    await refused(await ask(await good({ text: 'corta' })), 400, askMessages.invalid);
    await refused(await ask(await good({ contact: 'ana@example.org' })), 400, askMessages.consent);
    await refused(await ask(await good({ name: 'Ana', consent: 'no' })), 400, askMessages.consent);
    await refused(await ask(await good({ website: 'http://spam.example' })), 400, askMessages.honeypot);
    await refused(await ask(await good({ formToken: '1.falso' })), 400, askMessages.token);
    const res = await api.call('GET', '/api/public/years/2024/consultation/form-token');
    const { formToken } = (await res.json()) as { formToken: string };
    await refused(await ask({ forumId: upcoming.id, text: '¿Habrá rutas nocturnas?', formToken }), 400, askMessages.fast);
    const big = await api.call('POST', '/api/public/years/2024/questions', { rawBody: JSON.stringify({ text: 'x'.repeat(9000) }), address: nextAddress() });
    expect(big.status).toBe(413);
    expect(await stored()).toBe(before);
  });

  it('per-address limit: the eleventh question in a minute from one address is a 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await api.call('POST', '/api/public/years/2024/questions', { body: { website: '' }, address: '127.0.4.1' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('the year page offers the form (no JavaScript) only for forums still to come; the HTML form leads to the answer page', async () => {
    const site = createParticipaSite({ db: api.db, address: () => '127.0.0.1', now: () => clock, voteSecret: 'secreto-de-prueba' });
    const page = await (await site.request('http://localhost/participa/2024')).text();
    expect(page).toContain(`Hacer una pregunta para «Foro de movilidad»`);
    expect(page).not.toContain(`Hacer una pregunta para «Foro de salud»`);
    expect(page).toContain('No recogemos datos personales de niñas, niños ni adolescentes');
    expect(page).toContain('Ley 1581 de 2012');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('rutas nocturnas');
    const token = /name="formToken" value="([^"]+)"/.exec(page)![1]!;
    later(10_000);
    const form = new URLSearchParams({ forumId: String(upcoming.id), text: '¿Qué pasa con el <b>parque</b> del barrio?', name: '', contact: '', formToken: token, website: '' });
    const post = (body: URLSearchParams) => api.call('POST', '/api/public/years/2024/questions', { rawBody: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, address: nextAddress() });
    const scripted = await post(form);
    expect(scripted.status).toBe(303);
    expect(scripted.headers.get('location')).toBe('/participa/2024/pregunta?resultado=scripted');
    const refusal = await (await site.request(`http://localhost${scripted.headers.get('location')}`)).text();
    expect(refusal).toContain('No se pudo recibir su pregunta');
    expect(refusal).toContain(askMessages.scripted);
    expect(refusal).toContain('role="alert"');
    form.set('text', '¿Qué pasa con el parque del barrio?');
    const res = await post(form);
    expect(res.headers.get('location')).toBe('/participa/2024/pregunta?resultado=ok');
    const thanks = await (await site.request(`http://localhost${res.headers.get('location')}`)).text();
    expect(thanks).toContain('Pregunta recibida');
    expect(thanks).toContain(askMessages.ok);
  });
});
