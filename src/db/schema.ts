import type { Generated } from 'kysely';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  active: number;
  password_hash: string;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface ForumsTable {
  id: Generated<number>;
  title: string;
  theme: string;
  search_text: string;
  year: number;
  date: string | null;
  time: string | null;
  duration_minutes: number | null;
  platform: string;
  stream_url: string;
  status: string;
  objective: string;
  place: string;
  moderator: string;
  /** JSON: responsibleTeams, alliedEntities, valueGroups, experts, guidingQuestions, actions. */
  details: string;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
}

export interface ForumQuestionsTable {
  id: Generated<number>;
  forum_id: number;
  position: number;
  text: string;
  channel: string;
  asked_by: string;
  answered: number;
  answered_by: string;
  answer_summary: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  username: string;
  action: string;
  entity: string;
  entity_id: number | null;
  changes: string;
}

export interface ForumMetricsTable {
  forum_id: number;
  version: number;
  /** JSON of each snapshot (PostCard, LiveSummary, SincePublication), null when not taken. */
  post_card: string | null;
  live_summary: string | null;
  since_publication: string | null;
  /** JSON list of the warning rule ids confirmed on the last save. */
  acknowledged_warnings: Generated<string>;
  updated_at: string | null;
  updated_by: string | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  forums: ForumsTable;
  forum_questions: ForumQuestionsTable;
  audit_log: AuditLogTable;
  forum_metrics: ForumMetricsTable;
}
