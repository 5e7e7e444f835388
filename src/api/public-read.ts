import type { Kysely, Transaction } from 'kysely';
import type { Forum, ForumStatus, Platform } from '../domain/forum';
import type { ForumMetricsInput } from '../domain/metrics';
import { publicationMessages, type PublicationSettings } from '../domain/publication';
import type { CalendarEvent } from '../domain/ical';
import { publicConsultationOfYear } from '../db/consultation-queries';
import { getForum } from '../db/forum-queries';
import { listYearMetrics } from '../db/metrics-queries';
import { getPublication, latestPublishedReport } from '../db/publication-queries';
import { getReport } from '../db/report-queries';
import type { Database } from '../db/schema';
import { buildOpenData, type OpenData } from '../export/open-data';
import type { PublishedSnapshot } from './publication-routes';
import { HttpProblem } from './problem';
import { casesForFigures } from '../db/question-queries';
import { commitmentsOfYear } from '../db/commitment-queries';
import { lastFollowUpsOfYear } from '../db/open-data-queries';
import { publishedQuestions } from '../domain/report-questions';
import { docToPlainText } from '../domain/rich-text';
import type { EffectiveStatus } from '../domain/commitment';

/**
 * The public read model: everything the «Participa» pages and /api/public show, and nothing else. Each part is
 * read only when the office published it, and each record is built here field by field from a whitelist — a
 * field added to a staff record later never reaches the public by accident (tests/api/public-leak.test.ts).
 */

type Db = Kysely<Database> | Transaction<Database>;

export interface PublicForum {
  id: number;
  title: string;
  theme: string;
  date: string | null;
  time: string | null;
  durationMinutes: number | null;
  platform: Platform;
  streamUrl: string;
  status: ForumStatus;
  objective: string;
  place: string;
  guidingQuestions: string[];
}

export interface PublicConsultation {
  title: string;
  openDate: string;
  closeDate: string;
  /** Votes are taken only while open (the office's switch). */
  open: boolean;
  topics: { id: number; title: string; description: string }[];
}

export interface PublicReportVersion {
  number: number;
  sha256: string;
  bytes: number;
  publishedAt: string;
}

/** An answered question the office marked publishable: never who asked, who answered inside, area or deadline. */
export interface PublicAnswer {
  id: number;
  forumId: number;
  forumTitle: string;
  question: string;
  /** The answer as plain text (paragraphs separated by blank lines). */
  answer: string;
  receivedOn: string;
  answeredOn: string | null;
  answeredLive: boolean;
}

/** A commitment and its progress: never the person named on it, nor who recorded it. */
export interface PublicCommitment {
  id: number;
  forumId: number;
  forumTitle: string;
  text: string;
  area: string;
  dueDate: string;
  status: EffectiveStatus;
  progress: number;
  cancelReason: string;
  lastFollowUp: { date: string; note: string } | null;
}

export interface PublicYear {
  year: number;
  entity: { name: string; logoUrl: string; primaryColour: string };
  /** The accountability strategy's name, from the year's report. */
  strategy: string;
  privacyNotice: string;
  licence: { name: string; url: string };
  parts: PublicationSettings['show'];
  forums: PublicForum[] | null;
  consultation: PublicConsultation | null;
  report: PublicReportVersion | null;
  openData: boolean;
  /** Published answers, by forum date, when «Preguntas y respuestas» is public. */
  answers: PublicAnswer[] | null;
  commitments: PublicCommitment[] | null;
}

export const anyPublic = (s: PublicationSettings) => s.show.calendar || s.show.consultation || s.show.report || s.show.openData || s.show.questions || s.show.commitments;

/** The year's published settings; 404 when nothing of it is public. */
export async function publishedSettings(db: Db, year: number): Promise<PublicationSettings> {
  const { settings } = await getPublication(db, year);
  if (!anyPublic(settings)) throw new HttpProblem(404, publicationMessages.notPublished);
  return settings;
}

function publicForum(f: Forum): PublicForum {
  return {
    id: f.id,
    title: f.title,
    theme: f.theme,
    date: f.date,
    time: f.time,
    durationMinutes: f.durationMinutes,
    platform: f.platform,
    streamUrl: f.streamUrl,
    status: f.status,
    objective: f.objective,
    place: f.place,
    guidingQuestions: [...f.guidingQuestions],
  };
}

async function yearForums(db: Db, year: number): Promise<Forum[]> {
  const rows = await listYearMetrics(db, year);
  const forums: Forum[] = [];
  for (const row of rows) {
    const forum = await getForum(db, row.id);
    if (forum) forums.push(forum);
  }
  return forums;
}

/** The calendar (forums in date order), when published. */
export async function publicCalendar(db: Db, year: number, settings: PublicationSettings): Promise<PublicForum[]> {
  if (!settings.show.calendar) throw new HttpProblem(404, publicationMessages.partNotPublished);
  return (await yearForums(db, year)).map(publicForum);
}

async function publicConsultation(db: Db, year: number, settings: PublicationSettings): Promise<PublicConsultation | null> {
  if (!settings.show.consultation) return null;
  const consultation = await publicConsultationOfYear(db, year);
  if (!consultation) return null;
  return {
    title: consultation.title,
    openDate: consultation.openDate,
    closeDate: consultation.closeDate,
    open: settings.consultationOpen,
    topics: consultation.topics.map((t) => ({ id: t.id, title: t.title, description: t.description })),
  };
}

/** The newest published report version, when the report is public; null otherwise. */
export async function publicReportVersion(db: Db, year: number, settings: PublicationSettings): Promise<(PublicReportVersion & { snapshot: string }) | null> {
  if (!settings.show.report) return null;
  const latest = await latestPublishedReport(db, year);
  if (!latest) return null;
  return { number: latest.number, sha256: latest.sha256, bytes: latest.bytes, publishedAt: latest.publishedAt, snapshot: latest.snapshot };
}

/** The published snapshot, parsed; 404 when the report is not public. */
export async function publicReport(db: Db, year: number, settings: PublicationSettings): Promise<{ version: PublicReportVersion; snapshot: PublishedSnapshot }> {
  const found = await publicReportVersion(db, year, settings);
  if (!found) throw new HttpProblem(404, publicationMessages.partNotPublished);
  const { snapshot, ...version } = found;
  return { version, snapshot: JSON.parse(snapshot) as PublishedSnapshot };
}

/** The answered questions marked publishable, when «Preguntas y respuestas» is public; null otherwise. */
export async function publicAnswers(db: Db, year: number, settings: PublicationSettings): Promise<PublicAnswer[] | null> {
  if (!settings.show.questions) return null;
  const cases = await casesForFigures(db, year);
  return publishedQuestions(cases).map((q) => ({
      id: q.id,
      forumId: q.forumId,
      forumTitle: q.forumTitle,
      question: q.text,
      answer: docToPlainText(q.answer).trim(),
      receivedOn: q.receivedAt.slice(0, 10),
      answeredOn: q.answeredAt,
      answeredLive: q.answeredLive,
    }));
}

/** The year's commitments with their progress, when public; null otherwise. */
export async function publicCommitments(db: Db, year: number, settings: PublicationSettings, today: string): Promise<PublicCommitment[] | null> {
  if (!settings.show.commitments) return null;
  const last = await lastFollowUpsOfYear(db, year);
  return (await commitmentsOfYear(db, year, today)).map((c) => ({
    id: c.id,
    forumId: c.forumId,
    forumTitle: c.forumTitle,
    text: c.text,
    area: c.area,
    dueDate: c.dueDate,
    status: c.effectiveStatus,
    progress: c.progress,
    cancelReason: c.status === 'cancelled' ? c.cancelReason : '',
    lastFollowUp: last.get(c.id) ?? null,
  }));
}

/** The year's page: what is public, and the parts small enough to send whole. */
export async function publicYear(db: Db, year: number, today: string): Promise<PublicYear> {
  const settings = await publishedSettings(db, year);
  const report = await getReport(db, year);
  const version = await publicReportVersion(db, year, settings);
  return {
    year,
    entity: { name: settings.entityName || report?.entity || '', logoUrl: settings.logoUrl, primaryColour: settings.primaryColour },
    strategy: report?.strategy ?? '',
    privacyNotice: settings.privacyNotice,
    licence: { name: settings.licenceName, url: settings.licenceUrl },
    parts: { ...settings.show },
    forums: settings.show.calendar ? await publicCalendar(db, year, settings) : null,
    consultation: await publicConsultation(db, year, settings),
    report: version ? { number: version.number, sha256: version.sha256, bytes: version.bytes, publishedAt: version.publishedAt } : null,
    openData: settings.show.openData,
    answers: await publicAnswers(db, year, settings),
    commitments: await publicCommitments(db, year, settings, today),
  };
}

/** The open data of the year (the staff export's builder: it already leaves out who asked each question). */
export async function publicOpenData(db: Db, year: number, settings: PublicationSettings, now: string, timeZone?: string): Promise<OpenData> {
  if (!settings.show.openData) throw new HttpProblem(404, publicationMessages.partNotPublished);
  const forums = await yearForums(db, year);
  const rows = await listYearMetrics(db, year);
  const metrics: Record<number, ForumMetricsInput | null> = {};
  for (const row of rows) metrics[row.id] = row.metrics;
  // The questions file lists the answered, publishable cases — and only when «Preguntas y respuestas» is public too
  // (without the cases it was always empty: buildOpenData publishes a question only with its answered case).
  const cases = settings.show.questions ? await casesForFigures(db, year) : [];
  return buildOpenData(year, forums, metrics, now, cases, timeZone);
}

/** A forum as a calendar event (its page link in the description, the stream as URL). */
export function forumEvent(forum: PublicForum, pageUrl: string, host: string): CalendarEvent | null {
  if (!forum.date) return null;
  const description = [forum.theme, forum.objective, forum.guidingQuestions.length > 0 ? `Preguntas orientadoras:\n${forum.guidingQuestions.map((q) => `- ${q}`).join('\n')}` : '', `Más información: ${pageUrl}`]
    .filter((s) => s.trim() !== '')
    .join('\n\n');
  return {
    uid: `foro-${forum.id}@${host}`,
    title: forum.title,
    date: forum.date,
    time: forum.time,
    durationMinutes: forum.durationMinutes,
    description,
    location: forum.streamUrl || forum.place,
    url: forum.streamUrl || pageUrl,
    cancelled: forum.status === 'cancelled',
  };
}
