import type { ForumStatus, Platform, QuestionChannel } from './forum';

/**
 * The Spanish names of a forum's codes, one term per concept: the app's catalog (src/client/i18n/es/forums.ts)
 * and the open data's dictionary (src/export/open-data.ts) both take them from here, so they cannot drift.
 */
export const platformLabels: Record<Platform, string> = {
  facebook_live: 'Facebook Live',
  youtube_live: 'YouTube Live',
  teams: 'Microsoft Teams',
  zoom: 'Zoom',
  presencial: 'Presencial',
  hibrido: 'Híbrido',
};

export const forumStatusLabels: Record<ForumStatus, string> = {
  planned: 'Planeado',
  held: 'Realizado',
  cancelled: 'Cancelado',
};

export const questionChannelLabels: Record<QuestionChannel, string> = {
  live_chat: 'Chat en vivo',
  moderator: 'Moderador',
  web_form: 'Formulario web',
  email: 'Correo electrónico',
  in_person: 'Presencial',
};

/** The questions people ask a forum (chat, moderator, web form): one name everywhere. */
export const publicQuestionsTerm = { plural: 'Preguntas de la ciudadanía', singular: 'Pregunta de la ciudadanía' } as const;
