export const forums = {
  title: 'Foros',
  platforms: {
    facebook_live: 'Facebook Live',
    youtube_live: 'YouTube Live',
    teams: 'Microsoft Teams',
    zoom: 'Zoom',
    presencial: 'Presencial',
    hibrido: 'Híbrido',
  },
  statuses: {
    planned: 'Planeado',
    held: 'Realizado',
    cancelled: 'Cancelado',
  },
  channels: {
    live_chat: 'Chat en vivo',
    moderator: 'Moderador',
    web_form: 'Formulario web',
  },
  phases: {
    before: 'Antes',
    during: 'Durante',
    after: 'Después',
  },
  valueGroupKinds: {
    internal: 'Interno',
    external: 'Externo',
  },
} as const;
