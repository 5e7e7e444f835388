import { z } from 'zod';
import { validationMessages } from './common';
import { parseFormTimestamp, timestampDateOrder } from './consultation-import';
import { forumLimits, questionChannels, type QuestionChannel } from './forum';
import { questionChannelLabels } from './forum-labels';
import { dueDateFor, questionMessages, questionTypeLabels, questionTypes, type QuestionSettings, type QuestionType } from './question';

/**
 * Questions from the public imported in bulk from a spreadsheet (a Google / Microsoft Forms «preguntas» export or a
 * moderator's sheet): each row a case of a known forum, checked with the case's own rules (received date not in the
 * future nor before the forum's year, known channel and type, text length). The asker's name and contact are kept only
 * when the row's consent column says yes (the notice and the time are recorded, as the case page does), and never
 * for a minor. All or nothing: one bad row and nothing is planned.
 */

export const questionImportLimits = { rows: 100_000, cell: 10_000, personal: 200 } as const;

export const questionImportRoles = ['forum', 'receivedAt', 'channel', 'type', 'text', 'name', 'contact', 'consent', 'age', 'personal', 'ignore'] as const;
export type QuestionImportRole = (typeof questionImportRoles)[number];
/** The columns that hold personal data: their values are never shown in the mapping nor in the preview. */
export const questionImportPersonalRoles: readonly QuestionImportRole[] = ['name', 'contact', 'personal'];

export const questionImportRoleLabels: Record<QuestionImportRole, string> = {
  forum: 'foro',
  receivedAt: 'fecha de recepción',
  channel: 'canal',
  type: 'tipo',
  text: 'pregunta',
  name: 'nombre',
  contact: 'correo o teléfono',
  consent: 'autorización de datos personales',
  age: 'edad o menor de edad',
  personal: 'otro dato personal (no se guarda)',
  ignore: 'no importar',
};

export const questionImportMessages = {
  tooLarge: 'El archivo es demasiado grande para importar (máximo 30 MB).',
  tooMany: `El archivo tiene más de ${questionImportLimits.rows.toLocaleString('es-CO')} filas.`,
  noRows: 'El archivo no tiene filas de datos.',
  rows: (n: number) => `El archivo tiene ${n.toLocaleString('es-CO')} ${n === 1 ? 'fila' : 'filas'} con problemas: no se importó ninguna pregunta.`,
  missingColumn: (roles: string) => `Falta la columna de ${roles}: indíquela en la relación de columnas.`,
  noForum: 'Falta el foro: indique la columna del foro o elija un foro para todas las filas.',
  unknownForum: (forum: string) => `No existe el foro «${forum}».`,
  ambiguousForum: (forum: string) => `Hay varios foros llamados «${forum}»: escriba su número.`,
  missingText: 'Falta el texto de la pregunta.',
  missingDate: 'Falta la fecha de recepción.',
  badDate: (cell: string) => `«${cell}» no es una fecha válida.`,
  unknownChannel: (cell: string) => `No se reconoce el canal «${cell}» (use: ${Object.values(questionChannelLabels).join(', ').toLowerCase()}).`,
  unknownType: (cell: string) => `No se reconoce el tipo «${cell}» (use: ${Object.values(questionTypeLabels).join(', ').toLowerCase()}).`,
  unknownConsent: (cell: string) => `No se reconoce la autorización «${cell}»: escriba sí o no.`,
  noConsent: 'La fila trae nombre o contacto sin autorización de tratamiento de datos (Ley 1581 de 2012): no se guardan sin ella. Quite esos datos o indique la autorización.',
  unknownAge: (cell: string) => `No se reconoce la edad «${cell}».`,
  tooLong: (max: number) => validationMessages.tooLong(max),
  forumFull: (title: string) => `El foro «${title}» tendría más de ${forumLimits.questions} preguntas.`,
} as const;

const option = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: validationMessages.invalidOption });

export const questionImportSchema = z.strictObject({
  header: z.array(z.string().max(500)).min(1).max(200),
  rows: z.array(z.array(z.string().max(questionImportLimits.cell))).max(questionImportLimits.rows, { error: questionImportMessages.tooMany }),
  mapping: z.record(z.string().max(500), option(questionImportRoles)),
  /** The forum of every row (a forum column, if mapped, is then not read). */
  forumId: z.number({ error: validationMessages.invalidOption }).int({ error: validationMessages.invalidOption }).positive({ error: validationMessages.invalidOption }).nullable().optional(),
});
export type QuestionImportInput = z.infer<typeof questionImportSchema>;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** Suggests each header's role from its name («Foro», «Marca temporal», «Canal», «Tipo», «Pregunta», «Nombre», «Correo»…). */
export function suggestQuestionMapping(header: string[]): Partial<Record<string, QuestionImportRole>> {
  const out: Partial<Record<string, QuestionImportRole>> = {};
  const used = new Set<QuestionImportRole>();
  for (const h of header) {
    const k = fold(h);
    let role: QuestionImportRole = /autoriz|consentimiento|tratamiento de (sus |mis )?datos|habeas/.test(k)
      ? 'consent'
      : /menor de edad|^edad\b|\bedad$/.test(k)
        ? 'age'
        : /correo|e-?mail|contacto|telefono|celular/.test(k)
          ? 'contact'
          : /nombre/.test(k)
            ? 'name'
            : /documento|cedula|direccion|identificacion/.test(k)
              ? 'personal'
              : /^(foro|forum)\b|nombre del foro/.test(k)
                ? 'forum'
                : /marca temporal|timestamp|fecha|hora de (finalizacion|inicio)|completion time/.test(k)
                  ? 'receivedAt'
                  : /canal|medio|channel/.test(k)
                    ? 'channel'
                    : /^tipo|type/.test(k)
                      ? 'type'
                      : /pregunta|inquietud|question/.test(k)
                        ? 'text'
                        : 'ignore';
    // A second column for a role that takes one: a second contact is still personal (never shown), others ignored.
    if (role !== 'ignore' && role !== 'personal' && used.has(role)) role = questionImportPersonalRoles.includes(role) ? 'personal' : 'ignore';
    used.add(role);
    out[h] = role;
  }
  return out;
}

const channelWords: [RegExp, QuestionChannel][] = [
  [/^(live_chat|chat|chat en vivo|comentarios? en vivo|transmision|en vivo|facebook( live)?|youtube( live)?)$/, 'live_chat'],
  [/^(moderator|moderador|moderadora|moderacion)$/, 'moderator'],
  [/^(web_form|formulario|formulario web|web|google forms|microsoft forms|forms|pagina web)$/, 'web_form'],
  [/^(email|e-?mail|correo|correo electronico)$/, 'email'],
  [/^(in_person|presencial|en persona)$/, 'in_person'],
];
/** A channel from its code or its Spanish name; null when the cell says something else. */
export function parseQuestionChannel(cell: string): QuestionChannel | null {
  const k = fold(cell);
  if ((questionChannels as readonly string[]).includes(k)) return k as QuestionChannel;
  return channelWords.find(([re]) => re.test(k))?.[1] ?? null;
}

/** A type from its code or its Spanish name («Petición», «Solicitud de información», «Consulta»). */
export function parseQuestionType(cell: string): QuestionType | null {
  const k = fold(cell);
  if ((questionTypes as readonly string[]).includes(k)) return k as QuestionType;
  if (/^(derecho de )?peticion$/.test(k)) return 'peticion';
  if (/^(solicitud de )?(informacion|documentos?)$|^solicitud de (acceso a )?informacion/.test(k)) return 'informacion';
  if (/^consulta$/.test(k)) return 'consulta';
  return null;
}

/** Yes or no from a consent answer («Sí», «Sí, autorizo…», «Acepto», «No», «No autorizo»); null when unreadable. */
export function parseConsent(cell: string): boolean | null {
  const k = fold(cell);
  if (k === '') return false;
  if (/^(no\b|no acepto|no autorizo|false|0$|n$)/.test(k)) return false;
  if (/^(si\b|sí\b|yes\b|acepto|autorizo|de acuerdo|true$|1$|x$|s$)/.test(k)) return true;
  return null;
}

/** Whether the row is a minor's: an age under 18, or «sí» / «menor» in a «¿Es menor de edad?» column. */
export function parseMinor(cell: string, headerSaysMinor: boolean): boolean | null {
  const k = fold(cell);
  if (k === '') return false;
  const age = /^(\d{1,3})( anos)?$/.exec(k);
  if (age) return Number(age[1]) < 18;
  if (/menor/.test(k)) return true;
  if (/mayor|adulto/.test(k)) return false;
  if (headerSaysMinor) {
    if (/^(si|yes|s|x)\b/.test(k)) return true;
    if (/^(no|n)\b/.test(k)) return false;
  }
  return null;
}

/** The time of a timestamp cell as HH:MM (`10:15:00 a. m.`, `3:05 PM`, `15:05`), 00:00 when it gives none. */
export function timeOfStamp(cell: string): string {
  const m = /(?:^|[\sT])(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*([ap])?\.?\s*m?\.?/i.exec(cell.trim());
  if (!m) return '00:00';
  let hours = Number(m[1]);
  const minutes = Number(m[2]);
  const half = m[3]?.toLowerCase();
  if (half === 'p' && hours < 12) hours += 12;
  if (half === 'a' && hours === 12) hours = 0;
  if (hours > 23 || minutes > 59) return '00:00';
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export interface KnownForum {
  id: number;
  title: string;
  year: number;
  date: string | null;
  time: string | null;
  questionCount: number;
  maxPosition: number;
}

/** A question ready to be written (personal data only with consent, never a minor's). */
export interface ImportedQuestion {
  row: number;
  forumId: number;
  year: number;
  position: number;
  text: string;
  receivedAt: string;
  channel: QuestionChannel;
  type: QuestionType;
  dueDate: string | null;
  name: string;
  contact: string;
  consentText: string;
  consentAt: string | null;
}

/** What the preview shows of a row: never the name or contact, only whether they will be kept. */
export interface QuestionImportPreviewRow {
  row: number;
  forumTitle: string;
  text: string;
  receivedAt: string;
  channel: QuestionChannel;
  type: QuestionType;
  dueDate: string | null;
  withPersonalData: boolean;
}

export interface QuestionImportResult {
  total: number;
  accepted: number;
  /** Rows whose name or contact will be kept (with their consent). */
  withPersonalData: number;
  /** Rows of minors that gave a name or contact: the question is imported without them. */
  minorsWithoutData: number;
  /** Columns marked as other personal data: never stored. */
  droppedColumns: string[];
  forums: number;
  preview: QuestionImportPreviewRow[];
}

export interface QuestionImportRowIssue {
  row: number;
  column?: string;
  message: string;
}

export type QuestionImportPlan =
  | { ok: true; questions: ImportedQuestion[]; result: QuestionImportResult }
  | { ok: false; missing: string }
  | { ok: false; rowIssues: QuestionImportRowIssue[] };

export interface QuestionImportContext {
  forums: KnownForum[];
  /** Today in Bogotá, YYYY-MM-DD. */
  today: string;
  settings: Pick<QuestionSettings, 'terms'>;
}

const previewRows = 20;

/** Checks and reads every row; rows are numbered as in the spreadsheet (the header is row 1). */
export function planQuestionImport(input: QuestionImportInput, context: QuestionImportContext): QuestionImportPlan {
  const at = (role: QuestionImportRole) => input.header.findIndex((h) => input.mapping[h] === role);
  const col = { forum: at('forum'), receivedAt: at('receivedAt'), channel: at('channel'), type: at('type'), text: at('text'), name: at('name'), contact: at('contact'), consent: at('consent'), age: at('age') };
  if (col.text < 0) return { ok: false, missing: questionImportMessages.missingColumn(questionImportRoleLabels.text) };
  const byId = new Map(context.forums.map((f) => [f.id, f]));
  const fixedForum = input.forumId != null ? byId.get(input.forumId) : undefined;
  if (col.forum < 0 && !fixedForum) return { ok: false, missing: questionImportMessages.noForum };
  const byTitle = new Map<string, KnownForum[]>();
  for (const f of context.forums) byTitle.set(fold(f.title), [...(byTitle.get(fold(f.title)) ?? []), f]);
  const dayFirst =
    col.receivedAt >= 0
      ? timestampDateOrder(
          (function* () {
            for (const row of input.rows) if (row[col.receivedAt]) yield row[col.receivedAt]!;
          })(),
          input.header[col.receivedAt]!,
        ).dayFirst
      : true;
  const dayCache = new Map<string, string | null>();
  const dateOf = (stamp: string) => {
    const cut = stamp.search(/[\sT]/);
    const day = cut > 0 ? stamp.slice(0, cut) : stamp;
    let date = dayCache.get(day);
    if (date === undefined) dayCache.set(day, (date = parseFormTimestamp(day, dayFirst)));
    return date;
  };
  const consentHeader = col.consent >= 0 ? input.header[col.consent]! : '';
  const ageSaysMinor = col.age >= 0 && /menor/.test(fold(input.header[col.age]!));
  const counts = new Map<number, number>();
  const positions = new Map<number, number>();
  const fullReported = new Set<number>();
  const rowIssues: QuestionImportRowIssue[] = [];
  const questions: ImportedQuestion[] = [];
  const preview: QuestionImportPreviewRow[] = [];
  let withPersonalData = 0;
  let minorsWithoutData = 0;
  const cell = (cells: string[], index: number) => (index >= 0 ? (cells[index] ?? '').trim() : '');
  // Exports repeat the same few values (forum, channel, type, consent): each distinct value is read once.
  const memo = <T>(read: (value: string) => T) => {
    const seen = new Map<string, T>();
    return (value: string): T => {
      let found = seen.get(value);
      if (found === undefined && !seen.has(value)) seen.set(value, (found = read(value)));
      return found as T;
    };
  };
  const channelOf = memo(parseQuestionChannel);
  const typeOf = memo(parseQuestionType);
  const consentOf = memo(parseConsent);
  const minorOf = memo((value: string) => parseMinor(value, ageSaysMinor));
  const forumsNamed = memo((value: string) => byTitle.get(fold(value)) ?? []);
  const dueCache = new Map<string, string | null>();
  const dueOf = (receivedAt: string, type: QuestionType) => {
    const key = `${receivedAt.slice(0, 10)}:${type}`;
    let due = dueCache.get(key);
    if (due === undefined) dueCache.set(key, (due = dueDateFor(receivedAt, type, false, context.settings)));
    return due;
  };

  // One closure for every row (not one per row): the row being read is `row`.
  let row = 0;
  const problem = (column: number, message: string) => rowIssues.push(column >= 0 ? { row, column: input.header[column], message } : { row, message });
  for (let index = 0; index < input.rows.length; index++) {
    const cells = input.rows[index]!;
    row = index + 2;
    const issuesBefore = rowIssues.length;

    // Forum: the one chosen for every row; else the row's number or title (a title two forums share is told by the
    // row's year, else refused).
    let forum: KnownForum | undefined = fixedForum;
    if (!fixedForum) {
      const forumCell = cell(cells, col.forum);
      if (/^\d{1,9}$/.test(forumCell)) forum = byId.get(Number(forumCell));
      if (!forum) {
        const named = forumsNamed(forumCell);
        if (named.length === 1) forum = named[0];
        else if (named.length > 1) {
          const stamp = cell(cells, col.receivedAt);
          const year = stamp ? Number(dateOf(stamp)?.slice(0, 4)) : NaN;
          const same = named.filter((f) => f.year === year);
          if (same.length === 1) forum = same[0];
          else problem(col.forum, questionImportMessages.ambiguousForum(forumCell.slice(0, 120)));
        }
      }
      if (!forum && rowIssues.length === issuesBefore) problem(col.forum, questionImportMessages.unknownForum(forumCell.slice(0, 120)));
    }

    const text = cell(cells, col.text);
    if (text === '') problem(col.text, questionImportMessages.missingText);
    else if (text.length > forumLimits.questionText) problem(col.text, questionImportMessages.tooLong(forumLimits.questionText));

    // Received: the row's timestamp, else the forum's date and time (as a question typed on the forum form).
    let receivedAt: string | null = null;
    if (col.receivedAt >= 0) {
      const stamp = cell(cells, col.receivedAt);
      const date = stamp ? dateOf(stamp) : null;
      if (!stamp) problem(col.receivedAt, questionImportMessages.missingDate);
      else if (!date) problem(col.receivedAt, questionImportMessages.badDate(stamp.slice(0, 60)));
      else receivedAt = `${date}T${timeOfStamp(stamp)}`;
    } else if (forum) receivedAt = `${forum.date ?? `${forum.year}-01-01`}T${forum.time ?? '00:00'}`;
    if (receivedAt && forum) {
      const day = receivedAt.slice(0, 10);
      if (day > context.today) problem(col.receivedAt, questionMessages.receivedInFuture);
      else if (Number(day.slice(0, 4)) < forum.year) problem(col.receivedAt, questionMessages.receivedBeforeYear);
    }

    const channelCell = cell(cells, col.channel);
    const channel = channelCell === '' ? 'web_form' : channelOf(channelCell);
    if (!channel) problem(col.channel, questionImportMessages.unknownChannel(channelCell.slice(0, 60)));
    const typeCell = cell(cells, col.type);
    const type = typeCell === '' ? 'peticion' : typeOf(typeCell);
    if (!type) problem(col.type, questionImportMessages.unknownType(typeCell.slice(0, 60)));

    // Personal data (Ley 1581): kept only with the row's consent, never a minor's.
    let name = cell(cells, col.name);
    let contact = cell(cells, col.contact);
    if (name.length > questionImportLimits.personal) problem(col.name, questionImportMessages.tooLong(questionImportLimits.personal));
    if (contact.length > questionImportLimits.personal) problem(col.contact, questionImportMessages.tooLong(questionImportLimits.personal));
    const consentCell = cell(cells, col.consent);
    const consent = consentOf(consentCell);
    const ageCell = cell(cells, col.age);
    const minor = minorOf(ageCell);
    if (minor === null) problem(col.age, questionImportMessages.unknownAge(ageCell.slice(0, 60)));
    let consentText = '';
    let consentAt: string | null = null;
    let droppedMinor = false;
    if (name !== '' || contact !== '') {
      if (minor) {
        droppedMinor = true;
        name = '';
        contact = '';
      } else if (consent === null) problem(col.consent, questionImportMessages.unknownConsent(consentCell.slice(0, 60)));
      else if (!consent) problem(col.consent >= 0 ? col.consent : col.name >= 0 && name !== '' ? col.name : col.contact, questionImportMessages.noConsent);
      else {
        consentText = `${consentHeader.slice(0, 1800)} — ${consentCell.slice(0, 150)}`;
        consentAt = receivedAt;
      }
    }

    if (forum) {
      const count = (counts.get(forum.id) ?? forum.questionCount) + 1;
      counts.set(forum.id, count);
      if (count > forumLimits.questions && !fullReported.has(forum.id)) {
        fullReported.add(forum.id);
        problem(col.forum, questionImportMessages.forumFull(forum.title));
      }
    }
    if (rowIssues.length > issuesBefore || !forum || !receivedAt || !channel || !type) continue;
    const position = (positions.get(forum.id) ?? forum.maxPosition) + 1;
    positions.set(forum.id, position);
    const question: ImportedQuestion = {
      row,
      forumId: forum.id,
      year: forum.year,
      position,
      text,
      receivedAt,
      channel,
      type,
      dueDate: dueOf(receivedAt, type),
      name,
      contact,
      consentText,
      consentAt,
    };
    if (name !== '' || contact !== '') withPersonalData++;
    if (droppedMinor) minorsWithoutData++;
    questions.push(question);
    if (preview.length < previewRows) preview.push({ row, forumTitle: forum.title, text, receivedAt, channel, type, dueDate: question.dueDate, withPersonalData: name !== '' || contact !== '' });
  }
  if (rowIssues.length > 0) return { ok: false, rowIssues };
  return {
    ok: true,
    questions,
    result: {
      total: input.rows.length,
      accepted: questions.length,
      withPersonalData,
      minorsWithoutData,
      droppedColumns: input.header.filter((h) => input.mapping[h] === 'personal'),
      forums: new Set(questions.map((q) => q.forumId)).size,
      preview,
    },
  };
}
