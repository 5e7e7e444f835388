import type { Kysely, Transaction } from 'kysely';
import type { AuditDraft } from '../domain/audit';
import type { CommitmentStatus } from '../domain/commitment';
import type { EvaluationInput, EvaluationScores } from '../domain/evaluation';
import { insertCommitment } from './commitment-queries';
import { insertEvaluationResponses } from './evaluation-queries';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Illustrative accountability records of the 2022 demo. The seed report (seed/foros-virtuales-2022.txt) gives no
 * commitments and no evaluation survey, so these are examples — every text says «(ejemplo ilustrativo)», commitments
 * carry the `illustrative` flag and responses the source 'demo', and the pages say so — loaded after the 2022 report
 * was published, so the published snapshot and the seed's figures stay as the seed has them. Indexed by the demo
 * forum's position (0 Políticas Públicas, 1 MIPG, 2 Causas Ciudadanas).
 */

const example = (text: string) => `${text} (ejemplo ilustrativo)`;

export interface DemoCommitment {
  forum: number;
  text: string;
  area: string;
  person: string;
  dueDate: string;
  status: CommitmentStatus;
  progress: number;
  cancelReason: string;
  followUps: { date: string; note: string; progress: number; evidenceUrl: string }[];
}

export const demoCommitments2022: DemoCommitment[] = [
  {
    forum: 0,
    text: example('Publicar en la página web la ruta de acceso a los programas para jóvenes explicada en el foro'),
    area: 'Área de Comunicaciones',
    person: '',
    dueDate: '2022-08-31',
    status: 'done',
    progress: 100,
    cancelReason: '',
    followUps: [
      { date: '2022-07-15', note: example('Borrador de la ruta revisado con el equipo de Políticas Públicas'), progress: 50, evidenceUrl: '' },
      { date: '2022-08-26', note: example('Ruta publicada en la página web'), progress: 100, evidenceUrl: '' },
    ],
  },
  {
    forum: 0,
    text: example('Responder por escrito las preguntas del chat que no alcanzaron a responderse en la transmisión'),
    area: 'Equipo de Participación Ciudadana — Oficina Asesora de Planeación',
    person: '',
    dueDate: '2022-07-15',
    status: 'in_progress',
    progress: 60,
    cancelReason: '',
    followUps: [{ date: '2022-07-08', note: example('Respuestas enviadas a seis de las diez preguntas'), progress: 60, evidenceUrl: '' }],
  },
  {
    forum: 1,
    text: example('Socializar con los servidores el avance del autodiagnóstico MIPG comentado en el foro'),
    area: 'Equipo MIPG — Oficina Asesora de Planeación',
    person: '',
    dueDate: '2022-11-30',
    status: 'pending',
    progress: 0,
    cancelReason: '',
    followUps: [],
  },
  {
    forum: 2,
    text: example('Abrir una mesa de trabajo con las organizaciones que propusieron causas ciudadanas'),
    area: 'Equipo de Participación Ciudadana — Oficina Asesora de Planeación',
    person: '',
    dueDate: '2022-12-15',
    status: 'cancelled',
    progress: 0,
    cancelReason: example('Se unió a la mesa distrital de participación que convocó la Alcaldía'),
    followUps: [],
  },
  {
    forum: 2,
    text: example('Incluir en el informe de gestión la respuesta a cada causa ciudadana presentada'),
    area: 'Equipo de Participación Ciudadana — Oficina Asesora de Planeación',
    person: '',
    dueDate: '2023-03-31',
    status: 'in_progress',
    progress: 30,
    cancelReason: '',
    followUps: [{ date: '2022-12-05', note: example('Matriz de causas y respuestas en elaboración'), progress: 30, evidenceUrl: '' }],
  },
];

const comments = [
  example('La información fue clara y útil.'),
  example('Me gustaría que el foro fuera en otro horario.'),
  example('Faltó tiempo para responder todas las preguntas.'),
  '',
  '',
];
const groups = ['Jóvenes participantes', 'Familias', 'Servidores públicos', 'Organizaciones sociales'];

/** Twelve responses per forum, scores spread deterministically (no randomness: the demo is the same each time). */
export function demoEvaluationResponses2022(forum: number): EvaluationInput[] {
  return Array.from({ length: 12 }, (_, i) => {
    const score = (offset: number) => Math.max(1, Math.min(5, 5 - ((i * 7 + offset + forum * 3) % 5 === 0 ? 3 : (i + offset + forum) % 3)));
    const scores: EvaluationScores = { clarity: score(0), usefulness: score(1), participation: score(2), answers: i % 4 === 3 ? null : score(3), format: score(4) };
    return { scores, comment: comments[i % comments.length]!, valueGroup: groups[(i + forum) % groups.length]! };
  });
}

/**
 * Writes the illustrative commitments (with their follow-ups) and evaluation responses for the demo forums
 * (`forumIds` in the demo's order), in the name of `demo`. Returns the audit entries.
 */
export async function loadDemoAccountability2022(db: Db, forumIds: number[], now: string): Promise<AuditDraft[]> {
  const audit: AuditDraft[] = [];
  for (const c of demoCommitments2022) {
    const forumId = forumIds[c.forum];
    if (forumId === undefined) continue;
    const id = await insertCommitment(
      db,
      { forumId, questionId: null, year: 2022, text: c.text, area: c.area, person: c.person, dueDate: c.dueDate, status: c.status, cancelReason: c.cancelReason, progress: c.progress, illustrative: true },
      'demo',
      now,
    );
    if (c.followUps.length > 0) {
      await db
        .insertInto('commitment_follow_ups')
        .values(c.followUps.map((f) => ({ commitment_id: id, date: f.date, note: f.note, progress: f.progress, evidence_url: f.evidenceUrl, created_at: now, created_by: 'demo' })))
        .execute();
    }
    audit.push({ action: 'create', entity: 'commitment', entityId: id, changes: ['Ejemplo ilustrativo de la demostración'] });
  }
  for (const [index, forumId] of forumIds.entries()) {
    const responses = demoEvaluationResponses2022(index);
    await insertEvaluationResponses(db, forumId, responses, 'demo', 'demo', now);
    audit.push({ action: 'create', entity: 'forum_evaluation', entityId: forumId, changes: [`${responses.length} respuestas ilustrativas de la demostración`] });
  }
  return audit;
}
