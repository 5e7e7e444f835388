import { z } from 'zod';
import { validationMessages } from './common';
import { questionTypes, type QuestionType } from './question';

/**
 * A question a citizen sends from the public «Participa» page before or during a forum (issue 14). It waits in a
 * moderation queue («por moderar»); nothing of it is public until the office accepts it. Accepting makes it a
 * normal question case (received date and time, due date); it can instead be merged into a case that already
 * asks the same, or rejected with a reason. Name and contact are kept only with the consent notice (Ley 1581 de
 * 2012); no data of minors is collected.
 */

export const submissionStatuses = ['por_moderar', 'aceptada', 'fusionada', 'rechazada'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

export const submissionStatusLabels: Record<SubmissionStatus, string> = {
  por_moderar: 'Por moderar',
  aceptada: 'Aceptada',
  fusionada: 'Fusionada con otra',
  rechazada: 'Rechazada',
};

export const citizenQuestionLimits = { minText: 10, text: 1000, name: 200, contact: 200, reason: 500 } as const;

export const moderationMessages = {
  notFound: 'No existe esa pregunta por moderar.',
  alreadyModerated: 'Otra persona ya moderó esta pregunta.',
  reasonRequired: 'Escriba el motivo del rechazo.',
  mergeTarget: 'Elija una pregunta del mismo foro.',
  forumGone: 'El foro de esta pregunta ya no existe.',
  noPersonalData: 'Esa pregunta no tiene datos personales que suprimir.',
} as const;

/** Where a forum stands for questions from the public: open before it happens and on its day. */
export function forumTakesQuestions(forum: { status: string; date: string | null }, today: string): boolean {
  return forum.status === 'planned' && (forum.date === null || forum.date >= today);
}

/** Where a forum stands for its evaluation: once it happened (held, or its day has passed and it was not cancelled). */
export function forumTakesEvaluation(forum: { status: string; date: string | null }, today: string): boolean {
  if (forum.status === 'cancelled') return false;
  return forum.status === 'held' || (forum.date !== null && forum.date < today);
}

/** A submission as the office's queue shows it: never the name or contact themselves, only whether they were given. */
export interface CitizenQuestionSubmission {
  id: number;
  forumId: number;
  forumTitle: string;
  year: number;
  text: string;
  /** Bogotá local time, «YYYY-MM-DDTHH:MM». */
  receivedAt: string;
  hasPersonalData: boolean;
  status: SubmissionStatus;
  /** The case it became (accepted) or was merged into. */
  questionId: number | null;
  reason: string;
  moderatedAt: string | null;
  moderatedBy: string | null;
}

export interface SubmissionPage {
  items: CitizenQuestionSubmission[];
  counts: Record<SubmissionStatus, number>;
}

export const submissionListQuerySchema = z.strictObject({
  status: z.enum(submissionStatuses, { error: validationMessages.invalidOption }).optional(),
});

export const acceptSubmissionSchema = z.strictObject({ type: z.enum(questionTypes, { error: validationMessages.invalidOption }) });
export const mergeSubmissionSchema = z.strictObject({
  questionId: z.number({ error: moderationMessages.mergeTarget }).int({ error: moderationMessages.mergeTarget }).positive({ error: moderationMessages.mergeTarget }),
});
export const rejectSubmissionSchema = z.strictObject({
  reason: z.string({ error: moderationMessages.reasonRequired }).trim().min(1, { error: moderationMessages.reasonRequired }).max(citizenQuestionLimits.reason, { error: validationMessages.tooLong(citizenQuestionLimits.reason) }),
});
export type AcceptSubmissionInput = { type: QuestionType };
