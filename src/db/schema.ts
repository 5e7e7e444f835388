import type { ColumnType, Generated } from 'kysely';
import type { AuditAction } from '../domain/audit';
import type { SubmissionStatus } from '../domain/citizen-question';
import type { ConsultationChannel, ConsultationStatus, ResponseChannel, ResponseSource, ResponseValueGroupKind } from '../domain/consultation';
import type { ForumInput, ForumStatus, Platform, QuestionChannel } from '../domain/forum';
import type { LiveSummary, PostCard, SincePublication } from '../domain/metrics';
import type { MetricsRuleId } from '../domain/metrics-rules';
import type { ReportInput, SectionKind, SectionState } from '../domain/report';
import type { RichDoc } from '../domain/rich-text';
import type { Json } from './json-column';
import type { Role } from '../domain/roles';

/**
 * Column types as stored. Enum columns carry their domain union (only the API writes them, with values its zod
 * schemas validated, and the demo loader goes through the same types), and JSON columns say what they hold
 * (`Json<T>`, read with `fromJson`), so rows map to domain records without casts.
 */

/**
 * The organisation a row belongs to (0024). Read it, filter by it; never write it: the scope of the database
 * (`forOrganization`, org-scope.ts) writes it on every insert.
 */
export type OrganizationColumn = ColumnType<number, never, never>;

/** An organisation (entity) of the installation (0024). */
export interface OrganizationsTable {
  id: Generated<number>;
  name: string;
  acronym: Generated<string>;
  nit: Generated<string>;
  /** The public pages' address: /participa/<slug>/<year>. Unique, never all digits. */
  slug: string;
  time_zone: Generated<string>;
  /** The SHA-256 of the organisation's uploaded logo (0028, organization_logos), null when it has none. */
  logo: string | null;
  /** JSON object of colours ('{}' when none). */
  colors: Generated<string>;
  active: Generated<number>;
  created_at: string;
  version: Generated<number>;
}

/** An organisation's uploaded logo (0028): one row per organisation, the image as base64. */
export interface OrganizationLogosTable {
  organization_id: OrganizationColumn;
  media_type: string;
  sha256: string;
  size: number;
  data: string;
  updated_at: string;
  updated_by: string;
}

export interface UsersTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  active: number;
  password_hash: string;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  /** Last request of the session (0006), for the idle timeout; null until the first touch. */
  last_seen_at: string | null;
}

/** What a forum keeps in its `details` JSON column. */
export interface ForumDetails {
  responsibleTeams: string[];
  alliedEntities: string[];
  valueGroups: ForumInput['valueGroups'];
  experts: ForumInput['experts'];
  guidingQuestions: string[];
  actions: ForumInput['actions'];
}

export interface ForumsTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  title: string;
  theme: string;
  search_text: string;
  year: number;
  date: string | null;
  time: string | null;
  duration_minutes: number | null;
  platform: Platform;
  stream_url: string;
  status: ForumStatus;
  objective: string;
  place: string;
  moderator: string;
  /** JSON: responsibleTeams, alliedEntities, valueGroups, experts, guidingQuestions, actions. */
  details: Json<ForumDetails>;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
  /** The consultation and topic the forum was created from (0003), null otherwise. */
  consultation_id: Generated<number | null>;
  consultation_topic_id: Generated<number | null>;
}

export interface ForumQuestionsTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  forum_id: number;
  position: number;
  text: string;
  channel: QuestionChannel;
  asked_by: string;
  answered: number;
  answered_by: string;
  answer_summary: string;
  /** The case (0009): see src/domain/question.ts. */
  received_at: string | null;
  type: Generated<string>;
  due_date: string | null;
  area_id: number | null;
  assignee: Generated<string>;
  status: Generated<string>;
  /** Rich text document (JSON). */
  answer: string | null;
  answered_at: string | null;
  answer_channel: string | null;
  publishable: Generated<number>;
  answered_live: Generated<number>;
  /** Personal data (Ley 1581): only with consent; never in lists, exports or open data. */
  asker_name: Generated<string>;
  asker_contact: Generated<string>;
  consent_text: Generated<string>;
  consent_at: string | null;
  anonymised_at: string | null;
  /** The forum's year, copied so the list filters and sorts on one table. */
  year: number | null;
  case_version: Generated<number>;
  updated_at: string | null;
  updated_by: string | null;
}

export interface AreasTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  name: string;
}

export interface SettingsTable {
  organization_id: OrganizationColumn;
  key: string;
  /** JSON. */
  value: string;
  version: Generated<number>;
}

export interface AuditLogTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  at: string;
  user_id: number | null;
  username: string;
  action: AuditAction;
  entity: string;
  entity_id: number | null;
  changes: Json<string[]>;
}

export interface ForumMetricsTable {
  organization_id: OrganizationColumn;
  forum_id: number;
  version: number;
  /** JSON of each snapshot (PostCard, LiveSummary, SincePublication), null when not taken. */
  post_card: Json<PostCard> | null;
  live_summary: Json<LiveSummary> | null;
  since_publication: Json<SincePublication> | null;
  /** JSON list of the warning rule ids confirmed on the last save. */
  acknowledged_warnings: Generated<Json<MetricsRuleId[]>>;
  updated_at: string | null;
  updated_by: string | null;
}

export interface ConsultationsTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  year: number;
  title: string;
  open_date: string;
  close_date: string;
  /** JSON list of channels. */
  channels: Json<ConsultationChannel[]>;
  status: ConsultationStatus;
  /** What readers should know about the consultation (migration 0006); '' when none. */
  note: ColumnType<string, string | undefined, string>;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
}

export interface ConsultationTopicsTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  consultation_id: number;
  position: number;
  title: string;
  description: string;
  proposing_team: string;
}

export interface ConsultationResponsesTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  consultation_id: number;
  value_group_kind: ResponseValueGroupKind;
  value_group: string;
  /** JSON list of topic ids. */
  topic_ids: Json<number[]>;
  proposed_topic: string;
  /** JSON list of question texts. */
  questions: Json<string[]>;
  channel: ResponseChannel;
  date: string;
  late: number;
  source: ResponseSource;
  created_at: string;
  created_by: string;
  /** 0, or the import that wrote the row (0006): rows of an import still listed in consultation_pending_imports are not visible yet. */
  import_batch: Generated<number>;
  /** The locality a citizen's vote gave (0013); '' otherwise. */
  locality: Generated<string>;
}

/** An import being written in chunks (0006): its rows stay invisible until the row here is deleted (the commit). */
export interface ConsultationPendingImportsTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  consultation_id: number;
  started_at: string;
  /** The largest response id when it started: its rows all come after (discarded by a range scan of the key). */
  first_id: number | null;
}

/** Failed-login counters (0006), one per key (address, address + account, account). Times in ms since the epoch. */
export interface LoginAttemptsTable {
  key: string;
  failures: number;
  window_start: number;
  next_slot: number;
  expires_at: number;
}

/** A request limit's counter (0021): hits of `key` in the fixed window that began at `window_start` (ms). */
export interface RateCountersTable {
  key: string;
  window_start: number;
  hits: number;
  expires_at: number;
}

/** The yearly report (0004): one per year. */
export interface ReportsTable {
  organization_id: OrganizationColumn;
  year: number;
  title: string;
  entity: string;
  strategy: string;
  /** JSON: { name, role, office } (the 'Elaboró' block). */
  prepared_by: Json<ReportInput['preparedBy']>;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
}

export interface ReportSectionsTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  year: number;
  position: number;
  kind: SectionKind;
  forum_id: number | null;
  title: string;
  /** JSON: the ProseMirror document. */
  content: Json<RichDoc>;
  /** JSON list of texts (recommendations sections). */
  recommendations: Json<string[]>;
  state: SectionState;
  version: number;
  last_edited_by: string | null;
  last_edited_at: string | null;
  submitted_by: string | null;
  reviewed_by: string | null;
  approved_by: string | null;
  approved_at: string | null;
  /** Statistics sections: the hash of the figures when approved. */
  approved_statistics_hash: string | null;
  /** Statistics sections: the hash of the figures the generated part was last recorded with (migration 0007). */
  statistics_hash: string | null;
}

export interface SectionRevisionsTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  section_id: number;
  number: number;
  title: string;
  content: Json<RichDoc>;
  recommendations: Json<string[]>;
  edited_by: string;
  edited_at: string;
  note: string | null;
}

export interface SectionCommentsTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  section_id: number;
  parent_id: number | null;
  author: string;
  body: string;
  quote: string | null;
  resolved: number;
  resolved_by: string | null;
  created_at: string;
}

/** Forum sections a person removed from a report: they do not come back when the report is read. */
export interface ReportRemovedForumsTable {
  organization_id: OrganizationColumn;
  year: number;
  forum_id: number;
}

/** A generated section removed from a year's report on purpose (0017): the report sync does not add it back. */
export interface ReportRemovedSectionsTable {
  organization_id: OrganizationColumn;
  year: number;
  kind: string;
}

/** A forum's evaluation survey response (0010): scores 1–5 or null. */
export interface EvaluationResponsesTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  forum_id: number;
  clarity: number | null;
  usefulness: number | null;
  participation: number | null;
  answers: number | null;
  format: number | null;
  comment: string;
  value_group: string;
  source: string;
  created_at: string;
  created_by: string;
}

/** A commitment made in a forum (0011). */
export interface CommitmentsTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  forum_id: number;
  question_id: number | null;
  year: number;
  text: string;
  area: string;
  person: string;
  due_date: string;
  status: string;
  cancel_reason: string;
  progress: number;
  /** 1 for the demo's illustrative commitments (the 2022 seed has none). */
  illustrative: Generated<number>;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
}

export interface CommitmentFollowUpsTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  commitment_id: number;
  date: string;
  note: string;
  progress: number;
  evidence_url: string;
  created_at: string;
  created_by: string;
}

export interface Database {
  organizations: OrganizationsTable;
  organization_logos: OrganizationLogosTable;
  users: UsersTable;
  sessions: SessionsTable;
  forums: ForumsTable;
  forum_questions: ForumQuestionsTable;
  areas: AreasTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  forum_metrics: ForumMetricsTable;
  consultations: ConsultationsTable;
  consultation_topics: ConsultationTopicsTable;
  consultation_responses: ConsultationResponsesTable;
  reports: ReportsTable;
  report_sections: ReportSectionsTable;
  section_revisions: SectionRevisionsTable;
  section_comments: SectionCommentsTable;
  report_removed_forums: ReportRemovedForumsTable;
  report_removed_sections: ReportRemovedSectionsTable;
  consultation_pending_imports: ConsultationPendingImportsTable;
  login_attempts: LoginAttemptsTable;
  rate_counters: RateCountersTable;
  evaluation_responses: EvaluationResponsesTable;
  commitments: CommitmentsTable;
  commitment_follow_ups: CommitmentFollowUpsTable;
  publication_settings: PublicationSettingsTable;
  published_reports: PublishedReportsTable;
  citizen_questions: CitizenQuestionsTable;
  chart_images: ChartImagesTable;
}

/** A question a citizen sent from the public page, waiting for moderation or moderated (0018). */
export interface CitizenQuestionsTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  forum_id: number;
  year: number;
  text: string;
  asker_name: Generated<string>;
  asker_contact: Generated<string>;
  consent_text: Generated<string>;
  consent_at: string | null;
  /** Bogotá local time «YYYY-MM-DDTHH:MM». */
  received_at: string;
  created_at: string;
  status: SubmissionStatus;
  question_id: number | null;
  reason: Generated<string>;
  moderated_at: string | null;
  moderated_by: string | null;
}

/** What the office publishes of a year (0012): the settings as JSON (domain/publication.ts). */
export interface PublicationSettingsTable {
  organization_id: OrganizationColumn;
  year: number;
  settings: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

/**
 * A chart's PNG as the Word export embeds it (0030), kept so that a restart or another server process does not draw it
 * again. `key` is the SHA-256 (hex) of the renderer's version, the width in pixels and the chart's SVG — the content
 * itself, so a changed figure is a new key and nothing has to be invalidated. Per organisation (its figures, its
 * forums' names); bounded in bytes per organisation, the least recently used out first (chart-image-queries.ts).
 */
export interface ChartImagesTable {
  organization_id: OrganizationColumn;
  key: string;
  png: Uint8Array;
  bytes: number;
  /** When an export or a warm-up last used it (ISO 8601). */
  used_at: string;
}

/** A published, frozen version of a year's report (0012): the snapshot JSON and the SHA-256 of its UTF-8 bytes. */
export interface PublishedReportsTable {
  organization_id: OrganizationColumn;
  id: Generated<number>;
  year: number;
  number: number;
  snapshot: string;
  sha256: string;
  bytes: number;
  published_at: string;
  published_by: string;
}
