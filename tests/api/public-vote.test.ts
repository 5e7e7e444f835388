import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import type { PublicationState } from '../../src/domain/publication';
import { createHmac } from 'node:crypto';
import { formStampProblem, formToken, useSyncHmac, voteMessages, webCryptoHmac } from '../../src/api/public-vote';
import { createParticipaSite } from '../../src/public/participa-site';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/** The citizen's vote (issue 14): counted in the tally as «formulario web Foros»; every abuse refused, nothing stored. */
describe('public vote in the consultation', () => {
  let api: TestApi;
  let editor: string;
  let consultationId: number;
  let topicIds: number[];
  let clock = new Date('2024-05-10T15:00:00Z');
  const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
  let address = 1;
  const nextAddress = () => `127.0.1.${address++}`;

  beforeAll(async () => {
    api = await createTestApi({ now: () => clock, voteSecret: 'secreto-de-prueba' });
    editor = await api.login('editora');
    const created = await api.call('POST', '/api/consultations', {
      cookie: editor,
      body: { year: 2024, title: 'Consulta 2024', openDate: '2024-01-01', closeDate: '2024-12-31', channels: ['web', 'foros'], status: 'open', note: '', topics: [{ title: 'Vías', description: '', proposingTeam: '' }, { title: 'Salud', description: '', proposingTeam: '' }] },
    });
    expect(created.status).toBe(201);
    consultationId = ((await created.json()) as { id: number }).id;
    const full = (await (await api.call('GET', `/api/consultations/${consultationId}`, { cookie: editor })).json()) as { topics: { id: number }[] };
    topicIds = full.topics.map((t) => t.id);
    await publish({ consultation: true }, true);
  });

  async function publish(show: Partial<PublicationState['settings']['show']>, open: boolean) {
    const s = (await (await api.call('GET', '/api/publication/2024', { cookie: editor })).json()) as PublicationState;
    const res = await api.call('PUT', '/api/publication/2024', { cookie: editor, body: { ...s.settings, entityName: 'Entidad', consultationOpen: open, show: { ...s.settings.show, ...show }, version: s.version } });
    expect(res.status).toBe(200);
  }
  async function token() {
    const res = await api.call('GET', '/api/public/years/2024/consultation/form-token');
    expect(res.status).toBe(200);
    const { formToken } = (await res.json()) as { formToken: string };
    later(5_000);
    return formToken;
  }
  const vote = async (body: Record<string, unknown>, options: { cookie?: string; address?: string } = {}) =>
    api.call('POST', '/api/public/years/2024/consultation/votes', { body, cookie: options.cookie, address: options.address ?? nextAddress() });
  const stored = async () => {
    const res = await api.call('GET', `/api/consultations/${consultationId}/responses?channel=foros`, { cookie: editor });
    return ((await res.json()) as { total: number }).total;
  };
  const good = async () => ({ topicIds: [topicIds[0]], proposedTopic: '', valueGroupKind: 'external', valueGroup: 'Ciudadanía', locality: 'Suba', formToken: await token() });
  async function refused(res: Response, status: number, message: string) {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { title: string };
    expect(body.title).toBe(message);
  }

  it('a vote counts in the tally under «formulario web Foros»; the same browser cannot vote twice', async () => {
    const res = await vote(await good());
    expect(res.status).toBe(201);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^foros_voto_\d+=/);
    const tally = (await (await api.call('GET', `/api/consultations/${consultationId}/tally`, { cookie: editor })).json()) as { totalResponses: number; topics: { id: number; votes: number }[] };
    expect(tally.totalResponses).toBe(1);
    expect(JSON.stringify(tally)).toContain('foros');
    await refused(await vote(await good(), { cookie }), 409, voteMessages.twice);
    expect(await stored()).toBe(1);
  });

  it('a forged cookie, the honeypot, a missing token and a too fast submit are refused; nothing stored', async () => {
    await refused(await vote(await good(), { cookie: `foros_voto_${consultationId}=abc.def` }), 400, voteMessages.forged);
    await refused(await vote({ ...(await good()), website: 'http://spam.example' }), 400, voteMessages.honeypot);
    await refused(await vote({ ...(await good()), formToken: '123.falso' }), 400, voteMessages.token);
    const base = await good();
    const res = await api.call('GET', '/api/public/years/2024/consultation/form-token');
    const { formToken } = (await res.json()) as { formToken: string };
    await refused(await vote({ ...base, formToken }), 400, voteMessages.fast);
    expect(await stored()).toBe(1);
  });

  it('bad input and scripted text get Spanish messages and store nothing', async () => {
    await refused(await vote({ ...(await good()), topicIds: [], proposedTopic: '' }), 400, voteMessages.invalid);
    await refused(await vote({ ...(await good()), valueGroup: '' }), 400, voteMessages.invalid);
    await refused(await vote({ ...(await good()), topicIds: [999999] }), 400, voteMessages.invalid);
    await refused(await vote({ ...(await good()), proposedTopic: '<script>alert(1)</script>' }), 400, voteMessages.scripted);
    const notJson = await api.call('POST', '/api/public/years/2024/consultation/votes', { rawBody: '{no', address: nextAddress() });
    expect(notJson.status).toBe(400);
    expect(await stored()).toBe(1);
  });

  it('a proposal alone is a vote too', async () => {
    const res = await vote({ ...(await good()), topicIds: [], proposedTopic: 'Parques para la localidad' });
    expect(res.status).toBe(201);
    expect(await stored()).toBe(2);
  });

  it('the HTML form (no JavaScript) gets a redirect to the answer page, with the cookie', async () => {
    const form = new URLSearchParams({ topicIds: String(topicIds[1]), valueGroupKind: 'internal', valueGroup: 'Servidores', formToken: await token(), website: '' });
    const res = await api.call('POST', '/api/public/years/2024/consultation/votes', { rawBody: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, address: nextAddress() });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/participa/2024/voto?resultado=ok');
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    const again = await api.call('POST', '/api/public/years/2024/consultation/votes', { rawBody: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, address: nextAddress() });
    expect(again.headers.get('location')).toBe('/participa/2024/voto?resultado=twice');
    expect(await stored()).toBe(3);
  });

  it('per-address limit: 30 votes at once from one address pass it, the 31st is a 429; then one every 20 s', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await vote({ website: '' }, { address: '127.0.2.1' })).status);
    // 400: past the limit, each is refused for its own reason (no group, no token) — the limit let it through.
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
    later(20_000);
    expect((await vote({ website: '' }, { address: '127.0.2.1' })).status).toBe(400);
    expect((await vote({ website: '' }, { address: '127.0.2.1' })).status).toBe(429);
  });

  it('the HTML form refused by the address limit lands on a page that says when to try again', async () => {
    for (let i = 0; i < 30; i++) await vote({ website: '' }, { address: '127.0.2.9' });
    const form = new URLSearchParams({ topicIds: String(topicIds[0]), valueGroupKind: 'external', valueGroup: 'Ciudadanía', formToken: 'x', website: '' });
    const res = await api.call('POST', '/api/public/years/2024/consultation/votes', { rawBody: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, address: '127.0.2.9' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/participa/2024/voto?resultado=rateLimited&espera=20');
    const site = createParticipaSite({ db: api.db, address: () => '127.0.0.1', now: () => clock, voteSecret: 'secreto-de-prueba' });
    const page = await (await site.request(`http://localhost${res.headers.get('location')}`)).text();
    expect(page).toContain(voteMessages.rateLimited);
    expect(page).toContain('Puede volver a intentarlo en 20 segundos.');
    // A made-up wait is not shown.
    expect(await (await site.request('http://localhost/participa/2024/voto?resultado=rateLimited&espera=abc')).text()).not.toContain('Puede volver a intentarlo');
  });

  it('the public page shows the vote form (no JavaScript); posting it leads to the thanks page, again to the refusal', async () => {
    const site = createParticipaSite({ db: api.db, address: () => '127.0.0.1', now: () => clock, voteSecret: 'secreto-de-prueba' });
    const page = await (await site.request('http://localhost/participa/2024')).text();
    expect(page).toContain('action="/api/public/years/2024/consultation/votes"');
    expect(page).toContain('<legend>Su grupo de valor (obligatorio)</legend>');
    expect(page).not.toContain('<script');
    const token = /name="formToken" value="([^"]+)"/.exec(page)![1];
    later(10_000);
    const form = new URLSearchParams({ topicIds: String(topicIds[0]), proposedTopic: '', valueGroupKind: 'external', valueGroup: 'Veeduría', locality: '', formToken: token, website: '' });
    const post = (cookie?: string) =>
      api.call('POST', '/api/public/years/2024/consultation/votes', { rawBody: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) }, address: nextAddress() });
    const res = await post();
    const thanks = await (await site.request(`http://localhost${res.headers.get('location')}`)).text();
    expect(thanks).toContain('Gracias por votar');
    expect(thanks).toContain(voteMessages.ok);
    const again = await post((res.headers.get('set-cookie') ?? '').split(';')[0]);
    const refusal = await (await site.request(`http://localhost${again.headers.get('location')}`)).text();
    expect(refusal).toContain('No se pudo registrar su voto');
    expect(refusal).toContain('role="alert"');
    expect(await stored()).toBe(4);
  });

  it('a closed or unpublished consultation takes no vote', async () => {
    await publish({ consultation: true }, false);
    await refused(await vote(await good()), 409, voteMessages.closed);
    await publish({ consultation: false }, true);
    await refused(await vote(await good()), 404, voteMessages.unpublished);
    expect(await stored()).toBe(4);
  });

  it('votes sent at the same time share commits, and each is stored once with its own id', async () => {
    await publish({ consultation: true }, true);
    const before = await stored();
    const bodies = await Promise.all(Array.from({ length: 25 }, async (_, i) => ({ ...(await good()), topicIds: [topicIds[i % 2]] })));
    const answers = await Promise.all(bodies.map((body) => vote(body)));
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 201));
    const ids = await Promise.all(answers.map(async (r) => ((await r.json()) as { id: number }).id));
    expect(new Set(ids).size).toBe(25);
    expect(await stored()).toBe(before + 25);
  });

  it('the Node server\'s synchronous HMAC signs exactly as Web Crypto does (a stamp made by one passes the other)', async () => {
    const nodeHmac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('base64url');
    for (const data of ['form|2024|1715353200000', 'vote|7|abc', 'ñandú|€']) expect(nodeHmac('secreto-de-prueba', data)).toBe(await webCryptoHmac('secreto-de-prueba', data));
    useSyncHmac(nodeHmac);
    try {
      const stamp = await formToken('secreto-de-prueba', 2024, clock);
      useSyncHmac(null);
      expect(await formStampProblem('secreto-de-prueba', 2024, stamp, new Date(clock.getTime() + 5_000), 3_000)).toBeNull();
      expect(await formStampProblem('otro-secreto', 2024, stamp, new Date(clock.getTime() + 5_000), 3_000)).toBe('token');
    } finally {
      useSyncHmac(null);
    }
  });
});
