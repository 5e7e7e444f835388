import type { Transaction } from 'kysely';
import type { AuditDraft } from '../domain/audit';
import { tallyConsultation } from '../domain/consultation-tally';
import type { Forum } from '../domain/forum';
import type { ReportInput } from '../domain/report';
import { methodologyFromConsultation, type MethodologyConsultation } from '../domain/report-prefill';
import { buildStatistics } from '../domain/report-statistics';
import { forumSectionDraft, forumsWithoutSection, forumSectionIndex, initialSections, isGeneratedKind, kindSectionIndex, missingGeneratedKinds, reportSyncMessages, statisticsFollowUp, type GeneratedKind } from '../domain/report-sync';
import { getConsultation, listConsultations, tallyResponses } from '../db/consultation-queries';
import { getForum } from '../db/forum-queries';
import { listYearMetrics } from '../db/metrics-queries';
import { getReport, insertReport, insertSection, listRemovedForumIds, listRemovedSectionKinds, listSectionRows, reorderSections, setSectionStatistics } from '../db/report-queries';
import { listPublishedReports } from '../db/publication-queries';
import { defaultSectionTitles } from '../domain/report';
import { emptyDoc } from '../domain/rich-text';
import { generatedHash } from './report-generated';
import type { Database } from '../db/schema';

/**
 * The report's side of the write path: what a change to the data does to the year's report, decided in
 * src/domain/report-sync.ts, read and written through src/db, inside the change's transaction and in the name of
 * the person who made the change. Only src/api/change.ts calls `syncReport`; GET routes never do.
 */

type Tx = Transaction<Database>;
type Author = { username: string };

/** The year's forums in date order, in full (for prefilling their sections). */
async function yearForums(tx: Tx, year: number): Promise<Forum[]> {
  const forums: Forum[] = [];
  for (const { id } of await listYearMetrics(tx, year)) {
    const forum = await getForum(tx, id);
    if (forum) forums.push(forum);
  }
  return forums;
}

/** The year's consultation (the latest, when there are several) as the methodology needs it, or null. */
async function methodologyConsultation(tx: Tx, year: number): Promise<MethodologyConsultation | null> {
  const [latest] = await listConsultations(tx, year);
  const consultation = latest && (await getConsultation(tx, latest.id));
  if (!consultation) return null;
  return methodologyFromConsultation(consultation, tallyConsultation(consultation, await tallyResponses(tx, consultation.id)));
}

/** Creates the year's report with the sections it needs, all drafts at revision 1 by `author`. */
export async function createReport(tx: Tx, year: number, input: ReportInput, author: Author, now: string): Promise<AuditDraft[]> {
  await insertReport(tx, year, input, author.username, now);
  const audit: AuditDraft[] = [{ action: 'create', entity: 'report', entityId: year, changes: [input.title] }];
  const sections = initialSections(year, input, await yearForums(tx, year), await methodologyConsultation(tx, year));
  for (const [i, section] of sections.entries()) {
    const id = await insertSection(tx, { ...section, year, position: i + 1 }, author.username, now);
    audit.push({ action: 'create', entity: 'report_section', entityId: id, changes: [section.title] });
  }
  return audit;
}

/**
 * Brings the year's report (when there is one) in step with the data, as `author`'s change left it: a forum of
 * the year without a section (and not removed on purpose) gets one, pre-filled from it, before the statistics;
 * an unpublished report without one of the generated sections added by issue 13 (and not removed on purpose) gets
 * it; a generated section whose data changed names `author` as its last editor, and goes back to review if it
 * was approved for other data. Only the generated sections of `kinds` (all when not given) are read again: the
 * others' data did not change (a section whose hash was never recorded is read in any case). Returns the audit
 * entries (in `author`'s name, like the change itself).
 */
export async function syncReport(tx: Tx, year: number, author: Author, now: string, today: string, kinds?: readonly GeneratedKind[]): Promise<AuditDraft[]> {
  if (!(await getReport(tx, year))) return [];
  const audit: AuditDraft[] = [];
  const forums = await listYearMetrics(tx, year);
  let sections = await listSectionRows(tx, year);
  const missing = forumsWithoutSection(
    forums.map((f) => f.id),
    sections.map((s) => ({ forumId: s.forum_id })),
    await listRemovedForumIds(tx, year),
  );
  for (const forumId of missing) {
    const forum = await getForum(tx, forumId);
    if (!forum) continue;
    const at = forumSectionIndex(sections.map((s) => ({ kind: s.kind })));
    const id = await insertSection(tx, { ...forumSectionDraft(forum), year, position: at + 1 }, author.username, now);
    const order = sections.map((s) => s.id);
    order.splice(at, 0, id);
    await reorderSections(tx, order);
    sections = await listSectionRows(tx, year);
    audit.push({ action: 'create', entity: 'report_section', entityId: id, changes: [reportSyncMessages.forumSectionAdded, forum.title] });
  }
  // A report that predates a generated section gets it (not a published one, not one removed on purpose).
  const published = (await listPublishedReports(tx, year)).length > 0;
  for (const kind of missingGeneratedKinds(sections, await listRemovedSectionKinds(tx, year), published)) {
    const at = kindSectionIndex(sections, kind);
    const title = defaultSectionTitles[kind];
    const id = await insertSection(tx, { kind, forumId: null, title, content: emptyDoc(), recommendations: [], year, position: at + 1 }, author.username, now);
    const order = sections.map((s) => s.id);
    order.splice(at, 0, id);
    await reorderSections(tx, order);
    sections = await listSectionRows(tx, year);
    audit.push({ action: 'create', entity: 'report_section', entityId: id, changes: [reportSyncMessages.generatedSectionAdded, title] });
  }
  // A generated section (statistics, questions and answers, evaluation, commitments, follow-up) whose data changed
  // names `author` as its last editor, and goes back to review if it was approved for other data.
  const hashes = new Map<GeneratedKind, string>();
  for (const section of sections) {
    const kind = section.kind;
    if (!isGeneratedKind(kind)) continue;
    if (kinds && !kinds.includes(kind) && section.statistics_hash !== null) continue;
    if (!hashes.has(kind)) hashes.set(kind, kind === 'statistics' ? buildStatistics(forums, new Map(forums.map((f) => [f.id, f.metrics]))).hash : await generatedHash(tx, year, kind, today));
    const hash = hashes.get(kind)!;
    const followUp = statisticsFollowUp({ state: section.state, statisticsHash: section.statistics_hash, approvedStatisticsHash: section.approved_statistics_hash }, hash);
    if (!followUp.record && !followUp.changed) continue;
    await setSectionStatistics(tx, section.id, { hash, changedBy: followUp.changed ? author.username : null, withdraw: followUp.withdraw, now });
    if (followUp.withdraw) audit.push({ action: 'update', entity: 'report_section', entityId: section.id, changes: [reportSyncMessages.approvalWithdrawn, reportSyncMessages.inReview] });
    else if (followUp.changed) audit.push({ action: 'update', entity: 'report_section', entityId: section.id, changes: [reportSyncMessages.figuresChanged] });
  }
  return audit;
}
