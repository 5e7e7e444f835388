import type { ForumInput } from '../domain/forum';

const participationTeam = 'Equipo de Participación Ciudadana — Oficina Asesora de Planeación';
const communications = 'Área de Comunicaciones';

const standardActions = (topic: string): ForumInput['actions'] => [
  { phase: 'before', text: 'Consulta ciudadana de temas mediante formulario web', done: true },
  { phase: 'before', text: 'Socialización en el sitio web del Instituto, correos masivos y canales oficiales', done: true },
  { phase: 'before', text: `Preparación del tema "${topic}" con preguntas orientadoras`, done: true },
  { phase: 'during', text: 'Transmisión en vivo por Facebook con respuesta a preguntas del chat, del moderador y de los formularios web', done: true },
  { phase: 'after', text: 'Registro de las estadísticas de interacción ciudadana para el informe', done: true },
];

/**
 * The three forums of the 2022 report (`shared/seed/foros-virtuales-2022.txt`), transcribed from it.
 * Fields the report does not give (time of day, stream link, moderator's name) are left empty.
 */
export const demoForums2022: ForumInput[] = [
  {
    title: 'Foro Virtual de Participación: Políticas Públicas',
    theme: 'Políticas Públicas Poblacionales',
    year: 2022,
    date: '2022-06-22',
    time: null,
    durationMinutes: 72,
    platform: 'facebook_live',
    streamUrl: '',
    status: 'held',
    objective:
      'Dar a conocer las Políticas Públicas Poblacionales que se trabajan en el Instituto de acuerdo a su misionalidad y la manera de materializarlas en el marco del modelo pedagógico institucional en beneficio de niños, niñas, adolescentes y jóvenes beneficiarios y beneficiarias.',
    responsibleTeams: ['Equipo de Políticas Públicas Poblacionales', participationTeam, communications],
    alliedEntities: [],
    place: 'Virtual — Facebook Live de IDIPRON Bogotá',
    valueGroups: [
      { kind: 'internal', name: 'Servidores, servidoras y contratistas' },
      { kind: 'external', name: 'Ciudadanía y grupos de valor' },
    ],
    moderator: '',
    experts: [
      { name: 'Equipo de Políticas Públicas', role: 'Profesionales expertos', organization: 'IDIPRON' },
      { name: 'Invitadas al foro', role: 'Señalética y ajustes razonables en las UPI', organization: 'IDIPRON' },
    ],
    guidingQuestions: [
      'Contexto y acciones de implementación en el IDIPRON de las políticas y de los enfoques de género, diferencial y poblacional en las Unidades de Protección Integral y en los procesos territoriales de calle y prevención',
      'Incorporación de la señalética y los ajustes razonables en las UPI para la población con algún tipo de discapacidad',
      'Estrategias de capacitación a servidores, servidoras y contratistas sobre las políticas de Habitabilidad en Calle, Infancia y Adolescencia, Juventud y Familias, LGBTI, discapacidad, Etnias y Mujer, entre otras',
      'Cuidado menstrual: de acción de restablecimiento de derechos para mujeres en condición de habitabilidad en calle a estrategia más amplia',
      'Trabajo con las familias de beneficiarios y beneficiarias y el Sistema Distrital del Cuidado mediante la manzana del cuidado de Los Mártires (UPI El Castillo)',
    ],
    actions: standardActions('Políticas Públicas'),
    questions: [],
  },
  {
    title: 'Foro Virtual de Participación: Modelo Integrado de Planeación y Gestión — MIPG',
    theme: 'Modelo Integrado de Planeación y Gestión — MIPG',
    year: 2022,
    date: '2022-07-29',
    time: null,
    durationMinutes: 57,
    platform: 'facebook_live',
    streamUrl: '',
    status: 'held',
    objective:
      'Que servidores, servidoras y contratistas de todo nivel pudieran comprender el Modelo Integrado de Planeación y Gestión y cada una de sus políticas en la gestión institucional.',
    responsibleTeams: ['Equipo MIPG — Oficina Asesora de Planeación', participationTeam, communications],
    alliedEntities: [],
    place: 'Unidad de Protección Integral La 32',
    valueGroups: [
      { kind: 'internal', name: 'Servidores, servidoras y contratistas' },
      { kind: 'external', name: 'Ciudadanía y grupos de valor' },
    ],
    moderator: '',
    experts: [
      { name: 'Equipo MIPG', role: 'Oficina Asesora de Planeación', organization: 'IDIPRON' },
      { name: 'Colaboradoras y colaboradores de la UPI La 32', role: 'Protagonistas del foro', organization: 'IDIPRON' },
    ],
    guidingQuestions: [
      '¿Cómo desde nuestro trabajo diario le aportamos al cumplimiento de la Misión y Visión del IDIPRON?',
      'La participación ciudadana (grupos de valor internos y externos) en la construcción de la Plataforma Estratégica',
      'La función del modelo MIPG como herramienta de gestión',
      'El aporte de cada acción cotidiana de trabajo a la misión del Instituto',
      'Logros obtenidos con la implementación de las políticas de MIPG en lo corrido de la actual administración',
    ],
    actions: standardActions('MIPG'),
    questions: [],
  },
  {
    title: 'Foro Virtual de Participación: Causas Ciudadanas',
    theme: 'Causas Ciudadanas — Gobierno Abierto',
    year: 2022,
    date: '2022-09-07',
    time: null,
    durationMinutes: 43,
    platform: 'facebook_live',
    streamUrl: '',
    status: 'held',
    objective:
      'En el marco del modelo de Gobierno Abierto en el distrito, dar a conocer Causas Ciudadanas, estrategia digital que permite a la ciudadanía promover y tramitar sus causas en torno a decisiones de ciudad que los impacten.',
    responsibleTeams: [participationTeam, communications],
    alliedEntities: ['Secretaría Distrital de Gobierno'],
    place: 'Virtual — Facebook Live de IDIPRON Bogotá',
    valueGroups: [
      { kind: 'internal', name: 'Servidores, servidoras y contratistas' },
      { kind: 'external', name: 'Ciudadanía y grupos de valor' },
    ],
    moderator: '',
    experts: [{ name: 'Líder distrital de la estrategia Causas Ciudadanas', role: 'Líder de la estrategia', organization: 'Secretaría Distrital de Gobierno' }],
    guidingQuestions: [
      'La herramienta Causas Ciudadanas: aplicabilidad, beneficios y participación requerida para desarrollarla',
      'Las causas ciudadanas por las que la ciudadanía puede votar y la manera de hacerlo (ruta metodológica)',
      'El trabajo mancomunado con el IDIPRON en capacitaciones sobre Causas Ciudadanas y el modelo de Gobierno Abierto',
    ],
    actions: standardActions('Causas Ciudadanas'),
    questions: [],
  },
];
