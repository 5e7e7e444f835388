/** The start page («Inicio»): what waits for each role. */
export const home = {
  title: 'Inicio',
  subtitle: 'Lo que espera por usted en el informe de la vigencia {{year}}.',
  noReport: 'Aún no hay informe de ninguna vigencia.',
  toReview: {
    title: 'Secciones que esperan su revisión',
    empty: 'Ninguna sección espera su revisión.',
  },
  returned: {
    title: 'Secciones devueltas con cambios solicitados',
    empty: 'No tiene secciones devueltas.',
  },
  noMetrics: {
    title: 'Foros sin métricas',
    empty: 'Todos los foros de la vigencia tienen métricas.',
    add: 'Registrar las métricas de «{{title}}»',
  },
  questions: {
    title: 'Preguntas por responder',
    empty: 'No hay preguntas vencidas ni por vencer esta semana.',
    overdue: '{{count}} vencidas',
    week: '{{count}} vencen esta semana',
    all: 'Ver todas las preguntas',
  },
  links: {
    report: 'Ir al informe {{year}}',
    forums: 'Ver todos los foros',
    accounts: 'Administrar cuentas',
  },
} as const;
