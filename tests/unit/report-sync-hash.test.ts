import initSqlJs from 'sql.js';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { generatedHash } from '../../src/api/report-generated';
import { insertCommitment } from '../../src/db/commitment-queries';
import { demoForums2022 } from '../../src/db/demo-2022';
import { insertForum } from '../../src/db/forum-queries';
import { migrateToLatest } from '../../src/db/migrations';
import { openNodeDatabase } from '../../src/db/node-driver';
import { evaluationResponsesOfYear, insertEvaluationResponses } from '../../src/db/evaluation-queries';
import { yearCommitments, yearEvaluation, yearFollowUp } from '../../src/db/report-queries';
import type { Database } from '../../src/db/schema';
import { openSqlJsDatabase } from '../../src/db/sqljs-database';
import type { CommitmentStatus } from '../../src/domain/commitment';
import { buildEvaluationSection, commentWhitespace } from '../../src/domain/report-accountability';

/**
 * The report sync hashes «Compromisos» and «Seguimiento a compromisos» from JSON the database writes, without reading
 * the rows; the hash must be the one the section's data carries (built from the rows in JavaScript), or every approved
 * section would go back to review once. Texts with what JSON escapes, on both SQLite engines the API runs on.
 */
const engines: [string, () => Promise<Kysely<Database>>][] = [
  ['better-sqlite3', async () => openNodeDatabase(':memory:')],
  ['sql.js', async () => openSqlJsDatabase(await initSqlJs())],
];

const texts = ['Publicar la ruta «juvenil»', 'Comillas " y barra \\ invertida', 'Línea\nnueva\ttab\rretorno', 'Control \u0001\u001f y \u007f', 'Emoji 😀, ñ, ü, </script>', 'Separador \u2028 de línea'];
const statuses: CommitmentStatus[] = ['pending', 'in_progress', 'done', 'cancelled'];

describe.each(engines)('the report sync’s commitments hash on %s', (_engine, open) => {
  it('is the hash of the sections’ data, for the year’s commitments and the previous year’s open ones', async () => {
    const db = await open();
    await migrateToLatest(db);
    const now = '2024-01-10T10:00:00.000Z';
    // Nothing yet: the empty year hashes the same too.
    expect(await generatedHash(db, 2023, 'commitments', '2024-01-10')).toBe((await yearCommitments(db, 2023, '2024-01-10')).hash);
    expect(await generatedHash(db, 2024, 'follow_up', '2024-01-10')).toBe((await yearFollowUp(db, 2024, '2024-01-10')).hash);

    const forumIds = [
      await insertForum(db, { ...demoForums2022[0]!, title: 'Foro "de junio" \\ 2023', year: 2023, date: '2023-06-22' }, 'editora', now),
      await insertForum(db, { ...demoForums2022[1]!, title: 'Foro de septiembre', year: 2023, date: '2023-09-14' }, 'editora', now),
    ];
    for (const [i, text] of texts.entries()) {
      for (const [j, status] of statuses.entries()) {
        await insertCommitment(
          db,
          { forumId: forumIds[(i + j) % 2]!, text: `${text} ${j}`, area: i % 2 ? 'Área de Formación' : 'Planeación', person: 'Persona', dueDate: `2023-${String(1 + ((i * 4 + j) % 12)).padStart(2, '0')}-15`, status, cancelReason: status === 'cancelled' ? 'Sin recursos' : '', progress: (i * 17 + j * 29) % 101, year: 2023 },
          'editora',
          now,
        );
      }
    }
    for (const today of ['2023-07-01', '2024-01-10']) {
      const commitments = await yearCommitments(db, 2023, today);
      expect(commitments.items).toHaveLength(texts.length * statuses.length);
      expect(await generatedHash(db, 2023, 'commitments', today)).toBe(commitments.hash);
      const followUp = await yearFollowUp(db, 2024, today);
      expect(followUp.items).toHaveLength(texts.length * 2);
      expect(await generatedHash(db, 2024, 'follow_up', today)).toBe(followUp.hash);
    }
    await db.destroy();
  });
});

describe('the evaluation section counted by the database', () => {
  it('treats as blank exactly what \\s and trim() do', () => {
    const blank = [...commentWhitespace];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      expect(blank.includes(c), `U+${code.toString(16)}`).toBe(/^\s$/.test(c));
    }
  });

  it.each(engines)('on %s is the section buildEvaluationSection makes from every response', async (_engine, open) => {
    const db = await open();
    await migrateToLatest(db);
    const now = '2024-01-10T10:00:00.000Z';
    const june = await insertForum(db, { ...demoForums2022[0]!, title: 'Foro de junio', year: 2023, date: '2023-06-22' }, 'editora', now);
    const september = await insertForum(db, { ...demoForums2022[1]!, title: 'Foro de septiembre', year: 2023, date: '2023-09-14' }, 'editora', now);
    await insertForum(db, { ...demoForums2022[2]!, title: 'Foro sin respuestas', year: 2023, date: null }, 'editora', now);
    const comments = ['', '   ', '\u00a0\u3000\ufeff', 'Muy claro; escríbanme a ana@example.org', '\n\t', 'Llamen al 300 123 4567', 'Útil', 'Cuarto comentario'];
    const score = (i: number, k: number) => (i % 7 === k ? null : ((i * (k + 2)) % 5) + 1);
    await insertEvaluationResponses(db, june, Array.from({ length: 40 }, (_, i) => ({ scores: { clarity: score(i, 0), usefulness: score(i, 1), participation: score(i, 2), answers: score(i, 3), format: score(i, 4) }, comment: comments[i % comments.length]!, valueGroup: '' })), 'import', 'editora', now);
    await insertEvaluationResponses(db, september, [{ scores: { clarity: 5, usefulness: null, participation: null, answers: null, format: null }, comment: '  ', valueGroup: '' }], 'manual', 'editora', now);
    const section = await yearEvaluation(db, 2023);
    const responses = await evaluationResponsesOfYear(db, 2023);
    const forums = section.forums.map((f) => ({ forumId: f.forumId, forumTitle: f.forumTitle }));
    expect(forums.map((f) => f.forumTitle)).toEqual(['Foro de junio', 'Foro de septiembre', 'Foro sin respuestas']);
    expect(section).toEqual(buildEvaluationSection(forums, responses));
    expect(section.forums[0]!.comments).toEqual(['Muy claro; escríbanme a [dato omitido]', 'Llamen al [dato omitido]', 'Útil']);
    expect(await generatedHash(db, 2023, 'evaluation', '2024-01-10')).toBe(buildEvaluationSection(forums, responses).hash);
    await db.destroy();
  });
});
