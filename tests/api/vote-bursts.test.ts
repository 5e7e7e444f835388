import { describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { expectProblem } from '../support/api-assertions';
import type { PublicationState } from '../../src/domain/publication';
import type { ConsultationTally } from '../../src/domain/consultation-tally';

/** Bursts of web votes (issue 14): flagged in the consultation's tally; the office discards them, audited. */
describe('suspicious bursts of web votes', () => {
  it('twelve votes in half a minute are flagged; discarding them takes them out of the tally, once, audited', async () => {
    let clock = new Date('2024-05-10T15:00:00Z');
    const api = await createTestApi({ now: () => clock, voteSecret: 'secreto' });
    const editor = await api.login('editora');
    const created = await api.call('POST', '/api/consultations', {
      cookie: editor,
      body: { year: 2024, title: 'Consulta 2024', openDate: '2024-01-01', closeDate: '2024-12-31', channels: ['web', 'foros'], status: 'open', note: '', topics: [{ title: 'Vías', description: '', proposingTeam: '' }] },
    });
    const { id, topics } = (await (await api.call('GET', `/api/consultations/${((await created.json()) as { id: number }).id}`, { cookie: editor })).json()) as { id: number; topics: { id: number }[] };
    const s = (await (await api.call('GET', '/api/publication/2024', { cookie: editor })).json()) as PublicationState;
    await api.call('PUT', '/api/publication/2024', { cookie: editor, body: { ...s.settings, entityName: 'Entidad', consultationOpen: true, show: { ...s.settings.show, consultation: true }, version: s.version } });
    const { formToken } = (await (await api.call('GET', '/api/public/years/2024/consultation/form-token')).json()) as { formToken: string };
    const vote = async (n: number) => {
      const res = await api.call('POST', '/api/public/years/2024/consultation/votes', { body: { topicIds: [topics[0]!.id], valueGroupKind: 'external', valueGroup: 'Ciudadanía', formToken }, address: `10.0.0.${n}` });
      expect(res.status).toBe(201);
    };
    // Two people an hour apart, then twelve votes 2 s apart.
    clock = new Date(clock.getTime() + 5_000);
    await vote(1);
    clock = new Date(clock.getTime() + 3600_000);
    await vote(2);
    clock = new Date(clock.getTime() + 600_000);
    for (let i = 0; i < 12; i++) {
      clock = new Date(clock.getTime() + 2_000);
      await vote(10 + i);
    }
    const tally = async () => (await (await api.call('GET', `/api/consultations/${id}/tally`, { cookie: editor })).json()) as ConsultationTally;
    const before = await tally();
    expect(before.totalResponses).toBe(14);
    expect(before.webBursts).toEqual([{ from: '2024-05-10T16:10:07.000Z', to: '2024-05-10T16:10:29.000Z', count: 12 }]);
    const burst = before.webBursts![0]!;
    const reviewer = await api.login('revisor');
    expect((await api.call('POST', `/api/consultations/${id}/web-votes/discard`, { cookie: reviewer, body: { from: burst.from, to: burst.to } })).status).toBe(403);
    const res = await api.call('POST', `/api/consultations/${id}/web-votes/discard`, { cookie: editor, body: { from: burst.from, to: burst.to } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ discarded: 12 });
    const after = await tally();
    expect(after.totalResponses).toBe(2);
    expect(after.webBursts).toEqual([]);
    await expectProblem(await api.call('POST', `/api/consultations/${id}/web-votes/discard`, { cookie: editor, body: { from: burst.from, to: burst.to } }), 409);
    const audit = await api.db.selectFrom('audit_log').select(['changes', 'username']).where('entity', '=', 'consultation').where('action', '=', 'delete').execute();
    expect(audit.map((a) => a.username)).toEqual(['editora']);
    expect(String(audit[0]!.changes)).toContain('12 votos web descartados');
  });
});
