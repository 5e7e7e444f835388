import type { Kysely, Transaction } from 'kysely';
import type { ReportInput, SectionKind } from '../domain/report';
import { docFromParagraphs, emptyDoc, type RichDoc } from '../domain/rich-text';
import type { Database } from './schema';
import { insertReport, insertSection, setSectionStatistics, setSectionWorkflow, yearStatistics } from './report-queries';
import type { AuditDraft } from '../domain/audit';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The 2022 report as the seed (`shared/seed/foros-virtuales-2022.txt`) writes it, with only the OCR repaired
 * (ñ and accents restored, «realizé» → «realizó», «desarrollode» → «desarrollo de»); the wording is the seed's.
 * The footnote of the introduction (the intranet page on the Institute's public nature) is a link.
 */

export const demoReport2022: ReportInput = {
  title: 'Foros Virtuales de Participación 2022',
  entity: 'Instituto Distrital para la Protección de la Niñez y la Juventud — IDIPRON',
  strategy: 'Estrategia de Rendición de Cuentas',
  preparedBy: {
    name: 'Edwin Alvaro Herrera Gonzalez',
    role: 'Líder Rendición de Cuentas y Política Pública de Participación',
    office: 'Oficina Asesora de Planeación',
  },
};

/** The seed's footnote 1. */
export const demoIntroductionFootnote = 'http://intranet.idipron.gov.co/index.php?option=com_k2&view=item&layout=item&id=47&Itemid=623';

export const demoIntroduction2022: RichDoc = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'El Instituto Distrital para la Protección de la Niñez y la Juventud - IDIPRON, como entidad de ' },
        { type: 'text', text: 'naturaleza pública', marks: [{ type: 'link', attrs: { href: demoIntroductionFootnote } }] },
        {
          type: 'text',
          text: ' y con el objetivo de generar espacios de participación de la ciudadanía frente a temas institucionales, realizó tres (3) foros virtuales de participación durante la vigencia 2022: Políticas Públicas, Modelo Integrado de Planeación y Gestión — MIPG y Causas Ciudadanas los cuales hacen parte de la Estrategia de Rendición de Cuentas y se realizaron a través de la red social Facebook. Estos ejercicios tienen como objetivo dar a conocer públicamente la gestión del IDIPRON en el desarrollo de la misionalidad del Instituto.',
        },
      ],
    },
  ],
};

export const demoMethodology2022 = [
  'Se realizó un ejercicio de consulta ciudadana a través de un formulario web donde se proponían varios temas institucionales por medio de esta herramienta, la cual fue socializada a los grupos de valor interno y externo al IDIPRON; en el sitio web del Instituto, mediante correos masivos y por los canales de comunicación y divulgación oficiales. De allí, salieron los temas a abordar en los foros.',
  'El ejercicio estuvo dirigido por el equipo de Participación Ciudadana de la Oficina Asesora de Planeación del área de Comunicaciones. De acuerdo a cada tema se articularon las acciones antes, durante y después con las áreas encargadas de presentar los temas: equipo de Políticas Públicas Poblacionales, equipo MIPG y una articulación interinstitucional con la Secretaría Distrital de Gobierno.',
  'Cada Foro Virtual de Participación contó con la presencia de profesionales expertos en cada uno de los temas, quienes respondieron preguntas de los participantes en la transmisión en vivo y del moderador, así como las recopiladas a través de herramientas de recolección de información (formularios web). Para cada ejercicio se prepararon los temas con base a preguntas orientadores con el fin de dirigir las conversaciones de manera dinámica. Participaron grupos de valor los cuales interactuaron desde sus experiencias en temas de participación.',
];

/** The three forum sections, keyed by the forum's date (ids are assigned when the demo is loaded). */
export const demoForumSections2022: { date: string; title: string; paragraphs: string[] }[] = [
  {
    date: '2022-06-22',
    title: 'Foro Políticas Públicas',
    paragraphs: [
      'El primer Foro Virtual sobre Políticas Públicas, se realizó con el fin de dar a conocer las Políticas Públicas Poblacionales que se trabajan en el Instituto de acuerdo a la misionalidad del mismo y la manera de materializarlas en el marco del modelo pedagógico institucional en beneficio de niños, niñas, adolescentes y jóvenes beneficiarios y beneficiarias.',
      'El equipo de Políticas Públicas dio a conocer el contexto y las acciones de implementación en el IDIPRON tanto de las políticas como de los enfoques de género, diferencial y poblacional en las Unidades de Protección Integral y en los procesos territoriales de calle y prevención; las invitadas al foro contaron la manera en que se incorporan la señalética y los ajustes razonables en las UPI para la población con algún tipo de discapacidad. Igualmente se socializaron las estrategias de capacitación a servidores, servidoras y contratistas sobre las políticas de Habitabilidad en Calle, Infancia y Adolescencia, Juventud y Familias, pero también LGBTI, discapacidad, Etnias, Mujer, entre otras.',
      'Así mismo, se abordó el tema del cuidado menstrual que inició como una acción de restablecimiento de derechos para las mujeres en condición de habitabilidad en calle y luego se realizó de manera más amplia. Por otro lado, se contó acerca de la estrategia de trabajo con las familias de beneficiarios y beneficiarias y el Sistema Distrital del Cuidado mediante la manzana del cuidado de la localidad de Los Mártires a través de la Unidad de Protección Integral El Castillo.',
    ],
  },
  {
    date: '2022-07-29',
    title: 'Foro Modelo Integrado de Planeación y Gestión — MIPG',
    paragraphs: [
      'El Modelo Integrado de Planeación y Gestión fue el segundo tema que se abordó en el espacio de foros virtuales de participación y se coordinó con el equipo MIPG de la Oficina Asesora de Planeación. Su contenido estuvo enfocado a que servidores, servidoras y contratistas de todo nivel pudieran comprender el modelo y cada una de sus políticas en la gestión institucional.',
      'A partir de la pregunta ¿cómo desde nuestro trabajo diario le aportamos al cumplimiento de la Misión y Visión del IDIPRON? se desarrolló el tema que tuvo como protagonistas a colaboradoras y colaboradores de la Unidad de Protección Integral La 32, lugar desde donde se abordaron temas puntuales para responder el interrogante planteado.',
      'La participación ciudadana (grupos de valor internos y externos) en la construcción de la Plataforma Estratégica, la función del modelo de MIPG como herramienta de gestión y el aporte de cada acción cotidiana de trabajo a la misión del Instituto fueron abordadas por los y las participantes a través de sus opiniones y la del equipo MIPG.',
      'También se socializaron los logros obtenidos mediante la implementación de algunas de las políticas de MIPG en lo corrido de la actual administración y se realizó una invitación a acercarse a temas estratégicos desde las áreas misionales.',
    ],
  },
  {
    date: '2022-09-07',
    title: 'Foro Causas Ciudadanas',
    paragraphs: [
      'En el marco del modelo de Gobierno Abierto en el distrito se realizó el tercer foro virtual, en esta ocasión en articulación con la Secretaría de Gobierno de Bogotá sobre Causas Ciudadanas, estrategia digital que permite a la ciudadanía promover y tramitar sus causas en torno a decisiones de ciudad que los impacten.',
      'Se contó con la participación del líder de esta estrategia a nivel distrital quien socializó todo lo relacionado a la herramienta como su aplicabilidad, beneficios, la participación requerida para desarrollarla y las causas ciudadanas por las cuales la ciudadanía puede votar para poder ser desarrolladas, así como la manera de hacerlo (ruta metodológica).',
      'Se resaltó el trabajo mancomunado que se ha venido realizando con el IDIPRON a través de capacitaciones no solo en Causas Ciudadanas si no en general sobre el modelo de Gobierno Abierto y cómo estas acciones han contribuido a fortalecer el modelo de gestión pública que facilita la relación democrática, transparente, participativa y colaborativa entre la ciudadanía y el distrito, haciendo uso de las Tecnologías de la Información y la Comunicación.',
    ],
  },
];

export const demoConclusions2022 =
  'Los foros virtuales posibilitan un análisis sobre algunos puntos que resaltan la pertinencia del desarrollo de estos, la cercanía con la ciudadanía y otros sectores, en el sentido de establecer relaciones de transparencia y comunicación. De igual manera, permiten que ciertas dependencias del Instituto puedan visibilizar sus acciones frente a la atención de la población beneficiaria, enmarcadas en el modelo pedagógico.';

export const demoRecommendations2022 = [
  'Vincular otras áreas en la estrategia de Foros Virtuales: en esta ocasión se vincularon áreas estratégicas que no habían participado en estos ejercicios como Políticas Públicas y MIPG.',
  'Generar cultura de participación de cara a la ciudadanía en los actores institucionales: se vincularon otras áreas y temas institucionales y otros grupos de valor que no habían participado en estos ejercicios que hacen parte de la estrategia de Rendición de Cuentas.',
  'Aunar temas que no se incluyan en la Estrategia Integral de Rendición de Cuentas: se tuvieron en cuenta tanto temas que hacen parte del modelo pedagógico y que impactan directamente a los niños, niñas, adolescentes y jóvenes y como aquellos que apuntan a lograr los objetivos estratégicos del Instituto.',
];

export const demoRecommendationsClosing2022 =
  'Se seguirá fortaleciendo la articulación con otras áreas y entidades como insumo a estos espacios de diálogo con la ciudadanía.';

export const demoReportEditor = 'editora';
export const demoReportReviewer = 'revisor';

/**
 * Loads the 2022 report on the demo database (after its forums and metrics): every section with the seed's
 * text, last edited by the demo editor and approved by the demo reviewer; the statistics section approved
 * for the figures as loaded. Returns the audit entries to write (the write path writes them, in the demo's name).
 */
export async function loadDemoReport2022(db: Db, now: string): Promise<AuditDraft[]> {
  const year = 2022;
  await insertReport(db, year, demoReport2022, demoReportEditor, now);
  const audit: AuditDraft[] = [{ action: 'create', entity: 'report', entityId: year, changes: ['Datos de demostración 2022'] }];
  const forums = await db.selectFrom('forums').select(['id', 'date']).where('year', '=', year).execute();
  const statistics = await yearStatistics(db, year);
  const sections: { kind: SectionKind; forumId: number | null; title: string; content: RichDoc; recommendations: string[] }[] = [
    { kind: 'introduction', forumId: null, title: 'Introducción', content: demoIntroduction2022, recommendations: [] },
    { kind: 'methodology', forumId: null, title: 'Metodología', content: docFromParagraphs(demoMethodology2022), recommendations: [] },
    ...demoForumSections2022.flatMap((s) => {
      const forum = forums.find((f) => f.date === s.date);
      return forum ? [{ kind: 'forum' as const, forumId: forum.id, title: s.title, content: docFromParagraphs(s.paragraphs), recommendations: [] }] : [];
    }),
    { kind: 'statistics', forumId: null, title: 'Estadísticas de interacción ciudadana', content: emptyDoc(), recommendations: [] },
    { kind: 'conclusions', forumId: null, title: 'Conclusiones', content: docFromParagraphs([demoConclusions2022]), recommendations: [] },
    { kind: 'recommendations', forumId: null, title: 'Recomendaciones', content: docFromParagraphs([demoRecommendationsClosing2022]), recommendations: demoRecommendations2022 },
  ];
  for (const [i, section] of sections.entries()) {
    const id = await insertSection(db, { ...section, year, position: i + 1 }, demoReportEditor, now, 'Datos de demostración 2022');
    await setSectionWorkflow(db, id, {
      state: 'approved',
      submitted_by: demoReportEditor,
      reviewed_by: demoReportReviewer,
      approved_by: demoReportReviewer,
      approved_at: now,
      approved_statistics_hash: section.kind === 'statistics' ? statistics.hash : null,
    });
    if (section.kind === 'statistics') await setSectionStatistics(db, id, { hash: statistics.hash, changedBy: null, withdraw: false, now });
    audit.push({ action: 'create', entity: 'report_section', entityId: id, changes: ['Datos de demostración 2022', 'estado: aprobada'] });
  }
  return audit;
}
