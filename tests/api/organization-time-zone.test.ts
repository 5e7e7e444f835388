import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { expectProblem, validForum } from '../support/api-assertions';
import type { Forum } from '../../src/domain/forum';
import type { CommitmentDetail } from '../../src/domain/commitment';
import type { Organization } from '../../src/domain/organization-admin';
import { organizationMessages } from '../../src/domain/organization-admin';
import type { PublicationState } from '../../src/domain/publication';
import type { SubmissionPage } from '../../src/domain/citizen-question';
import { askMessages } from '../../src/api/public-questions';
import { evaluateMessages } from '../../src/api/public-evaluation';
import { createParticipaSite } from '../../src/public/participa-site';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

const adminPassword = 'Caracola-Verde-Tinaja-83';
const notice = 'La entidad trata sus datos para responder su pregunta (Ley 1581 de 2012). Puede pedir su supresión.';

/**
 * Each organisation's "today" is its own time zone's (issue 15). At 11:00 UTC on 15 June 2026 it is already 01:00 on
 * 16 June in Kiritimati (UTC+14) and still 06:00 on 15 June in Bogotá: a forum of 15 June has happened for the one
 * and not yet for the other; a commitment due on 15 June is overdue for the one and not for the other.
 */
describe('an organisation’s today follows its time zone', () => {
  let api: TestApi;
  const clock = new Date('2026-06-15T11:00:00Z');
  let address = 1;
  const nextAddress = () => `127.0.9.${address++}`;
  /** Per organisation: its session, its public API prefix, its forum of 15 June and its commitment due that day. */
  const orgs: Record<'bogota' | 'kiri', { cookie: string; publicPrefix: string; forum: Forum; commitment: number; sitePath: string }> = {} as never;

  beforeAll(async () => {
    api = await createTestApi({ now: () => clock, voteSecret: 'secreto-de-prueba', publicFormMinMs: 0 });
    const sysadmin = await api.login('admin');
    const created = await api.call('POST', '/api/organizations', {
      cookie: sysadmin,
      body: { name: 'Consejo de Kiritimati', acronym: 'CK', nit: '', slug: 'kiri', timeZone: 'Pacific/Kiritimati', colors: {}, admin: { username: 'jefa.kiri', displayName: 'Jefa de Kiritimati', password: adminPassword } },
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as Organization).timeZone).toBe('Pacific/Kiritimati');
    const arrange = async (cookie: string, publicPrefix: string, sitePath: string) => {
      const make = async (overrides: Parameters<typeof validForum>[0]) => {
        const res = await api.call('POST', '/api/forums', { cookie, body: validForum({ year: 2026, questions: [], ...overrides }) });
        expect(res.status).toBe(201);
        return (await res.json()) as Forum;
      };
      const forum = await make({ title: 'Foro del 15 de junio', date: '2026-06-15', time: '10:00', status: 'planned' });
      const held = await make({ title: 'Foro de mayo', date: '2026-05-20', status: 'held' });
      const made = await api.call('POST', '/api/commitments', {
        cookie,
        body: { forumId: held.id, text: 'Publicar la ruta de empleo juvenil', area: 'Formación', person: 'Coordinación', dueDate: '2026-06-15', status: 'pending', cancelReason: '', progress: 0 },
      });
      expect(made.status).toBe(201);
      const s = (await (await api.call('GET', '/api/publication/2026', { cookie })).json()) as PublicationState;
      const published = await api.call('PUT', '/api/publication/2026', { cookie, body: { ...s.settings, entityName: 'Entidad', privacyNotice: notice, show: { ...s.settings.show, calendar: true, commitments: true, openData: true }, version: s.version } });
      expect(published.status).toBe(200);
      return { cookie, publicPrefix, forum, commitment: ((await made.json()) as CommitmentDetail).id, sitePath };
    };
    orgs.bogota = await arrange(await api.login('editora'), '/api/public/years/2026', '/participa/2026');
    orgs.kiri = await arrange(await api.login('jefa.kiri', adminPassword), '/api/public/o/kiri/years/2026', '/participa/kiri/2026');
  });

  const formToken = async (prefix: string) => ((await (await api.call('GET', `${prefix}/consultation/form-token`)).json()) as { formToken: string }).formToken;

  it('the session tells the client its organisation’s time zone', async () => {
    const session = (await (await api.call('GET', '/api/session', { cookie: orgs.kiri.cookie })).json()) as { organization: { timeZone: string } };
    expect(session.organization.timeZone).toBe('Pacific/Kiritimati');
    const bogota = (await (await api.call('GET', '/api/session', { cookie: orgs.bogota.cookie })).json()) as { organization: { timeZone: string } };
    expect(bogota.organization.timeZone).toBe('America/Bogota');
  });

  it('a commitment due on 15 June is overdue in Kiritimati (16 June) and not yet in Bogotá (15 June), in the office and on the public page', async () => {
    const detail = async (o: (typeof orgs)['kiri']) => (await (await api.call('GET', `/api/commitments/${o.commitment}`, { cookie: o.cookie })).json()) as CommitmentDetail;
    expect((await detail(orgs.kiri)).effectiveStatus).toBe('overdue');
    expect((await detail(orgs.bogota)).effectiveStatus).toBe('pending');
    const publicStatus = async (prefix: string) => ((await (await api.call('GET', prefix)).json()) as { commitments: { status: string }[] }).commitments.map((c) => c.status);
    expect(await publicStatus(orgs.kiri.publicPrefix)).toEqual(['overdue']);
    expect(await publicStatus(orgs.bogota.publicPrefix)).toEqual(['pending']);
  });

  it('the forum of 15 June takes citizen questions in Bogotá only, and its evaluation in Kiritimati only', async () => {
    const ask = async (o: (typeof orgs)['kiri']) =>
      api.call('POST', `${o.publicPrefix}/questions`, { body: { forumId: o.forum.id, text: '¿Habrá rutas nocturnas en la localidad?', formToken: await formToken(o.publicPrefix) }, address: nextAddress() });
    expect((await expectProblem(await ask(orgs.kiri), 409)).title).toBe(askMessages.past);
    expect((await ask(orgs.bogota)).status).toBe(201);
    // Received at Bogotá's wall-clock time: 06:00.
    const queue = (await (await api.call('GET', '/api/question-submissions?status=por_moderar', { cookie: orgs.bogota.cookie })).json()) as SubmissionPage;
    expect(queue.items[0]).toMatchObject({ forumId: orgs.bogota.forum.id, receivedAt: '2026-06-15T06:00' });

    const evaluate = async (o: (typeof orgs)['kiri']) =>
      api.call('POST', `${o.publicPrefix}/evaluations`, { body: { forumId: o.forum.id, clarity: 5, usefulness: 4, participation: 3, answers: 5, format: 4, comment: '', valueGroup: 'Ciudadanía', formToken: await formToken(o.publicPrefix) }, address: nextAddress() });
    expect((await evaluate(orgs.kiri)).status).toBe(201);
    expect((await expectProblem(await evaluate(orgs.bogota), 409)).title).toBe(evaluateMessages.notYet);
  });

  it('the Participa pages offer the question form by the organisation’s date', async () => {
    const site = createParticipaSite({ db: api.db, address: () => '127.0.0.1', now: () => clock, voteSecret: 'secreto-de-prueba' });
    const bogota = await (await site.request(`http://localhost${orgs.bogota.sitePath}`)).text();
    const kiri = await (await site.request(`http://localhost${orgs.kiri.sitePath}`)).text();
    expect(bogota).toContain('Hacer una pregunta para «Foro del 15 de junio»');
    expect(kiri).toContain('Foro del 15 de junio');
    expect(kiri).not.toContain('Hacer una pregunta para «Foro del 15 de junio»');
    // The hours are said to be the organisation's.
    expect(bogota).toContain('Horas de Bogotá (UTC−5).');
    expect(bogota).toContain('10:00 (hora de Bogotá)');
    expect(kiri).toContain('Horas de Kiritimati (UTC+14).');
    expect(kiri).toContain('10:00 (hora de Kiritimati)');
    expect(kiri).not.toContain('hora de Bogotá');
    // The open data's dictionary too, on the page and in its CSV.
    expect(kiri).toContain('Hora de inicio (hora de Kiritimati)');
    expect(await (await api.call('GET', `${orgs.kiri.publicPrefix}/open-data/dictionary.csv`)).text()).toContain('Hora de inicio (hora de Kiritimati)');
    expect(await (await api.call('GET', `${orgs.bogota.publicPrefix}/open-data/dictionary.csv`)).text()).toContain('Hora de inicio (hora de Bogotá)');
    expect(kiri).not.toContain('Horas de Bogotá');
  });

  it('the export’s data names the organisation’s zone when it is not Bogotá’s (the Word file writes its time there)', async () => {
    const body = { title: 'Foros 2026', entity: 'Entidad', strategy: 'Rendición de cuentas', preparedBy: { name: 'A', role: 'B', office: 'C' } };
    const dataOf = async (cookie: string) => {
      expect((await api.call('POST', '/api/reports/2026', { cookie, body })).status).toBe(201);
      return (await (await api.call('GET', '/api/reports/2026/export-data', { cookie })).json()) as { timeZone?: string };
    };
    expect((await dataOf(orgs.kiri.cookie)).timeZone).toBe('Pacific/Kiritimati');
    expect(await dataOf(orgs.bogota.cookie)).not.toHaveProperty('timeZone');
  });

  it('the calendar writes a forum’s time on the organisation’s clock (10:00 in Kiritimati is 20:00 UTC the day before)', async () => {
    const ics = async (o: (typeof orgs)['kiri']) => (await api.call('GET', `${o.publicPrefix}/forums/${o.forum.id}.ics`)).text();
    const kiri = await ics(orgs.kiri);
    expect(kiri).toContain('X-WR-TIMEZONE:Pacific/Kiritimati');
    expect(kiri).toContain('DTSTART:20260614T200000Z');
    expect(await ics(orgs.bogota)).toContain('DTSTART:20260615T150000Z');
  });
});

describe('the organisation’s time zone is validated', () => {
  it('PUT with a zone the runtime does not know: 400 at the field, in Spanish; UTC and a real zone are taken', async () => {
    const api = await createTestApi();
    const sysadmin = await api.login('admin');
    const put = (timeZone: unknown, version: number) => api.call('PUT', '/api/organizations/1', { cookie: sysadmin, body: { name: 'Mi entidad', slug: 'mi-entidad', timeZone, version } });
    for (const bad of ['Mars/Olympus', 'Bogota', 'America/Bogota; DROP', 42]) {
      expect((await expectProblem(await put(bad, 1), 400)).errors).toEqual([{ path: 'timeZone', message: organizationMessages.timeZone }]);
    }
    expect(await (await put('UTC', 1)).json()).toMatchObject({ timeZone: 'UTC' });
    expect(await (await put('America/Los_Angeles', 2)).json()).toMatchObject({ timeZone: 'America/Los_Angeles' });
  });
});
