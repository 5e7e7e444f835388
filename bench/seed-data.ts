import { forumStatuses, platforms, questionChannels, type ForumInput, type PublicQuestion } from '../src/domain/forum';
import type { Random } from './stats';

/** Realistic Spanish forum data for the bench: themes, titles, people, questions. */

export const benchYears = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026] as const;

const themes = [
  'Políticas Públicas Poblacionales',
  'Modelo Integrado de Planeación y Gestión — MIPG',
  'Causas Ciudadanas — Gobierno Abierto',
  'Rendición de cuentas y transparencia',
  'Participación ciudadana en el presupuesto',
  'Juventud y empleo',
  'Infancia y adolescencia',
  'Habitabilidad en calle',
  'Enfoque de género y diversidad',
  'Salud mental y bienestar',
  'Ambiente y cambio climático',
  'Paz, memoria y reconciliación',
  'Educación y modelo pedagógico',
  'Discapacidad y ajustes razonables',
  'Seguridad y convivencia',
  'Atención a la ciudadanía y trámites',
  'Innovación y transformación digital',
  'Cultura, arte y deporte',
  'Familias y Sistema Distrital del Cuidado',
  'Contratación pública y control social',
] as const;

const titlePrefixes = [
  'Foro Virtual de Participación',
  'Diálogo ciudadano',
  'Audiencia de rendición de cuentas',
  'Mesa de participación',
  'Encuentro con grupos de valor',
  'Conversatorio',
] as const;

const localities = ['Usaquén', 'Chapinero', 'Santa Fe', 'San Cristóbal', 'Usme', 'Tunjuelito', 'Bosa', 'Kennedy', 'Fontibón', 'Engativá', 'Suba', 'Barrios Unidos', 'Teusaquillo', 'Los Mártires', 'Antonio Nariño', 'Puente Aranda', 'La Candelaria', 'Rafael Uribe Uribe', 'Ciudad Bolívar', 'Sumapaz'] as const;

const places = ['Virtual — Facebook Live de IDIPRON Bogotá', 'Unidad de Protección Integral La 32', 'UPI El Castillo', 'Auditorio principal de la sede administrativa', 'Canal de YouTube institucional', 'Sala virtual de Teams'] as const;

const firstNames = ['María', 'José', 'Luisa', 'Andrés', 'Camila', 'Juan Carlos', 'Diana', 'Felipe', 'Natalia', 'Óscar', 'Paola', 'Sebastián', 'Ángela', 'Hernán'] as const;
const lastNames = ['Rodríguez', 'Gómez', 'Martínez', 'Pérez', 'Hernández', 'Díaz', 'Castaño', 'Muñoz', 'Rojas', 'Suárez', 'Niño', 'Peña'] as const;

const questionStarts = [
  '¿Cómo puede la ciudadanía participar en',
  '¿Qué resultados ha tenido',
  '¿Cuál es el presupuesto asignado a',
  '¿De qué manera se mide el impacto de',
  '¿Qué acciones hay previstas para',
  '¿Cómo se articula con otras entidades',
  '¿Dónde se puede consultar la información sobre',
] as const;

const teams = ['Equipo de Participación Ciudadana — Oficina Asesora de Planeación', 'Área de Comunicaciones', 'Equipo de Políticas Públicas Poblacionales', 'Equipo MIPG — Oficina Asesora de Planeación', 'Subdirección Técnica de Métodos Educativos'] as const;
const allies = ['Secretaría Distrital de Gobierno', 'Veeduría Distrital', 'Secretaría de Integración Social', 'Personería de Bogotá', 'Secretaría de la Mujer'] as const;

const person = (r: Random) => `${r.pick(firstNames)} ${r.pick(lastNames)}`;

function isoDate(year: number, r: Random): string {
  const month = r.int(1, 12);
  const day = r.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function question(theme: string, r: Random): PublicQuestion {
  const answered = r.next() < 0.7;
  return {
    text: `${r.pick(questionStarts)} ${theme.toLowerCase()} en la localidad de ${r.pick(localities)}?`,
    channel: r.pick(questionChannels),
    answered,
    answeredBy: answered ? person(r) : '',
    answerSummary: answered ? `Se explicó la ruta de atención y los compromisos del Instituto sobre ${theme.toLowerCase()}.` : '',
  };
}

/** One forum; `index` makes titles distinct. 0–10 public questions. */
export function makeForum(index: number, r: Random): ForumInput {
  const theme = r.pick(themes);
  const year = r.pick(benchYears);
  const status = r.pick(forumStatuses);
  const platform = r.pick(platforms);
  const hasDate = r.next() < 0.92;
  const online = platform !== 'presencial';
  return {
    title: `${r.pick(titlePrefixes)}: ${theme} — ${r.pick(localities)} (${index + 1})`,
    theme,
    year,
    date: hasDate ? isoDate(year, r) : null,
    time: r.next() < 0.8 ? `${String(r.int(8, 17)).padStart(2, '0')}:${r.pick(['00', '30'])}` : null,
    durationMinutes: r.int(30, 150),
    platform,
    streamUrl: online && r.next() < 0.6 ? `https://www.facebook.com/idipronbogota/videos/${100000 + index}` : '',
    status,
    objective: `Dar a conocer a la ciudadanía y a los grupos de valor los avances del Instituto en ${theme.toLowerCase()} y recoger sus propuestas.`,
    responsibleTeams: [r.pick(teams), 'Área de Comunicaciones'],
    alliedEntities: r.next() < 0.4 ? [r.pick(allies)] : [],
    place: online ? r.pick(places) : `Sede ${r.pick(localities)}`,
    valueGroups: [
      { kind: 'internal', name: 'Servidores, servidoras y contratistas' },
      { kind: 'external', name: 'Ciudadanía y grupos de valor' },
    ],
    moderator: person(r),
    experts: [{ name: person(r), role: 'Profesional experto', organization: r.next() < 0.7 ? 'IDIPRON' : r.pick(allies) }],
    guidingQuestions: [`Contexto y acciones del Instituto en ${theme.toLowerCase()}`, '¿Cómo participa la ciudadanía en estas decisiones?'],
    actions: [
      { phase: 'before', text: 'Consulta ciudadana de temas mediante formulario web', done: true },
      { phase: 'during', text: 'Transmisión en vivo con respuesta a preguntas del chat', done: status === 'held' },
      { phase: 'after', text: 'Registro de las estadísticas de interacción ciudadana', done: status === 'held' },
    ],
    questions: Array.from({ length: r.int(0, 10) }, () => question(theme, r)),
  };
}

/** Accent-free search words, each present in several themes or titles. */
export const searchWords = ['participacion', 'politicas', 'juventud', 'genero', 'ambiente', 'rendicion', 'mipg', 'calle', 'salud', 'paz', 'kennedy', 'suba', 'dialogo', 'presupuesto', 'digital', 'familias'] as const;
