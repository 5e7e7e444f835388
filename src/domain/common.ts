import { z } from 'zod';

/** Spanish messages for every rule a person can break. Shared by client and server. */
export const validationMessages = {
  required: 'Este campo es obligatorio.',
  tooLong: (max: number) => `Máximo ${max} caracteres.`,
  tooMany: (max: number) => `Máximo ${max} elementos.`,
  invalidDate: 'Escriba una fecha válida (AAAA-MM-DD).',
  invalidTime: 'Escriba una hora válida (HH:MM, de 00:00 a 23:59).',
  invalidUrl: 'Escriba un enlace válido que empiece por http:// o https://.',
  yearRange: 'La vigencia debe estar entre 2000 y 2100.',
  yearMismatch: 'La fecha debe caer dentro de la vigencia del foro.',
  durationRange: 'La duración debe estar entre 1 y 1.440 minutos.',
  integer: 'Escriba un número entero.',
  invalidOption: 'Elija una de las opciones de la lista.',
  usernameFormat: 'Use de 3 a 40 letras minúsculas, números, punto, guion o guion bajo.',
  passwordLength: 'La contraseña debe tener entre 12 y 200 caracteres.',
  unknownField: 'Este campo no está permitido.',
  expectedList: 'Debe ser una lista.',
  expectedObject: 'Debe ser un objeto con campos.',
  invalidValue: 'El valor no es válido.',
} as const;

/**
 * Spanish fallback for the rules whose schema gives no message of its own (unknown fields, a list or
 * object of the wrong type), so no English text from zod reaches a person. Schema messages still win.
 */
z.config({
  // No code generation (new Function): the app runs under a Content-Security-Policy without 'unsafe-eval'.
  jitless: true,
  customError: (issue) => {
    switch (issue.code) {
      case 'unrecognized_keys':
        return validationMessages.unknownField;
      case 'invalid_type':
        if (issue.expected === 'array') return validationMessages.expectedList;
        if (issue.expected === 'object') return validationMessages.expectedObject;
        return validationMessages.invalidValue;
      default:
        return validationMessages.invalidValue;
    }
  },
});

/** A trimmed text with a length limit. Empty strings are refused when required. */
export function text(max: number, opts: { required?: boolean } = {}) {
  const base = z.string({ error: validationMessages.required }).trim().max(max, { error: validationMessages.tooLong(max) });
  return opts.required ? base.min(1, { error: validationMessages.required }) : base;
}

/** A list of trimmed, non-empty texts. */
export function textList(maxItems: number, maxLength: number) {
  return z.array(text(maxLength, { required: true })).max(maxItems, { error: validationMessages.tooMany(maxItems) });
}

/** Checks that a YYYY-MM-DD string is a real calendar date (no 31 February). */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const isoDate = z.string({ error: validationMessages.invalidDate }).refine(isRealDate, { error: validationMessages.invalidDate });

export const timeOfDay = z
  .string({ error: validationMessages.invalidTime })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: validationMessages.invalidTime });

export const httpUrl = z
  .string({ error: validationMessages.invalidUrl })
  .trim()
  .max(500, { error: validationMessages.tooLong(500) })
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, { error: validationMessages.invalidUrl });

const idMessage = 'El identificador debe ser un número entero positivo.';
/** A path id: digits only (no `1e0`, ` 1` or `1.0`), positive, within the safe integer range. */
export const idParam = z
  .string({ error: idMessage })
  .regex(/^[1-9]\d{0,15}$/, { error: idMessage })
  .transform(Number)
  .refine((n) => n <= Number.MAX_SAFE_INTEGER, { error: idMessage });

export const version = z
  .number({ error: 'Falta la versión del registro.' })
  .int({ error: 'La versión debe ser un número entero.' })
  .min(1, { error: 'La versión debe ser un número entero.' });

/** A page of results from any list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** What a 409 says when a save started from an older version than the one stored. */
export const versionMessages = {
  staleDetail: (yours: number, stored: number) => `Usted partió de la versión ${yours}; la versión guardada es la ${stored}.`,
} as const;

/** Field-level problem, as the API and forms report it. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Turns zod issues into `{path, message}` pairs with dotted paths. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    // One entry per unknown field, at that field, so a form or caller can point at it.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: issue.message }));
    return [{ path: path.join('.'), message: issue.message }];
  });
}
