import { describe, expect, it } from 'vitest';
import type { CommitmentDetail, CommitmentPage, ProgressImportResult } from '../../src/domain/commitment';
import type { EvaluationImportResult, EvaluationTally } from '../../src/domain/evaluation';
import type { Forum } from '../../src/domain/forum';
import { expectProblem, expectValidationProblem } from '../support/api-assertions';
import { createTestApi } from '../support/test-api';

async function setup() {
  // The clock: 1 December 2022 in Bogotá.
  const api = await createTestApi({ demo: true, now: () => new Date('2022-12-01T15:00:00Z') });
  const editor = await api.login('editora');
  const reviewer = await api.login('revisor');
  const admin = await api.login('admin');
  const forum = (await api.db.selectFrom('forums').select(['id', 'date']).where('date', '=', '2022-06-22').executeTakeFirstOrThrow())!;
  const valid = { forumId: forum.id, text: 'Publicar la ruta de acceso a empleo juvenil', area: 'Subdirección de Formación', person: 'Coordinación', dueDate: '2022-11-30', status: 'pending', cancelReason: '', progress: 0 };
  const create = async (body: object = {}, cookie = editor) => {
    const res = await api.call('POST', '/api/commitments', { cookie, body: { ...valid, ...body } });
    expect(res.status).toBe(201);
    return (await res.json()) as CommitmentDetail;
  };
  return { api, editor, reviewer, admin, forum, valid, create };
}

describe('commitments API', () => {
  it('role matrix: everyone reads, editors and admins write, reviewers and anonymous do not', async () => {
    const { api, editor, reviewer, admin, valid, create } = await setup();
    const made = await create({}, admin);
    expect((await api.call('POST', '/api/commitments', { cookie: reviewer, body: valid })).status).toBe(403);
    expect((await api.call('POST', '/api/commitments', { body: valid })).status).toBe(401);
    expect((await api.call('GET', '/api/commitments')).status).toBe(401);
    for (const cookie of [editor, reviewer, admin]) expect((await api.call('GET', `/api/commitments/${made.id}`, { cookie })).status).toBe(200);
    expect((await api.call('PUT', `/api/commitments/${made.id}`, { cookie: reviewer, body: { ...valid, version: 1 } })).status).toBe(403);
    expect((await api.call('POST', `/api/commitments/${made.id}/follow-ups`, { cookie: reviewer, body: { date: '2022-11-01', note: 'x', progress: 10, evidenceUrl: '', version: 1 } })).status).toBe(403);
    expect((await api.call('POST', '/api/commitments/progress-import?dryRun=1', { cookie: reviewer, body: { header: ['id'], rows: [], mapping: {} } })).status).toBe(403);
  });

  it('made → followed up → closed; «vencido» when open past its due date; listed with filters; audited', async () => {
    const { api, editor, create } = await setup();
    const made = await create();
    expect(made).toMatchObject({ status: 'pending', effectiveStatus: 'overdue', year: 2022, forumTitle: expect.any(String), followUps: [] });
    const res = await api.call('POST', `/api/commitments/${made.id}/follow-ups`, { cookie: editor, body: { date: '2022-11-15', note: 'Borrador publicado', progress: 60, evidenceUrl: 'https://idipron.gov.co/ruta', version: 1 } });
    expect(res.status).toBe(201);
    const followed = (await res.json()) as CommitmentDetail;
    expect(followed).toMatchObject({ status: 'in_progress', progress: 60, version: 2, followUps: [{ note: 'Borrador publicado', progress: 60, evidenceUrl: 'https://idipron.gov.co/ruta' }] });
    const closed = (await (await api.call('POST', `/api/commitments/${made.id}/follow-ups`, { cookie: editor, body: { date: '2022-11-30', note: 'Ruta publicada', progress: 100, evidenceUrl: '', version: 2 } })).json()) as CommitmentDetail;
    expect(closed).toMatchObject({ status: 'done', effectiveStatus: 'done', progress: 100 });
    await create({ text: 'Otro', dueDate: '2023-03-01' });
    const overdue = (await (await api.call('GET', '/api/commitments?status=overdue', { cookie: editor })).json()) as CommitmentPage;
    expect(overdue.total).toBe(0);
    const pending = (await (await api.call('GET', '/api/commitments?status=pending&year=2022', { cookie: editor })).json()) as CommitmentPage;
    expect(pending.items.map((c) => c.text)).toEqual(['Otro']);
    expect(pending.areas).toEqual(['Subdirección de Formación']);
    const audit = await api.db.selectFrom('audit_log').select(['action', 'entity']).where('entity', '=', 'commitment').where('entity_id', '=', made.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
  });

  it('bad input in Spanish at its field; a follow-up on a cancelled commitment is refused; 409 on a stale version', async () => {
    const { api, editor, valid, create } = await setup();
    await expectValidationProblem(await api.call('POST', '/api/commitments', { cookie: editor, body: { ...valid, progress: 120 } }), ['progress']);
    await expectValidationProblem(await api.call('POST', '/api/commitments', { cookie: editor, body: { ...valid, dueDate: '2022-01-01' } }), ['dueDate']);
    await expectValidationProblem(await api.call('POST', '/api/commitments', { cookie: editor, body: { ...valid, forumId: 999999 } }), ['forumId']);
    await expectValidationProblem(await api.call('POST', '/api/commitments', { cookie: editor, body: { ...valid, text: '' } }), ['text']);
    const made = await create();
    await expectValidationProblem(await api.call('PUT', `/api/commitments/${made.id}`, { cookie: editor, body: { ...valid, status: 'cancelled', version: 1 } }), ['cancelReason']);
    await expectValidationProblem(await api.call('POST', `/api/commitments/${made.id}/follow-ups`, { cookie: editor, body: { date: '2023-01-10', note: 'x', progress: 10, evidenceUrl: '', version: 1 } }), ['date']);
    const cancelled = await api.call('PUT', `/api/commitments/${made.id}`, { cookie: editor, body: { ...valid, status: 'cancelled', cancelReason: 'El programa se trasladó a otra entidad.', version: 1 } });
    expect(cancelled.status).toBe(200);
    const refused = await expectProblem(await api.call('POST', `/api/commitments/${made.id}/follow-ups`, { cookie: editor, body: { date: '2022-11-10', note: 'x', progress: 10, evidenceUrl: '', version: 2 } }), 409);
    expect(refused.title).toBe('No se puede registrar seguimiento de un compromiso cancelado.');
    const stale = await expectProblem(await api.call('PUT', `/api/commitments/${made.id}`, { cookie: editor, body: { ...valid, text: 'Cambio', version: 1 } }), 409);
    expect(stale.current).toMatchObject({ version: 2, status: 'cancelled' });
    await expectProblem(await api.call('GET', '/api/commitments/999999', { cookie: editor }), 404);
  });

  it('bulk progress from a CSV: dry run previews, unknown areas and ids are row problems, all or nothing', async () => {
    const { api, editor, create } = await setup();
    const a = await create();
    const b = await create({ area: 'Oficina de Comunicaciones', text: 'Informe en lenguaje claro' });
    const header = ['Área', 'Número', 'Avance', 'Nota'];
    const mapping = { Área: 'area', Número: 'id', Avance: 'progress', Nota: 'note' };
    const good = { header, mapping, rows: [['Subdirección de Formación', String(a.id), '40', 'Mesa de trabajo'], ['oficina de comunicaciones', String(b.id), '100', '']] };
    const preview = await api.call('POST', '/api/commitments/progress-import?dryRun=1', { cookie: editor, body: good });
    expect(preview.status).toBe(200);
    expect((await preview.json()) as ProgressImportResult).toMatchObject({ total: 2, updated: 2, preview: [{ id: a.id, from: 0, to: 40 }, { id: b.id, to: 100, status: 'done' }] });
    expect((await api.db.selectFrom('commitment_follow_ups').select('id').execute()).length).toBe(0);

    const bad = { header, mapping, rows: [...good.rows, ['Gerencia', String(a.id), '10', ''], ['Oficina de Comunicaciones', '9999', '10', '']] };
    const refused = await api.call('POST', '/api/commitments/progress-import', { cookie: editor, body: bad });
    const problem = (await expectProblem(refused, 422)) as unknown as { rowIssues: { row: number; message: string }[] };
    expect(problem.rowIssues).toEqual(
      expect.arrayContaining([
        { row: 4, column: 'Área', message: 'No se conoce el área «Gerencia».' },
        { row: 5, column: 'Número', message: 'No existe el compromiso «9999».' },
      ]),
    );
    expect((await api.db.selectFrom('commitment_follow_ups').select('id').execute()).length).toBe(0);
    await expectValidationProblem(await api.call('POST', '/api/commitments/progress-import', { cookie: editor, body: { header, mapping: { Área: 'area' }, rows: [['x']] } }), ['mapping']);

    const saved = await api.call('POST', '/api/commitments/progress-import', { cookie: editor, body: good });
    expect(saved.status).toBe(200);
    const after = (await (await api.call('GET', `/api/commitments/${b.id}`, { cookie: editor })).json()) as CommitmentDetail;
    expect(after).toMatchObject({ progress: 100, status: 'done', version: 2, followUps: [{ note: 'Avance reportado por archivo.', date: '2022-12-01' }] });
    expect((await api.db.selectFrom('audit_log').select('id').where('entity', '=', 'commitment').where('action', '=', 'update').execute()).length).toBe(2);
  });
});

describe('forum evaluation API', () => {
  it('typed and imported responses (personal columns dropped), tally and satisfaction index; reviewers read only; bad rows save nothing', async () => {
    const { api, editor, reviewer, forum } = await setup();
    const scores = { clarity: 5, usefulness: 4, participation: null, answers: null, format: null };
    expect((await api.call('POST', `/api/forums/${forum.id}/evaluation/responses`, { cookie: reviewer, body: { scores, comment: '', valueGroup: '' } })).status).toBe(403);
    await expectValidationProblem(await api.call('POST', `/api/forums/${forum.id}/evaluation/responses`, { cookie: editor, body: { scores: { ...scores, clarity: 9 }, comment: '', valueGroup: '' } }), ['scores.clarity']);
    expect((await api.call('POST', `/api/forums/${forum.id}/evaluation/responses`, { cookie: editor, body: { scores, comment: 'Muy claro', valueGroup: 'Jóvenes' } })).status).toBe(201);

    const header = ['Marca temporal', 'Correo', '¿La información fue clara?', '¿El tema le resultó útil?', 'Comentarios'];
    const mapping = { 'Marca temporal': 'ignore', Correo: 'personal', '¿La información fue clara?': 'clarity', '¿El tema le resultó útil?': 'usefulness', Comentarios: 'comment' };
    const bad = await api.call('POST', `/api/forums/${forum.id}/evaluation/import`, { cookie: editor, body: { header, mapping, rows: [['x', 'ana@example.org', '5', '4', ''], ['x', 'b@example.org', 'diez', '4', '']] } });
    const problem = (await expectProblem(bad, 422)) as unknown as { rowIssues: { row: number; message: string }[] };
    expect(problem.rowIssues).toEqual([{ row: 3, column: '¿La información fue clara?', message: '«diez» no es una calificación de 1 a 5.' }]);
    const body = { header, mapping, rows: [['x', 'ana@example.org', '5', '4', 'Gracias'], ['x', 'b@example.org', '2 - En desacuerdo', 'Muy de acuerdo', '']] };
    const dry = (await (await api.call('POST', `/api/forums/${forum.id}/evaluation/import?dryRun=1`, { cookie: editor, body })).json()) as EvaluationImportResult;
    expect(dry).toMatchObject({ total: 2, accepted: 2, droppedPersonalColumns: ['Correo'] });
    expect((await api.call('POST', `/api/forums/${forum.id}/evaluation/import`, { cookie: editor, body })).status).toBe(200);
    const read = await api.call('GET', `/api/forums/${forum.id}/evaluation`, { cookie: reviewer });
    const evaluation = (await read.json()) as { tally: EvaluationTally; responses: unknown[] };
    expect(JSON.stringify(evaluation)).not.toContain('example.org');
    expect(evaluation.tally.responses).toBe(3);
    expect(evaluation.tally.questions[0]).toMatchObject({ counts: [0, 1, 0, 0, 2], mean: 4 });
    expect(evaluation.tally.satisfactionIndex).toBe(83.3);
    expect(evaluation.tally.comments.map((c) => c.comment)).toEqual(['Muy claro', 'Gracias']);
    await expectProblem(await api.call('GET', '/api/forums/999999/evaluation', { cookie: editor }), 404);
  });
});

describe('commitments.question_id is a foreign key (migration 0016)', () => {
  it('removing the question from its forum keeps the commitment, without the question; the reference is declared ON DELETE SET NULL', async () => {
    const { api, editor, forum, create } = await setup();
    type StoredForum = Forum & { version: number };
    const inputOf = ({ id: _id, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, origin: _o, ...input }: StoredForum) => input;
    const full = (await (await api.call('GET', `/api/forums/${forum.id}`, { cookie: editor })).json()) as StoredForum;
    const saved = await api.call('PUT', `/api/forums/${forum.id}`, {
      cookie: editor,
      body: { ...inputOf(full), questions: [...full.questions, { text: '¿Habrá seguimiento?', channel: 'live_chat', answered: false, answeredBy: '', answerSummary: '' }] },
    });
    expect(saved.status).toBe(200);
    const withQuestion = (await saved.json()) as StoredForum;
    const question = withQuestion.questions.find((q) => q.text === '¿Habrá seguimiento?')!;
    const made = await create({ questionId: question.questionId });
    expect(made.questionId).toBe(question.questionId);

    const removed = await api.call('PUT', `/api/forums/${forum.id}`, { cookie: editor, body: { ...inputOf(withQuestion), questions: withQuestion.questions.filter((q) => q.questionId !== question.questionId) } });
    expect(removed.status).toBe(200);
    const after = (await (await api.call('GET', `/api/commitments/${made.id}`, { cookie: editor })).json()) as CommitmentDetail;
    expect(after).toMatchObject({ id: made.id, text: made.text, questionId: null });

    const { foreignKeysOf } = await import('../../src/db/engine');
    expect(await foreignKeysOf(api.db, 'commitments')).toEqual(expect.arrayContaining([{ table: 'forum_questions', from: 'question_id', onDelete: 'SET NULL' }]));
    // Run again on a database that has it: nothing to do.
    const { migrations } = await import('../../src/db/migrations');
    await migrations['0016_commitment_question_fk']!.up(api.db);
    expect((await api.call('GET', `/api/commitments/${made.id}`, { cookie: editor })).status).toBe(200);
  });
});
