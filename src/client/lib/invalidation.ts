import type { InvalidateQueryFilters, QueryClient } from '@tanstack/react-query';
import { consultationKeys, exportKeys, forumKeys, metricsDashboardKeys, metricsKeys, organizationKeys, publicationKeys, questionKeys, reportKeys, sessionKeys, settingsKeys, submissionKeys, userKeys } from './query-keys';

/**
 * What a successful write on the server changes, for the cache: the coupling of the server's write path
 * (src/api/change.ts: a write and the year's report it brings in step), written once. Every mutation's onSuccess
 * calls `invalidateAfter` with the write it made; it sets the record the server answered with itself, so each row
 * below lists what else shows data that write changed. Only the queries on screen refetch; the rest are marked
 * stale and refetch when shown, so no screen shows a section state the server has already changed.
 */
export type ServerWrite =
  /** A forum created (also from a consultation topic), edited or deleted. */
  | { kind: 'forum'; forumId?: number }
  /** A forum's metrics saved (the answer is the saved record) or imported (the answer is not: the record refetches). */
  | { kind: 'metrics'; forumId: number; imported?: boolean }
  /** A consultation created, edited or deleted. */
  | { kind: 'consultation'; consultationId?: number }
  /** Responses added, deleted or imported. */
  | { kind: 'responses'; consultationId: number }
  /** The report created, its data saved or its sections reordered (the answer is the overview). */
  | { kind: 'report'; year: number }
  /** A section added or removed. */
  | { kind: 'sectionList'; year: number }
  /** A section's text saved, restored, submitted, approved or returned (the answer is the section). */
  | { kind: 'section'; year: number; sectionId: number }
  /** A comment added or resolved (also the one a request for changes writes). */
  | { kind: 'comments'; year: number; sectionId: number }
  /** An account created or changed. */
  | { kind: 'user' }
  /** A question's case saved, answered live, or its personal data saved or removed. */
  | { kind: 'question'; questionId: number }
  /** A citizen's question accepted (a new case), merged or rejected. */
  | { kind: 'submission' }
  /** Areas or the legal terms changed (the terms move the open cases' due dates). */
  | { kind: 'questionSettings' }
  /** Questions imported from a file: new cases in forums (their questions) and in the years' reports. */
  | { kind: 'questionImport' }
  /** A year's publication settings saved or its report published (the answer is the publication). */
  | { kind: 'publication'; year: number }
  /** An organisation created (with its first admin) or saved (the answer is the organisation). */
  | { kind: 'organization' };

type Affected = { [K in ServerWrite['kind']]: (write: Extract<ServerWrite, { kind: K }>) => InvalidateQueryFilters[] };

const overview = (year: number): InvalidateQueryFilters => ({ queryKey: reportKeys.detail(year), exact: true });

/** The table. Reports of every year where the server syncs "the forum's year": a forum can move between years. */
export const affectedBy: Affected = {
  // The server brings the forum's year's report in step (a new forum section; the statistics show titles, dates
  // and figures); the dashboard lists the year's forums; a consultation lists the forums made from its topics.
  forum: ({ forumId }) => [
    { queryKey: forumKeys.lists() },
    { queryKey: forumKeys.years() },
    ...(forumId === undefined ? [] : [{ queryKey: forumKeys.history(forumId) }]),
    { queryKey: reportKeys.all },
    { queryKey: exportKeys.all },
    { queryKey: metricsDashboardKeys.all },
    { queryKey: consultationKeys.details() },
    { queryKey: questionKeys.all },
  ],
  // New figures change the year's statistics section (back to review when it was approved) and the dashboard.
  metrics: ({ forumId, imported }) => [
    ...(imported ? [{ queryKey: metricsKeys.detail(forumId) }] : []),
    { queryKey: metricsDashboardKeys.all },
    { queryKey: reportKeys.all },
    { queryKey: exportKeys.all },
  ],
  // A forum shows the consultation it came from. (The report's methodology is drafted once: not affected.)
  consultation: ({ consultationId }) => [
    { queryKey: consultationKeys.lists() },
    ...(consultationId === undefined ? [] : [{ queryKey: consultationKeys.tally(consultationId) }]),
    { queryKey: forumKeys.details() },
  ],
  responses: ({ consultationId }) => [
    { queryKey: consultationKeys.responses(consultationId) },
    { queryKey: consultationKeys.tally(consultationId) },
    { queryKey: consultationKeys.detail(consultationId), exact: true },
    { queryKey: consultationKeys.lists() },
  ],
  report: ({ year }) => [{ queryKey: reportKeys.lists() }, { queryKey: exportKeys.data(year) }],
  sectionList: ({ year }) => [overview(year), { queryKey: reportKeys.lists() }, { queryKey: exportKeys.data(year) }],
  // A section's state decides whether the report can be published.
  section: ({ year, sectionId }) => [overview(year), { queryKey: reportKeys.revisions(year, sectionId) }, { queryKey: reportKeys.lists() }, { queryKey: exportKeys.data(year) }, { queryKey: publicationKeys.detail(year) }],
  comments: ({ year, sectionId }) => [{ queryKey: reportKeys.comments(year, sectionId) }, overview(year)],
  user: () => [{ queryKey: userKeys.lists() }, { queryKey: userKeys.names() }],
  // A case feeds the list, the figures, its forum's questions and the year's «Preguntas y respuestas» section.
  question: ({ questionId }) => [
    { queryKey: questionKeys.lists() },
    { queryKey: questionKeys.all, predicate: (q) => q.queryKey[1] === 'figures' },
    { queryKey: questionKeys.history(questionId) },
    { queryKey: forumKeys.details() },
    { queryKey: reportKeys.all },
    { queryKey: exportKeys.all },
  ],
  questionImport: () => [{ queryKey: questionKeys.all }, { queryKey: forumKeys.lists() }, { queryKey: forumKeys.details() }, { queryKey: reportKeys.all }, { queryKey: exportKeys.all }],
  questionSettings: () => [{ queryKey: settingsKeys.all }, { queryKey: questionKeys.all }],
  // Accepting adds a case to its forum (and the year's «Preguntas y respuestas» figures).
  submission: () => [{ queryKey: submissionKeys.all }, { queryKey: questionKeys.all }, { queryKey: forumKeys.details() }, { queryKey: reportKeys.all }, { queryKey: exportKeys.all }],
  publication: () => [{ queryKey: publicationKeys.years() }],
  // The list's counts; the header names the person's own organisation (the session says which).
  organization: () => [{ queryKey: organizationKeys.lists() }, { queryKey: sessionKeys.all }],
};

/** After a successful write: invalidates what it changed (resolves when what is on screen has refetched). */
export async function invalidateAfter(queryClient: QueryClient, ...writes: ServerWrite[]): Promise<void> {
  const filters = writes.flatMap((write) => (affectedBy[write.kind] as (w: ServerWrite) => InvalidateQueryFilters[])(write));
  await Promise.all(filters.map((filter) => queryClient.invalidateQueries(filter)));
}
