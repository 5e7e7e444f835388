import type { ConsultationInput } from '../domain/consultation';

/**
 * The 2022 citizen consultation of the report's methodology (`shared/seed/foros-virtuales-2022.txt`, section 2):
 * a web form spread on the Institute's web site, by mass e-mail and through the official channels, to internal
 * and external value groups; the three topics it chose, with the teams that presented them.
 *
 * What the report does not give is not invented as fact: it gives no response counts, so no responses are loaded;
 * it gives no dates, so the period is the whole year up to the day before the first forum (22 June 2022); the two
 * topics that were not chosen are marked in their description as examples.
 */
export const demoConsultation2022: ConsultationInput = {
  year: 2022,
  title: 'Consulta ciudadana de temas para los Foros Virtuales 2022',
  openDate: '2022-01-01',
  closeDate: '2022-06-21',
  channels: ['web', 'email', 'official'],
  status: 'closed',
  topics: [
    {
      title: 'Políticas Públicas Poblacionales',
      description:
        'Las Políticas Públicas Poblacionales que se trabajan en el Instituto y la manera de materializarlas en el marco del modelo pedagógico institucional.',
      proposingTeam: 'Equipo de Políticas Públicas Poblacionales',
    },
    {
      title: 'Modelo Integrado de Planeación y Gestión — MIPG',
      description: 'El Modelo Integrado de Planeación y Gestión y cada una de sus políticas en la gestión institucional.',
      proposingTeam: 'Equipo MIPG — Oficina Asesora de Planeación',
    },
    {
      title: 'Causas Ciudadanas y Gobierno Abierto',
      description: 'Causas Ciudadanas, estrategia digital del modelo de Gobierno Abierto del distrito para promover y tramitar causas ciudadanas.',
      proposingTeam: 'Secretaría Distrital de Gobierno / Participación Ciudadana',
    },
    {
      title: 'Unidades de Protección Integral: servicios y rutas de atención',
      description: 'Tema de ejemplo, no elegido (el informe de 2022 no nombra los temas que no se eligieron).',
      proposingTeam: '',
    },
    {
      title: 'Transparencia y acceso a la información pública',
      description: 'Tema de ejemplo, no elegido (el informe de 2022 no nombra los temas que no se eligieron).',
      proposingTeam: '',
    },
  ],
};

/** For each demo forum (by its index in demoForums2022), the index of the consultation topic it came from. */
export const demoForumTopic2022: Record<number, number> = { 0: 0, 1: 1, 2: 2 };
