import type { ForumListQuery } from '../../domain/forum';
import type { QuestionListQuery } from '../../domain/question';

/**
 * Every query key factory of the app (all → lists → list(filters) → details → detail(id) → …), in one place so
 * the cache's coupling to the server (./invalidation.ts) can name any of them. Each feature's api.ts re-exports
 * its own and builds its `queryOptions` on them.
 */

export const sessionKeys = {
  all: ['session'] as const,
};

export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: () => [...userKeys.lists(), {}] as const,
  details: () => [...userKeys.all, 'detail'] as const,
  detail: (id: number) => [...userKeys.details(), id] as const,
  /** Display names by username (/api/people), for every role. */
  names: () => [...userKeys.all, 'names'] as const,
};

export const forumKeys = {
  all: ['forums'] as const,
  lists: () => [...forumKeys.all, 'list'] as const,
  list: (query: ForumListQuery) => [...forumKeys.lists(), query] as const,
  years: () => [...forumKeys.all, 'years'] as const,
  details: () => [...forumKeys.all, 'detail'] as const,
  detail: (id: number) => [...forumKeys.details(), id] as const,
  history: (id: number) => [...forumKeys.detail(id), 'history'] as const,
};

/** A forum's metrics, and under the same `['metrics']` the year dashboard's. */
export const metricsKeys = {
  all: ['metrics'] as const,
  details: () => [...metricsKeys.all, 'detail'] as const,
  detail: (forumId: number) => [...metricsKeys.details(), forumId] as const,
};

export const metricsDashboardKeys = {
  all: ['metrics', 'dashboard'] as const,
  year: (year: number) => [...metricsDashboardKeys.all, year] as const,
};

export const consultationKeys = {
  all: ['consultations'] as const,
  lists: () => [...consultationKeys.all, 'list'] as const,
  list: (year: number | undefined) => [...consultationKeys.lists(), { year }] as const,
  details: () => [...consultationKeys.all, 'detail'] as const,
  detail: (id: number) => [...consultationKeys.details(), id] as const,
  responses: (id: number) => [...consultationKeys.detail(id), 'responses'] as const,
  responsePage: <Query extends object>(id: number, query: Query) => [...consultationKeys.responses(id), query] as const,
  tally: (id: number) => [...consultationKeys.detail(id), 'tally'] as const,
};

export const reportKeys = {
  all: ['reports'] as const,
  lists: () => [...reportKeys.all, 'list'] as const,
  details: () => [...reportKeys.all, 'detail'] as const,
  detail: (year: number) => [...reportKeys.details(), year] as const,
  sections: (year: number) => [...reportKeys.detail(year), 'section'] as const,
  section: (year: number, id: number) => [...reportKeys.sections(year), id] as const,
  comments: (year: number, id: number) => [...reportKeys.section(year, id), 'comments'] as const,
  revisions: (year: number, id: number) => [...reportKeys.section(year, id), 'revisions'] as const,
  diff: (year: number, id: number, from: number, to: number) => [...reportKeys.section(year, id), 'diff', from, to] as const,
};

/** The export's data of a year (the report, its sections, forums and metrics in one answer). */
export const exportKeys = {
  all: ['export'] as const,
  data: (year: number) => [...exportKeys.all, 'data', year] as const,
};

/** Questions as cases (/preguntas), their figures, and the areas and terms they use (/ajustes). */
export const questionKeys = {
  all: ['questions'] as const,
  lists: () => [...questionKeys.all, 'list'] as const,
  list: (query: QuestionListQuery) => [...questionKeys.lists(), query] as const,
  figures: (year?: number) => [...questionKeys.all, 'figures', year ?? 'all'] as const,
  details: () => [...questionKeys.all, 'detail'] as const,
  detail: (id: number) => [...questionKeys.details(), id] as const,
  history: (id: number) => [...questionKeys.detail(id), 'history'] as const,
};

/** The moderation queue of questions citizens sent from the public page. */
export const submissionKeys = {
  all: ['question-submissions'] as const,
  list: (status: string) => [...submissionKeys.all, status] as const,
};

export const settingsKeys = {
  all: ['settings'] as const,
  areas: () => [...settingsKeys.all, 'areas'] as const,
  questions: () => [...settingsKeys.all, 'questions'] as const,
};

/** What the public pages show of each year (the «Publicación» screen). */
export const publicationKeys = {
  all: ['publication'] as const,
  years: () => [...publicationKeys.all, 'years'] as const,
  details: () => [...publicationKeys.all, 'detail'] as const,
  detail: (year: number) => [...publicationKeys.details(), year] as const,
};

/** The installation's organisations (the system administrator's «Organizaciones» screen). */
export const organizationKeys = {
  all: ['organizations'] as const,
  lists: () => [...organizationKeys.all, 'list'] as const,
  list: () => [...organizationKeys.lists(), {}] as const,
  details: () => [...organizationKeys.all, 'detail'] as const,
  detail: (id: number) => [...organizationKeys.details(), id] as const,
};
