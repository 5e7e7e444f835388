import type { Kysely, Transaction } from 'kysely';
import type { AuditDraft } from '../domain/audit';
import type { CommitmentStatus } from '../domain/commitment';
import type { EvaluationInput, EvaluationScores } from '../domain/evaluation';
import { insertCommitment } from './commitment-queries';
import { insertEvaluationResponses } from './evaluation-queries';
import { docFromParagraphs } from '../domain/rich-text';
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

/**
 * Illustrative questions from the public, answered in the livestream and published («Preguntas y respuestas» of the
 * public page). The seed says the experts answered questions from the live chat, the moderator and the web forms,
 * but records none of their words: these are examples, marked as such, without anyone's personal data.
 */
export const demoQuestions2022: { forum: number; channel: 'live_chat' | 'web_form' | 'moderator'; text: string; answer: string }[] = [
  {
    forum: 0,
    channel: 'live_chat',
    text: example('¿Cómo puede un joven de otra localidad acceder a los programas de las Unidades de Protección Integral?'),
    answer: example('Puede acercarse a cualquier Unidad de Protección Integral o escribir a los canales de atención del Instituto; el equipo territorial le orienta sobre la ruta de ingreso según su edad y situación.'),
  },
  {
    forum: 0,
    channel: 'web_form',
    text: example('¿Qué ajustes razonables tienen las UPI para personas con discapacidad?'),
    answer: example('Las UPI avanzan en señalética accesible, rampas y acompañamiento de profesionales; en el foro se presentó el plan de ajustes y sus avances por unidad.'),
  },
  {
    forum: 1,
    channel: 'moderator',
    text: example('¿Cómo se mide el avance del Modelo Integrado de Planeación y Gestión en el Instituto?'),
    answer: example('Con el autodiagnóstico de cada política de MIPG y el Formulario Único de Reporte de Avance de la Gestión (FURAG), cuyos resultados se comparten con los servidores.'),
  },
  {
    forum: 2,
    channel: 'live_chat',
    text: example('¿Cómo puedo proponer una causa ciudadana y quién la revisa?'),
    answer: example('En la plataforma de Causas Ciudadanas de Gobierno Abierto Bogotá: se registra, describe la causa y la comparte; la entidad competente la revisa y responde según la ruta metodológica explicada en el foro.'),
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
 * Writes the illustrative commitments (with their follow-ups), answered questions and evaluation responses for the demo forums
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
  const forums = await db.selectFrom('forums').select(['id', 'date']).where('id', 'in', forumIds.length > 0 ? forumIds : [0]).execute();
  for (const [position, q] of demoQuestions2022.entries()) {
    const forumId = forumIds[q.forum];
    const date = forums.find((f) => f.id === forumId)?.date;
    if (forumId === undefined || !date) continue;
    const { id } = await db
      .insertInto('forum_questions')
      .values({
        forum_id: forumId,
        position,
        text: q.text,
        channel: q.channel,
        asked_by: '',
        answered: 1,
        answered_by: '',
        answer_summary: '',
        year: 2022,
        received_at: `${date}T10:15`,
        type: 'consulta',
        status: 'respondida',
        due_date: null,
        answer: JSON.stringify(docFromParagraphs([q.answer])),
        answered_at: date,
        answer_channel: 'live',
        publishable: 1,
        answered_live: 1,
        case_version: 1,
        updated_at: now,
        updated_by: 'demo',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    audit.push({ action: 'create', entity: 'question', entityId: id, changes: ['Ejemplo ilustrativo de la demostración (respondida en la transmisión, publicada)'] });
  }
  for (const [index, forumId] of forumIds.entries()) {
    const responses = demoEvaluationResponses2022(index);
    await insertEvaluationResponses(db, forumId, responses, 'demo', 'demo', now);
    audit.push({ action: 'create', entity: 'forum_evaluation', entityId: forumId, changes: [`${responses.length} respuestas ilustrativas de la demostración`] });
  }
  return audit;
}
