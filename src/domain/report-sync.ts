import type { Forum } from './forum';
import { defaultSectionTitles, type ReportInput, type SectionKind, type SectionState } from './report';
import { prefillForumSection, prefillIntroduction, prefillMethodology, type MethodologyConsultation } from './report-prefill';
import { withdrawalReasons } from './report-workflow';
import { emptyDoc, type RichDoc } from './rich-text';

/**
 * How a report follows the data it is drafted from. Pure decisions; the write path (src/api/report-sync.ts)
 * reads the rows, asks these functions, and writes what they decide, in the same transaction as the change
 * that caused it, in the name of the person who made that change.
 */

/** A section's first text, before it has an id or a position. */
export interface SectionDraft {
  kind: SectionKind;
  forumId: number | null;
  title: string;
  content: RichDoc;
  recommendations: string[];
}

/** What the audit log says when the report follows the data. */
export const reportSyncMessages = {
  forumSectionAdded: 'sección agregada por foro nuevo',
  generatedSectionAdded: 'sección generada agregada al informe',
  figuresChanged: withdrawalReasons.figuresChanged,
  approvalWithdrawn: `aprobación retirada: ${withdrawalReasons.figuresChanged}`,
  inReview: 'estado: en revisión',
} as const;

/** The section of a forum, pre-filled from it (its title, objective, teams, allied entities, experts, place). */
export function forumSectionDraft(forum: Pick<Forum, 'id' | 'title' | 'objective' | 'responsibleTeams' | 'alliedEntities' | 'experts' | 'place'>): SectionDraft {
  return { kind: 'forum', forumId: forum.id, title: forum.title, content: prefillForumSection(forum), recommendations: [] };
}

/**
 * The sections a new report needs, in order: introduction, methodology (from the year's consultation when
 * there is one), one section per forum of the year in date order, statistics, questions and answers, the forums'
 * evaluation, commitments, follow-up of the previous year's commitments, conclusions, recommendations.
 */
export function initialSections(year: number, input: Pick<ReportInput, 'entity' | 'strategy'>, forums: Forum[], methodology: MethodologyConsultation | null): SectionDraft[] {
  const fixed = (kind: Exclude<SectionKind, 'forum' | 'free'>, content: RichDoc = emptyDoc()): SectionDraft => ({ kind, forumId: null, title: defaultSectionTitles[kind], content, recommendations: [] });
  return [
    fixed('introduction', prefillIntroduction(input, year, forums)),
    fixed('methodology', prefillMethodology(methodology)),
    ...forums.map(forumSectionDraft),
    fixed('statistics'),
    fixed('questions'),
    fixed('evaluation'),
    fixed('commitments'),
    fixed('follow_up'),
    fixed('conclusions'),
    fixed('recommendations'),
  ];
}

/** The forums (in the order given: the year's date order) that need a section: none yet, and not removed on purpose. */
export function forumsWithoutSection(forumIds: readonly number[], sections: readonly { forumId: number | null }[], removed: Iterable<number>): number[] {
  const present = new Set(sections.map((s) => s.forumId));
  const skipped = new Set(removed);
  return forumIds.filter((id) => !present.has(id) && !skipped.has(id));
}

/** Where a new forum section goes (0-based): just before the statistics section, else at the end. */
export function forumSectionIndex(sections: readonly { kind: SectionKind }[]): number {
  const statistics = sections.findIndex((s) => s.kind === 'statistics');
  return statistics >= 0 ? statistics : sections.length;
}

/** The sections whose content is partly generated from the data (and whose approval follows a hash of it). */
export const generatedKinds = ['statistics', 'questions', 'evaluation', 'commitments', 'follow_up'] as const;
export type GeneratedKind = (typeof generatedKinds)[number];
export const isGeneratedKind = (kind: SectionKind): kind is GeneratedKind => (generatedKinds as readonly string[]).includes(kind);

/**
 * The generated sections that issue 13 added after reports already existed: a report that lacks one gets it from
 * the report sync, unless the report was published (a published report stays as it was approved and frozen) or
 * someone removed that section on purpose (recorded, like a removed forum section: it does not come back).
 */
export const addableKinds = ['questions', 'evaluation', 'commitments', 'follow_up'] as const satisfies readonly GeneratedKind[];
export type AddableKind = (typeof addableKinds)[number];

/** The addable generated sections a report lacks (in report order): none when it was published. */
export function missingGeneratedKinds(sections: readonly { kind: SectionKind }[], removed: Iterable<string>, published: boolean): AddableKind[] {
  if (published) return [];
  const present = new Set<string>(sections.map((s) => s.kind));
  const skipped = new Set(removed);
  return addableKinds.filter((kind) => !present.has(kind) && !skipped.has(kind));
}

/** The order of a new report's sections by kind (free sections have no place of their own). */
const kindOrder: SectionKind[] = ['introduction', 'methodology', 'forum', 'statistics', 'questions', 'evaluation', 'commitments', 'follow_up', 'conclusions', 'recommendations'];

/** Where a missing section of `kind` goes (0-based): just after the last section that comes before it in a new report's order. */
export function kindSectionIndex(sections: readonly { kind: SectionKind }[], kind: SectionKind): number {
  const rank = kindOrder.indexOf(kind);
  let at = 0;
  sections.forEach((s, i) => {
    const r = kindOrder.indexOf(s.kind);
    if (r >= 0 && r < rank) at = i + 1;
  });
  return at;
}

export interface StatisticsSectionState {
  state: SectionState;
  /** The figures' hash the section's generated part was last recorded with (null: not known yet). */
  statisticsHash: string | null;
  /** The figures' hash when it was approved. */
  approvedStatisticsHash: string | null;
}

/**
 * What the year's figures (their hash now) do to a statistics section:
 * - `record`: the section's recorded hash must become `hash`;
 * - `changed`: its content changed, so the person whose write changed the figures becomes its last editor
 *   (and so may not approve it: four eyes);
 * - `withdraw`: it was approved for other figures, so it goes back to review.
 * A section whose hash was never recorded (before migration 0007) just records it: nobody is blamed.
 */
export function statisticsFollowUp(section: StatisticsSectionState, hash: string): { record: boolean; changed: boolean; withdraw: boolean } {
  const known = section.statisticsHash ?? section.approvedStatisticsHash;
  const withdraw = section.state === 'approved' && section.approvedStatisticsHash !== hash;
  const changed = withdraw || (known !== null && known !== hash);
  return { record: section.statisticsHash !== hash, changed, withdraw };
}
