import { describe, expect, it } from 'vitest';
import { forumSectionIndex, forumsWithoutSection, initialSections, statisticsFollowUp } from '../../src/domain/report-sync';
import type { Forum } from '../../src/domain/forum';
import { validForum } from '../support/api-assertions';

const stored = (id: number, overrides: Parameters<typeof validForum>[0]): Forum => ({ ...validForum(overrides), id, version: 1, createdAt: '', updatedAt: '', createdBy: '', updatedBy: '', origin: null });

describe('what a report needs (src/domain/report-sync.ts)', () => {
  it('a new report: introduction, methodology, one section per forum in the order given, statistics, questions and answers, evaluation, commitments, follow-up, conclusions, recommendations', () => {
    const sections = initialSections(2031, { entity: 'IDIPRON', strategy: '' }, [stored(7, { title: 'Foro A', objective: 'Hablar de A.' }), stored(3, { title: 'Foro B' })], null);
    expect(sections.map((s) => [s.kind, s.forumId, s.title])).toEqual([
      ['introduction', null, 'Introducción'],
      ['methodology', null, 'Metodología'],
      ['forum', 7, 'Foro A'],
      ['forum', 3, 'Foro B'],
      ['statistics', null, 'Estadísticas de interacción ciudadana'],
      ['questions', null, 'Preguntas y respuestas'],
      ['evaluation', null, 'Evaluación de los foros'],
      ['commitments', null, 'Compromisos'],
      ['follow_up', null, 'Seguimiento a compromisos'],
      ['conclusions', null, 'Conclusiones'],
      ['recommendations', null, 'Recomendaciones'],
    ]);
    expect(JSON.stringify(sections[2].content)).toContain('Hablar de A.');
  });

  it('forums without a section, skipping those removed on purpose, in the order given; placed before the statistics', () => {
    expect(forumsWithoutSection([5, 1, 9, 4], [{ forumId: null }, { forumId: 1 }], [9])).toEqual([5, 4]);
    expect(forumSectionIndex([{ kind: 'introduction' }, { kind: 'forum' }, { kind: 'statistics' }, { kind: 'conclusions' }])).toBe(2);
    expect(forumSectionIndex([{ kind: 'introduction' }, { kind: 'free' }])).toBe(2);
  });
});

describe('statisticsFollowUp: what the year’s figures do to a statistics section', () => {
  it('same figures: nothing', () => {
    expect(statisticsFollowUp({ state: 'approved', statisticsHash: 'h1', approvedStatisticsHash: 'h1' }, 'h1')).toEqual({ record: false, changed: false, withdraw: false });
    expect(statisticsFollowUp({ state: 'draft', statisticsHash: 'h1', approvedStatisticsHash: null }, 'h1')).toEqual({ record: false, changed: false, withdraw: false });
  });

  it('new figures under an approved section: recorded, the changer is its author, back to review', () => {
    expect(statisticsFollowUp({ state: 'approved', statisticsHash: 'h1', approvedStatisticsHash: 'h1' }, 'h2')).toEqual({ record: true, changed: true, withdraw: true });
  });

  it('new figures under a section in any other state: recorded and the changer is its author; its state stays', () => {
    for (const state of ['draft', 'in_review', 'changes_requested'] as const) {
      expect(statisticsFollowUp({ state, statisticsHash: 'h1', approvedStatisticsHash: null }, 'h2')).toEqual({ record: true, changed: true, withdraw: false });
    }
  });

  it('a section from before migration 0007 (no recorded figures): only recorded, nobody is named; unless approved for other figures', () => {
    expect(statisticsFollowUp({ state: 'in_review', statisticsHash: null, approvedStatisticsHash: null }, 'h2')).toEqual({ record: true, changed: false, withdraw: false });
    expect(statisticsFollowUp({ state: 'approved', statisticsHash: null, approvedStatisticsHash: 'h1' }, 'h2')).toEqual({ record: true, changed: true, withdraw: true });
    expect(statisticsFollowUp({ state: 'approved', statisticsHash: null, approvedStatisticsHash: 'h2' }, 'h2')).toEqual({ record: true, changed: false, withdraw: false });
  });
});
