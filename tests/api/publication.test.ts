import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { dbSnapshot, expectProblem, expectValidationProblem } from '../support/api-assertions';
import type { PublicationState } from '../../src/domain/publication';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('publication settings and the published report (office)', () => {
  let api: TestApi;
  let editor: string;
  let reviewer: string;
  beforeAll(async () => {
    api = await createTestApi({ demo: true });
    editor = await api.login('editora');
    reviewer = await api.login('revisor');
  });

  const state = async (year = 2022) => (await (await api.call('GET', `/api/publication/${year}`, { cookie: editor })).json()) as PublicationState;

  it('the 2022 demo is published: every part, its approved report frozen as version 1', async () => {
    const s = await state();
    expect(s.settings.show).toEqual({ calendar: true, consultation: true, report: true, openData: true, questions: true, commitments: true });
    expect(s.settings.licenceName).toContain('CC BY 4.0');
    expect(s.report).toEqual({ exists: true, sections: 8, approved: true });
    expect(s.published).toHaveLength(1);
    expect(s.published[0]).toMatchObject({ number: 1, publishedBy: 'demo' });
    expect(s.publicPath).toBe('/participa/2022');
    // The SHA-256 shown is the one of the bytes the public downloads.
    const res = await api.call('GET', '/api/public/years/2022/report.json');
    const text = await res.text();
    expect(sha256(text)).toBe(s.published[0].sha256);
    expect(res.headers.get('x-foros-sha256')).toBe(s.published[0].sha256);
  });

  it('a year never configured shows the defaults: nothing public, licence CC BY 4.0, version 0', async () => {
    const s = await state(2030);
    expect(s.version).toBe(0);
    expect(Object.values(s.settings.show).every((v) => v === false)).toBe(true);
    expect(s.settings.licenceUrl).toBe('https://creativecommons.org/licenses/by/4.0/deed.es');
    expect(s.report.exists).toBe(false);
  });

  it('only admin and editors manage publication; anonymous gets 401', async () => {
    await expectProblem(await api.call('GET', '/api/publication/2022'), 401);
    await expectProblem(await api.call('GET', '/api/publication/2022', { cookie: reviewer }), 403);
    await expectProblem(await api.call('POST', '/api/publication/2022/report', { cookie: reviewer, body: {} }), 403);
  });

  it('bad settings get Spanish messages at each field and nothing is stored', async () => {
    const before = await dbSnapshot(api.db);
    const s = await state();
    const body = {
      ...s.settings,
      version: s.version,
      primaryColour: '#FFFF00',
      frameOrigins: ['https://www.idipron.gov.co/participa', 'https://ok.gov.co', 'https://ok.gov.co', "https://a.gov.co;script-src 'unsafe-inline'", 'https://b.gov.co,https://c.gov.co'],
      show: { ...s.settings.show, questions: 'sí' as unknown as boolean },
      logoUrl: 'http://inseguro.example/logo.png',
      entityName: '',
    };
    const problem = await expectValidationProblem(await api.call('PUT', '/api/publication/2022', { cookie: editor, body }), ['primaryColour', 'frameOrigins.0', 'frameOrigins.2', 'frameOrigins.3', 'frameOrigins.4', 'show.questions', 'logoUrl', 'entityName']);
    expect(problem.errors!.find((e) => e.path === 'primaryColour')!.message).toMatch(/contraste/);
    expect(await dbSnapshot(api.db)).toEqual(before);
  });

  it('saves with the version, audits what changed, and refuses a stale version with the current settings', async () => {
    const s = await state();
    const res = await api.call('PUT', '/api/publication/2022', { cookie: editor, body: { ...s.settings, version: s.version, frameOrigins: ['https://www.idipron.gov.co'], primaryColour: '#8a1538' } });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as PublicationState;
    expect(saved.version).toBe(s.version + 1);
    expect(saved.settings.primaryColour).toBe('#8A1538');
    const audit = await api.db.selectFrom('audit_log').selectAll().where('entity', '=', 'publication').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.changes)).toEqual(['primaryColour', 'frameOrigins']);
    const conflict = await expectProblem(await api.call('PUT', '/api/publication/2022', { cookie: editor, body: { ...s.settings, version: s.version } }), 409);
    expect((conflict.current as unknown as PublicationState).version).toBe(saved.version);
  });

  it('publishes only an approved report; a new version is explicit, audited with its SHA-256, and the old text stays frozen', async () => {
    // A year whose report has draft sections: refused, nothing stored.
    await api.call('POST', '/api/reports/2031', { cookie: editor, body: { title: 'Informe 2031', entity: 'Entidad', strategy: '', preparedBy: { name: '', role: '', office: '' } } });
    const before = await dbSnapshot(api.db);
    const refused = await expectProblem(await api.call('POST', '/api/publication/2031/report', { cookie: editor, body: {} }), 409);
    expect(refused.title).toMatch(/todas sus secciones están aprobadas/);
    expect(await dbSnapshot(api.db)).toEqual(before);
    await expectProblem(await api.call('POST', '/api/publication/2040/report', { cookie: editor, body: {} }), 404);

    // The report's title changes after publication: the published text does not.
    const overview = (await (await api.call('GET', '/api/reports/2022', { cookie: editor })).json()) as { version: number; title: string; entity: string; strategy: string; preparedBy: unknown };
    const put = await api.call('PUT', '/api/reports/2022', { cookie: editor, body: { title: 'Título cambiado después', entity: overview.entity, strategy: overview.strategy, preparedBy: overview.preparedBy, version: overview.version } });
    expect(put.status).toBe(200);
    const published = (await (await api.call('GET', '/api/public/years/2022/report')).json()) as { version: { number: number }; report: { report: { title: string } } };
    expect(published.version.number).toBe(1);
    expect(published.report.report.title).toBe(overview.title);

    const res = await api.call('POST', '/api/publication/2022/report', { cookie: editor, body: {} });
    expect(res.status).toBe(201);
    const after = (await res.json()) as PublicationState;
    expect(after.published.map((p) => p.number)).toEqual([2, 1]);
    const latest = (await (await api.call('GET', '/api/public/years/2022/report')).json()) as { version: { number: number; sha256: string }; report: { report: { title: string } } };
    expect(latest.version.number).toBe(2);
    expect(latest.report.report.title).toBe('Título cambiado después');
    const audit = await api.db.selectFrom('audit_log').selectAll().where('action', '=', 'publish').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.username).toBe('editora');
    expect(JSON.parse(audit.changes)).toContain(`sha256: ${latest.version.sha256}`);
    await expectProblem(await api.call('POST', '/api/publication/2022/report', { cookie: editor, body: { again: true } }), 400);
  });
});
