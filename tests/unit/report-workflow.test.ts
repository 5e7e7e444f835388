import { describe, expect, it } from 'vitest';
import { availableActions, transition, workflowMessages, type SectionAction } from '../../src/domain/report-workflow';
import type { SectionState } from '../../src/domain/report';
import type { Role } from '../../src/domain/roles';

type Outcome = SectionState | 'role' | 'state';

/**
 * Every state × action × role, for a section last edited by someone else ("otra"). `role` = refused for the
 * role (403), `state` = refused for the state (409), otherwise the next state.
 */
const table: Record<SectionState, Record<SectionAction, Record<Role, Outcome>>> = {
  draft: {
    edit: { sysadmin: 'draft', admin: 'draft', editor: 'draft', reviewer: 'role' },
    submit: { sysadmin: 'in_review', admin: 'in_review', editor: 'in_review', reviewer: 'role' },
    approve: { sysadmin: 'state', admin: 'state', editor: 'role', reviewer: 'state' },
    request_changes: { sysadmin: 'state', admin: 'state', editor: 'role', reviewer: 'state' },
  },
  in_review: {
    edit: { sysadmin: 'draft', admin: 'draft', editor: 'draft', reviewer: 'role' },
    submit: { sysadmin: 'state', admin: 'state', editor: 'state', reviewer: 'role' },
    approve: { sysadmin: 'approved', admin: 'approved', editor: 'role', reviewer: 'approved' },
    request_changes: { sysadmin: 'changes_requested', admin: 'changes_requested', editor: 'role', reviewer: 'changes_requested' },
  },
  approved: {
    edit: { sysadmin: 'draft', admin: 'draft', editor: 'draft', reviewer: 'role' },
    submit: { sysadmin: 'state', admin: 'state', editor: 'state', reviewer: 'role' },
    approve: { sysadmin: 'state', admin: 'state', editor: 'role', reviewer: 'state' },
    request_changes: { sysadmin: 'state', admin: 'state', editor: 'role', reviewer: 'state' },
  },
  changes_requested: {
    edit: { sysadmin: 'draft', admin: 'draft', editor: 'draft', reviewer: 'role' },
    submit: { sysadmin: 'in_review', admin: 'in_review', editor: 'in_review', reviewer: 'role' },
    approve: { sysadmin: 'state', admin: 'state', editor: 'role', reviewer: 'state' },
    request_changes: { sysadmin: 'state', admin: 'state', editor: 'role', reviewer: 'state' },
  },
};

const actor = (role: Role) => ({ username: `persona-${role}`, role });
const rows = (Object.keys(table) as SectionState[]).flatMap((state) =>
  (Object.keys(table[state]) as SectionAction[]).flatMap((action) => (['sysadmin', 'admin', 'editor', 'reviewer'] as Role[]).map((role) => [state, action, role, table[state][action][role]] as const)),
);

describe('transition: every state × action × role', () => {
  it.each(rows)('%s + %s by %s → %s', (state, action, role, outcome) => {
    const result = transition({ state, lastEditedBy: 'otra' }, action, actor(role), action === 'request_changes' ? { comment: 'Revise la cifra.' } : {});
    if (outcome === 'role' || outcome === 'state') {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.reason).toBe(outcome);
        expect(result.message).toMatch(/[a-záéíóúñ]/);
      }
    } else {
      expect(result).toEqual({ ok: true, next: outcome, withdrawnApproval: state === 'approved' && action === 'edit' });
    }
  });
});

describe('transition: the rules in words', () => {
  it('an edit of an approved section withdraws the approval; of any other, not', () => {
    expect(transition({ state: 'approved', lastEditedBy: 'otra' }, 'edit', actor('editor'))).toEqual({ ok: true, next: 'draft', withdrawnApproval: true });
    for (const state of ['draft', 'in_review', 'changes_requested'] as const) {
      expect(transition({ state, lastEditedBy: 'otra' }, 'edit', actor('editor'))).toEqual({ ok: true, next: 'draft', withdrawnApproval: false });
    }
  });

  it('nobody approves a section whose last change is their own (not even admin)', () => {
    for (const role of ['admin', 'reviewer'] as const) {
      const me = actor(role);
      expect(transition({ state: 'in_review', lastEditedBy: me.username }, 'approve', me)).toEqual({ ok: false, reason: 'own_change', message: workflowMessages.ownChange });
    }
    expect(workflowMessages.ownChange).toBe('No puede aprobar una sección cuyo último cambio es suyo.');
  });

  it('reviewers cannot edit, editors cannot approve or return', () => {
    expect(transition({ state: 'draft', lastEditedBy: null }, 'edit', actor('reviewer'))).toMatchObject({ ok: false, message: 'Su rol no puede editar el texto del informe.' });
    expect(transition({ state: 'in_review', lastEditedBy: 'otra' }, 'approve', actor('editor'))).toMatchObject({ ok: false, reason: 'role' });
    expect(transition({ state: 'in_review', lastEditedBy: 'otra' }, 'request_changes', actor('editor'))).toMatchObject({ ok: false, reason: 'role' });
  });

  it('returning a section needs a comment of at most 5.000 characters (when one is given)', () => {
    const section = { state: 'in_review' as const, lastEditedBy: 'otra' };
    expect(transition(section, 'request_changes', actor('reviewer'), { comment: '   ' })).toMatchObject({ ok: false, reason: 'comment' });
    expect(transition(section, 'request_changes', actor('reviewer'), { comment: 'x'.repeat(5001) })).toMatchObject({ ok: false, reason: 'comment' });
    expect(transition(section, 'request_changes', actor('reviewer'), { comment: 'x'.repeat(5000) })).toMatchObject({ ok: true, next: 'changes_requested' });
    // Without a comment the answer says whether the action is possible at all (the UI's buttons).
    expect(transition(section, 'request_changes', actor('reviewer'))).toMatchObject({ ok: true });
  });

  it('the full round: borrador → en revisión → cambios solicitados → borrador → en revisión → aprobada', () => {
    const editor = actor('editor');
    const reviewer = actor('reviewer');
    let state: SectionState = 'draft';
    const step = (action: SectionAction, who: typeof editor) => {
      const result = transition({ state, lastEditedBy: editor.username }, action, who, { comment: 'Ajuste el párrafo.' });
      if (!result.ok) throw new Error(result.message);
      state = result.next;
      return state;
    };
    expect(step('submit', editor)).toBe('in_review');
    expect(step('request_changes', reviewer)).toBe('changes_requested');
    expect(step('edit', editor)).toBe('draft');
    expect(step('submit', editor)).toBe('in_review');
    expect(step('approve', reviewer)).toBe('approved');
  });

  it('availableActions lists what the buttons may offer', () => {
    expect(availableActions({ state: 'in_review', lastEditedBy: 'otra' }, actor('reviewer'))).toEqual(['approve', 'request_changes']);
    expect(availableActions({ state: 'changes_requested', lastEditedBy: 'otra' }, actor('editor'))).toEqual(['edit', 'submit']);
    expect(availableActions({ state: 'in_review', lastEditedBy: 'persona-admin' }, actor('admin'))).toEqual(['edit', 'request_changes']);
  });
});
