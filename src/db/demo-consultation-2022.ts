import type { ConsultationInput, ResponseInput } from '../domain/consultation';

/**
 * The 2022 citizen consultation of the report's methodology (`shared/seed/foros-virtuales-2022.txt`, section 2):
 * a web form spread on the Institute's web site, by mass e-mail and through the official channels, to internal
 * and external value groups; the three topics it chose, with the teams that presented them.
 *
 * What the report does not give is not passed off as fact. It gives no dates, so the period is the whole year up
 * to the day before the first forum (22 June 2022). It names neither the topics that were not chosen nor how many
 * people answered: the two other topics and the responses (demoResponses2022) are illustrative, so that the tally
 * and its chart can be seen, and the consultation's note says so to whoever reads it. Nothing a person reads
 * carries notes for developers: those are here.
 */
export const demoConsultation2022: ConsultationInput = {
  year: 2022,
  title: 'Consulta ciudadana de temas para los Foros Virtuales 2022',
  openDate: '2022-01-01',
  closeDate: '2022-06-21',
  channels: ['web', 'email', 'official'],
  status: 'closed',
  note:
    'Datos ilustrativos: el informe de 2022 no publica cuántas personas respondieron la consulta ni los temas que no se eligieron. Las respuestas y los temas «Unidades de Protección Integral: servicios y rutas de atención» y «Transparencia y acceso a la información pública» son de demostración, para ver el conteo y su gráfico; los tres temas elegidos y los canales son los del informe.',
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
      description: 'Los servicios de las Unidades de Protección Integral y las rutas para que niñas, niños, adolescentes y jóvenes accedan a ellos.',
      proposingTeam: '',
    },
    {
      title: 'Transparencia y acceso a la información pública',
      description: 'Cómo publica el Instituto su información y cómo responde las solicitudes de la ciudadanía.',
      proposingTeam: '',
    },
  ],
};

/** For each demo forum (by its index in demoForums2022), the index of the consultation topic it came from. */
export const demoForumTopic2022: Record<number, number> = { 0: 0, 1: 1, 2: 2 };

/**
 * The illustrative responses of the 2022 consultation (see the note above), for its topics in order: 160 of them,
 * the same on every load (a fixed pseudo-random sequence), dated within the period (May and June 2022), from the
 * value groups and through the channels the report names. The three topics that became forums lead the tally,
 * as they did; a few people propose a topic of their own or send a question for the forum.
 */
export function demoResponses2022(topicIds: number[]): ResponseInput[] {
  let seed = 2022;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let r = next() * total;
    for (const [item, weight] of items) if ((r -= weight) < 0) return item;
    return items[items.length - 1][0];
  };
  const groups: readonly (readonly [{ kind: ResponseInput['valueGroupKind']; group: string }, number])[] = [
    [{ kind: 'internal', group: 'Servidores públicos' }, 22],
    [{ kind: 'internal', group: 'Contratistas' }, 14],
    [{ kind: 'external', group: 'Jóvenes beneficiarios' }, 26],
    [{ kind: 'external', group: 'Familias' }, 14],
    [{ kind: 'external', group: 'Organizaciones sociales' }, 10],
    [{ kind: 'external', group: 'Ciudadanía en general' }, 14],
  ];
  // Weights per topic, in the consultation's order: Políticas Públicas, MIPG, Causas Ciudadanas, UPI, Transparencia.
  const topicWeights = [30, 22, 26, 14, 8];
  const channels: readonly (readonly [ResponseInput['channel'], number])[] = [
    ['web', 55],
    ['email', 30],
    ['official', 15],
  ];
  const proposals = ['Salud mental de los jóvenes', 'Salud mental juvenil', 'Empleo y formación para jóvenes', 'Prevención del consumo de sustancias psicoactivas'];
  // Each question is asked once, by the first respondents who choose its topic and write one.
  const questions: Record<number, string[]> = {
    0: [
      '¿Cómo se aplican los enfoques de género y diferencial en las Unidades de Protección Integral?',
      '¿Qué ajustes razonables hay para jóvenes con discapacidad?',
      '¿Cómo participan las familias en la política de infancia y adolescencia?',
    ],
    1: [
      '¿Qué es el Modelo Integrado de Planeación y Gestión y en qué cambia la atención a la ciudadanía?',
      '¿Cómo se mide el avance del Instituto en MIPG?',
      '¿Dónde se pueden consultar los resultados del FURAG?',
    ],
    2: ['¿Cómo se registra una causa ciudadana?', '¿Qué causas ciudadanas ha acompañado el Instituto?', '¿Quién responde una causa ciudadana y en cuánto tiempo?'],
    3: ['¿Cómo se accede a los servicios de una UPI?', '¿Qué horarios de atención tienen las UPI?'],
    4: ['¿Dónde se publican los contratos del Instituto?', '¿Cómo se presenta una solicitud de información?'],
  };
  const days = ['2022-05-02', '2022-05-03', '2022-05-04', '2022-05-05', '2022-05-06', '2022-05-09', '2022-05-10', '2022-05-11', '2022-05-12', '2022-05-13', '2022-05-16', '2022-05-17', '2022-05-18', '2022-05-19', '2022-05-20', '2022-05-24', '2022-05-25', '2022-05-26', '2022-05-27', '2022-05-31', '2022-06-01', '2022-06-02', '2022-06-03', '2022-06-07', '2022-06-08', '2022-06-09', '2022-06-10', '2022-06-14', '2022-06-15', '2022-06-16', '2022-06-17'];
  const responses: ResponseInput[] = [];
  for (let i = 0; i < 160; i++) {
    const { kind, group } = pick(groups);
    const chosen: number[] = [];
    const count = next() < 0.55 ? 1 : 2;
    while (chosen.length < count) {
      const index = pick(topicWeights.map((weight, t) => [t, weight] as [number, number]));
      if (!chosen.includes(index)) chosen.push(index);
    }
    const proposedTopic = next() < 0.06 ? proposals[Math.floor(next() * proposals.length)] : '';
    const asked = next() < 0.15 ? questions[chosen[0]] : [];
    const question = asked.shift();
    responses.push({
      valueGroupKind: kind,
      valueGroup: group,
      topicIds: chosen.map((index) => topicIds[index]).filter((id) => id !== undefined),
      proposedTopic,
      questions: question ? [question] : [],
      channel: pick(channels),
      date: days[Math.floor((i / 160) * days.length)],
      late: false,
    });
  }
  return responses;
}
