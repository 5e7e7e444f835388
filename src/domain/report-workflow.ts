import type { Role } from './roles';
import { reportLimits, type SectionState } from './report';

/**
 * The review workflow of a report section, as a state machine. Written once: the server enforces it on every
 * route and the UI uses it to show only the actions a person may take.
 *
 *   borrador ──submit──► en revisión ──approve──► aprobada
 *      ▲                    │   └──request_changes──► cambios solicitados ──submit──► en revisión
 *      └────────edit────────┴──────────────edit (from any state; withdraws an approval)
 */

export const sectionActions = ['edit', 'submit', 'approve', 'request_changes'] as const;
export type SectionAction = (typeof sectionActions)[number];

export const workflowMessages = {
  reviewerCannotEdit: 'Su rol no puede editar el texto del informe.',
  cannotSubmit: 'Su rol no puede enviar secciones a revisión.',
  cannotReview: 'Su rol no puede aprobar ni devolver secciones del informe.',
  alreadyInReview: 'La sección ya está en revisión.',
  alreadyApproved: 'La sección ya está aprobada: para cambiarla, edítela.',
  approveOnlyInReview: 'Solo se puede aprobar una sección que está en revisión.',
  returnOnlyInReview: 'Solo se pueden solicitar cambios a una sección que está en revisión.',
  ownChange: 'No puede aprobar una sección cuyo último cambio es suyo.',
  commentRequired: 'Escriba qué cambios pide.',
  commentTooLong: `El comentario no puede superar ${reportLimits.comment.toLocaleString('es-CO')} caracteres.`,
} as const;

/** Why a transition was refused: the role (the API answers 403) or the section's state / own change (409), or a bad comment (400). */
export type RefusalReason = 'role' | 'state' | 'own_change' | 'comment';

export type TransitionResult =
  | { ok: true; next: SectionState; withdrawnApproval: boolean }
  | { ok: false; message: string; reason: RefusalReason };

export interface WorkflowSection {
  state: SectionState;
  lastEditedBy: string | null;
}

export interface WorkflowActor {
  username: string;
  role: Role;
}

const editors: readonly Role[] = ['sysadmin', 'admin', 'editor'];
const reviewers: readonly Role[] = ['sysadmin', 'admin', 'reviewer'];

const refuse = (message: string, reason: RefusalReason): TransitionResult => ({ ok: false, message, reason });
const go = (next: SectionState, withdrawnApproval = false): TransitionResult => ({ ok: true, next, withdrawnApproval });

/**
 * What `action` by `actor` does to `section`. For request_changes, `options.comment` is checked when given (the
 * server always gives it); without it the answer says whether the action is possible at all (for the UI).
 */
export function transition(section: WorkflowSection, action: SectionAction, actor: WorkflowActor, options: { comment?: string } = {}): TransitionResult {
  switch (action) {
    case 'edit':
      if (!editors.includes(actor.role)) return refuse(workflowMessages.reviewerCannotEdit, 'role');
      return go('draft', section.state === 'approved');
    case 'submit':
      if (!editors.includes(actor.role)) return refuse(workflowMessages.cannotSubmit, 'role');
      if (section.state === 'in_review') return refuse(workflowMessages.alreadyInReview, 'state');
      if (section.state === 'approved') return refuse(workflowMessages.alreadyApproved, 'state');
      return go('in_review');
    case 'approve':
      if (!reviewers.includes(actor.role)) return refuse(workflowMessages.cannotReview, 'role');
      if (section.state !== 'in_review') return refuse(section.state === 'approved' ? workflowMessages.alreadyApproved : workflowMessages.approveOnlyInReview, 'state');
      if (section.lastEditedBy === actor.username) return refuse(workflowMessages.ownChange, 'own_change');
      return go('approved');
    case 'request_changes': {
      if (!reviewers.includes(actor.role)) return refuse(workflowMessages.cannotReview, 'role');
      if (section.state !== 'in_review') return refuse(workflowMessages.returnOnlyInReview, 'state');
      if (options.comment !== undefined) {
        const comment = options.comment.trim();
        if (comment === '') return refuse(workflowMessages.commentRequired, 'comment');
        if (comment.length > reportLimits.comment) return refuse(workflowMessages.commentTooLong, 'comment');
      }
      return go('changes_requested');
    }
  }
}

/** The actions `actor` may take on `section` now (for the UI's buttons). */
export function availableActions(section: WorkflowSection, actor: WorkflowActor): SectionAction[] {
  return sectionActions.filter((action) => transition(section, action, actor).ok);
}

/** Reasons recorded when an approval is withdrawn. */
export const withdrawalReasons = {
  edited: 'editada después de aprobada',
  figuresChanged: 'cambiaron las cifras',
} as const;
