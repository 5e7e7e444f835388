import { z } from 'zod';
import { httpUrl, isoDate, text, validationMessages, version, type Page } from './common';

/**
 * Commitments (compromisos) made in a forum's dialogue (or in answer to one of its questions), and their dated
 * follow-ups. Stored statuses are pendiente, en curso, cumplido and cancelado; «vencido» is an open commitment whose
 * due date has passed (derived from today, so it never goes stale in the database).
 */

export const commitmentStatuses = ['pending', 'in_progress', 'done', 'cancelled'] as const;
export type CommitmentStatus = (typeof commitmentStatuses)[number];
/** What a person sees: the stored status, or «vencido» for an open one past its due date. */
export const effectiveStatuses = ['pending', 'in_progress', 'overdue', 'done', 'cancelled'] as const;
export type EffectiveStatus = (typeof effectiveStatuses)[number];

export const commitmentStatusLabels: Record<EffectiveStatus, string> = {
  pending: 'Pendiente',
  in_progress: 'En curso',
  overdue: 'Vencido',
  done: 'Cumplido',
  cancelled: 'Cancelado',
};

export const commitmentLimits = { text: 2000, area: 120, person: 120, reason: 1000, note: 2000, importRows: 20_000, pageSize: 50 } as const;

export const commitmentMessages = {
  progressRange: 'El avance debe ser un número entero de 0 a 100.',
  doneNeedsFull: 'Un compromiso cumplido tiene avance 100 %.',
  cancelNeedsReason: 'Escriba el motivo de la cancelación.',
  reasonOnlyCancelled: 'Solo un compromiso cancelado lleva motivo de cancelación.',
  dueBeforeForum: 'La fecha límite no puede ser anterior a la fecha del foro.',
  followUpOnCancelled: 'No se puede registrar seguimiento de un compromiso cancelado.',
  followUpFuture: 'La fecha del seguimiento no puede ser posterior a hoy.',
  followUpBeforeForum: 'La fecha del seguimiento no puede ser anterior a la fecha del foro.',
  notFound: 'No existe ese compromiso.',
  stale: 'Otra persona modificó este compromiso mientras usted lo editaba.',
  forumNotFound: 'No existe ese foro.',
  questionNotInForum: 'La pregunta no es de ese foro.',
  importTooLarge: 'El archivo es demasiado grande para importar (máximo 8 MB).',
  importRows: (n: number) => `El archivo tiene ${n.toLocaleString('es-CO')} ${n === 1 ? 'fila' : 'filas'} con problemas: no se actualizó ningún compromiso.`,
  importTooMany: `El archivo tiene más de ${commitmentLimits.importRows.toLocaleString('es-CO')} filas.`,
  missingColumn: (role: string) => `Falta la columna de ${role}: indíquela en la relación de columnas.`,
  unknownId: (id: string) => `No existe el compromiso «${id}».`,
  badId: (id: string) => `«${id}» no es un número de compromiso.`,
  unknownArea: (area: string) => `No se conoce el área «${area}».`,
  wrongArea: (id: number, area: string) => `El compromiso ${id} no es del área «${area}».`,
  cancelledRow: (id: number) => `El compromiso ${id} está cancelado: no admite seguimiento.`,
  repeatedId: (id: number, first: number) => `El compromiso ${id} ya aparece en la fila ${first}.`,
} as const;

const option = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: validationMessages.invalidOption });
export const progressSchema = z.number({ error: commitmentMessages.progressRange }).int({ error: commitmentMessages.progressRange }).min(0, { error: commitmentMessages.progressRange }).max(100, { error: commitmentMessages.progressRange });

const commitmentFields = {
  forumId: z.number({ error: commitmentMessages.forumNotFound }).int().positive(),
  questionId: z.number().int().positive().nullable().optional(),
  text: text(commitmentLimits.text, { required: true }),
  area: text(commitmentLimits.area, { required: true }),
  person: text(commitmentLimits.person),
  dueDate: isoDate,
  status: option(commitmentStatuses),
  cancelReason: text(commitmentLimits.reason),
  progress: progressSchema,
};

/** The rules across fields: cumplido ⇒ 100 %, cancelado ⇒ a reason, a reason only when cancelled. */
function checkStatus(value: { status: CommitmentStatus; progress: number; cancelReason: string }, ctx: z.RefinementCtx) {
  if (value.status === 'done' && value.progress !== 100) ctx.addIssue({ code: 'custom', path: ['progress'], message: commitmentMessages.doneNeedsFull });
  if (value.status === 'cancelled' && value.cancelReason === '') ctx.addIssue({ code: 'custom', path: ['cancelReason'], message: commitmentMessages.cancelNeedsReason });
  if (value.status !== 'cancelled' && value.cancelReason !== '') ctx.addIssue({ code: 'custom', path: ['cancelReason'], message: commitmentMessages.reasonOnlyCancelled });
}

export const commitmentInputSchema = z.strictObject(commitmentFields).superRefine(checkStatus);
export type CommitmentInput = z.infer<typeof commitmentInputSchema>;
export const commitmentUpdateSchema = z.strictObject({ ...commitmentFields, version }).superRefine(checkStatus);
export type CommitmentUpdate = z.infer<typeof commitmentUpdateSchema>;

export const followUpInputSchema = z.strictObject({
  date: isoDate,
  note: text(commitmentLimits.note, { required: true }),
  progress: progressSchema,
  evidenceUrl: z.union([z.literal(''), httpUrl]),
  version,
});
export type FollowUpInput = z.infer<typeof followUpInputSchema>;

export interface FollowUp {
  id: number;
  commitmentId: number;
  date: string;
  note: string;
  progress: number;
  evidenceUrl: string;
  createdAt: string;
  createdBy: string;
}

export interface Commitment extends Omit<CommitmentInput, 'questionId'> {
  id: number;
  questionId: number | null;
  year: number;
  forumTitle: string;
  forumDate: string | null;
  effectiveStatus: EffectiveStatus;
  /** An example of the demo (the 2022 seed has no commitments): marked «Ejemplo ilustrativo» wherever it is shown. */
  illustrative: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

export interface CommitmentDetail extends Commitment {
  followUps: FollowUp[];
}

export const commitmentListQuerySchema = z.strictObject({
  year: z.coerce.number({ error: validationMessages.yearRange }).int().min(2000, { error: validationMessages.yearRange }).max(2100, { error: validationMessages.yearRange }).optional(),
  status: option(effectiveStatuses).optional(),
  area: text(commitmentLimits.area).optional(),
  forumId: z.coerce.number({ error: validationMessages.integer }).int().positive().optional(),
  q: text(200).optional(),
  page: z.coerce.number({ error: validationMessages.integer }).int().min(1).max(100_000).optional(),
});
export type CommitmentListQuery = z.infer<typeof commitmentListQuerySchema>;
export type CommitmentPage = Page<Commitment> & { areas: string[] };

/** «Vencido»: open (pendiente or en curso) and its due date before today. */
export function effectiveStatus(status: CommitmentStatus, dueDate: string, today: string): EffectiveStatus {
  return (status === 'pending' || status === 'in_progress') && dueDate < today ? 'overdue' : status;
}

/** The due date may not come before the forum (when the forum has a date). */
export function dueDateIssue(dueDate: string, forumDate: string | null): string | null {
  return forumDate !== null && dueDate < forumDate ? commitmentMessages.dueBeforeForum : null;
}

/** Why a follow-up may not be recorded (cancelled, a date after today or before the forum), or null. */
export function followUpIssues(commitment: { status: CommitmentStatus; forumDate: string | null }, input: { date: string }, today: string): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (commitment.status === 'cancelled') issues.push({ path: '', message: commitmentMessages.followUpOnCancelled });
  if (input.date > today) issues.push({ path: 'date', message: commitmentMessages.followUpFuture });
  else if (commitment.forumDate !== null && input.date < commitment.forumDate) issues.push({ path: 'date', message: commitmentMessages.followUpBeforeForum });
  return issues;
}

/** The status after a follow-up: a pending one with some progress is en curso; 100 % is cumplido; otherwise unchanged. */
export function statusAfterProgress(status: CommitmentStatus, progress: number): CommitmentStatus {
  if (status === 'cancelled') return status;
  if (progress === 100) return 'done';
  if (status === 'done') return 'in_progress';
  return progress > 0 ? 'in_progress' : status;
}

/** An area as compared (case, accents and spaces do not make two areas). */
export const areaKey = (area: string) =>
  area
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/* ---- Bulk progress update from a CSV (area, id, progress, note) ---- */

export const progressImportRoles = ['id', 'area', 'progress', 'note', 'ignore'] as const;
export type ProgressImportRole = (typeof progressImportRoles)[number];
export const progressImportRoleLabels: Record<ProgressImportRole, string> = {
  id: 'número del compromiso',
  area: 'área',
  progress: 'avance (%)',
  note: 'nota',
  ignore: 'no importar',
};

export const progressImportSchema = z.strictObject({
  header: z.array(z.string().max(500)).min(1).max(100),
  rows: z.array(z.array(z.string().max(commitmentLimits.note))).max(commitmentLimits.importRows, { error: commitmentMessages.importTooMany }),
  mapping: z.record(z.string().max(500), option(progressImportRoles)),
});
export type ProgressImportInput = z.infer<typeof progressImportSchema>;

/** Suggests each header's role from its name. */
export function suggestProgressMapping(header: string[]): Partial<Record<string, ProgressImportRole>> {
  const out: Partial<Record<string, ProgressImportRole>> = {};
  const used = new Set<ProgressImportRole>();
  for (const h of header) {
    const k = areaKey(h);
    const role: ProgressImportRole = /^(id|numero|no\.?|n°|#|compromiso)(\s|$)/.test(k) || /^(id|numero) /.test(k) ? 'id' : /area|dependencia/.test(k) ? 'area' : /avance|progreso|%/.test(k) ? 'progress' : /nota|observ|comentario|seguimiento/.test(k) ? 'note' : 'ignore';
    if (role !== 'ignore' && used.has(role)) continue;
    used.add(role);
    out[h] = role;
  }
  return out;
}

export interface KnownCommitment {
  id: number;
  area: string;
  status: CommitmentStatus;
  progress: number;
  text: string;
}

export interface ProgressUpdateRow {
  row: number;
  id: number;
  text: string;
  area: string;
  from: number;
  to: number;
  note: string;
  status: CommitmentStatus;
}

export interface RowIssue {
  row: number;
  column?: string;
  message: string;
}

export type ProgressImportPlan = { ok: true; updates: ProgressUpdateRow[] } | { ok: false; missing: ProgressImportRole[] } | { ok: false; rowIssues: RowIssue[] };

/**
 * Checks every row of a progress file against the stored commitments and the known areas; all or nothing: any row
 * problem and nothing is planned. Rows are numbered as in the spreadsheet (the header is row 1).
 */
export function planProgressImport(input: ProgressImportInput, lookup: (id: number) => KnownCommitment | undefined, knownAreas: Iterable<string>): ProgressImportPlan {
  const column = (role: ProgressImportRole) => input.header.findIndex((h) => input.mapping[h] === role);
  const idAt = column('id');
  const progressAt = column('progress');
  const areaAt = column('area');
  const noteAt = column('note');
  const missing = (['id', 'progress'] as const).filter((role) => column(role) < 0);
  if (missing.length > 0) return { ok: false, missing: [...missing] };
  const areas = new Set([...knownAreas].map(areaKey));
  const seen = new Map<number, number>();
  const updates: ProgressUpdateRow[] = [];
  const rowIssues: RowIssue[] = [];
  input.rows.forEach((cells, index) => {
    const row = index + 2;
    const problem = (role: ProgressImportRole, message: string) => rowIssues.push({ row, column: input.header[column(role)], message });
    const rawId = (cells[idAt] ?? '').trim();
    const rawProgress = (cells[progressAt] ?? '').trim().replace(/\s*%$/, '');
    const area = areaAt >= 0 ? (cells[areaAt] ?? '').trim() : '';
    const note = noteAt >= 0 ? (cells[noteAt] ?? '').trim() : '';
    let ok = true;
    const id = /^\d{1,15}$/.test(rawId) ? Number(rawId) : NaN;
    const known = Number.isNaN(id) ? undefined : lookup(id);
    if (Number.isNaN(id)) ok = (problem('id', commitmentMessages.badId(rawId)), false);
    else if (!known) ok = (problem('id', commitmentMessages.unknownId(rawId)), false);
    const progress = /^\d{1,3}$/.test(rawProgress) ? Number(rawProgress) : NaN;
    if (Number.isNaN(progress) || progress > 100) ok = (problem('progress', commitmentMessages.progressRange), false);
    if (area !== '' && !areas.has(areaKey(area))) ok = (problem('area', commitmentMessages.unknownArea(area)), false);
    else if (area !== '' && known && areaKey(known.area) !== areaKey(area)) ok = (problem('area', commitmentMessages.wrongArea(known.id, area)), false);
    if (known && known.status === 'cancelled') ok = (problem('id', commitmentMessages.cancelledRow(known.id)), false);
    if (note.length > commitmentLimits.note) ok = (problem('note', validationMessages.tooLong(commitmentLimits.note)), false);
    if (known && seen.has(known.id)) ok = (problem('id', commitmentMessages.repeatedId(known.id, seen.get(known.id)!)), false);
    if (known) seen.set(known.id, seen.get(known.id) ?? row);
    if (ok && known) updates.push({ row, id: known.id, text: known.text, area: known.area, from: known.progress, to: progress, note, status: statusAfterProgress(known.status, progress) });
  });
  return rowIssues.length > 0 ? { ok: false, rowIssues } : { ok: true, updates };
}

export interface ProgressImportResult {
  total: number;
  updated: number;
  preview: ProgressUpdateRow[];
}

/** The note of a follow-up written by a file when its row gives none. */
export const importedNote = (fileNote: string) => fileNote || 'Avance reportado por archivo.';
