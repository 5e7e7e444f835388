/**
 * The Spanish (es-CO) texts of the exported report: the Word file, the print view and the open-data files share
 * them, on the server and in the browser, so they live here rather than in the client's catalog (which src/export
 * must not import). A second language is a second copy of this object.
 */
export const exportTexts = {
  draftMark: 'BORRADOR',
  draftNotice: 'Este informe es un borrador: no todas sus secciones están aprobadas.',
  pendingTitle: 'Secciones pendientes de aprobación',
  pendingItem: (number: string, title: string, state: string) => `${number}. ${title} (${state})`,
  year: (year: number) => `Vigencia ${year}`,
  tocTitle: 'Tabla de contenido',
  signatureTitle: 'Elaboró',
  page: 'Página',
  of: 'de',
  generatedAt: (when: string) => `Generado el ${when}`,
  forumDate: (date: string) => `Fecha del foro: ${date}`,
  noMetrics: 'Este foro no tiene métricas registradas.',
  noForums: 'La vigencia no tiene foros registrados.',
  tableCaption: (n: number, title: string) => `Tabla ${n}. ${title}`,
  chartCaption: (n: number, title: string) => `Gráfico ${n}. ${title}`,
  tableHeader: ['Métrica', 'Valor'] as [string, string],
  liveDuration: (duration: string) => `Rendimiento de la transmisión en vivo de ${duration}.`,
  approximateNote: '≈ marca una cifra aproximada: la pantalla de Meta la muestra abreviada (por ejemplo, «1,7 mil» minutos reproducidos).',
  snapshots: {
    postCard: 'Publicación',
    liveSummary: 'Resumen de la transmisión en vivo',
    sincePublication: 'Rendimiento desde la publicación',
  },
  charts: {
    keyFigures: (forum: string) => `Cifras principales — ${forum}`,
    keyFiguresAlt: (forum: string, list: string) => `Gráfico de barras con las cifras principales de ${forum}: ${list}.`,
    liveViewers: (forum: string) => `Espectadores en vivo por minuto — ${forum}`,
    liveViewersAlt: (forum: string, points: number, peak: string, at: string) =>
      `Gráfico de líneas de los espectadores en vivo de ${forum} (${points} puntos): máximo de ${peak} en el minuto ${at}.`,
    dailyViews: (forum: string) => `Reproducciones diarias desde la publicación — ${forum}`,
    dailyViewsAlt: (forum: string, days: number, total: string, from: string, to: string) =>
      `Gráfico de columnas de las reproducciones diarias de ${forum} del ${from} al ${to} (${days} días): ${total} en total.`,
    retention: (forum: string) => `Retención de la audiencia — ${forum}`,
    retentionAlt: (forum: string, points: number, first: string, last: string) =>
      `Gráfico de líneas de la retención de ${forum} en ${points} intervalos: empieza en ${first} y termina en ${last}.`,
    minute: 'Minuto',
    viewers: 'Espectadores',
    date: 'Fecha',
    views: 'Reproducciones',
    interval: 'Intervalo',
    percent: '% de la audiencia',
  },
  keyFigureLabels: {
    reach: 'Personas alcanzadas',
    plays: 'Reproducciones',
    views3s: 'Reproducciones de 3 segundos',
    viewers3s: 'Espectadores de 3 segundos',
    views15s: 'Reproducciones de 15 segundos',
    views1m: 'Reproducciones de 1 minuto',
    interactions: 'Interacciones',
    peakLiveViewers: 'Máximo de espectadores en vivo',
  },
  sectionStates: {
    draft: 'borrador',
    in_review: 'en revisión',
    approved: 'aprobada',
    changes_requested: 'con cambios solicitados',
  },
  docxDescription: (title: string, year: number) => `${title}, vigencia ${year}`,
} as const;
