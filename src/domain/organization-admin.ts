import { z } from 'zod';
import { text, validationMessages, version } from './common';
import { defaultTimeZone } from './organization';
import { password, username } from './user';

export { defaultTimeZone };

/**
 * Organisations as the system administrator manages them (issue 15, the «Organizaciones» screen): name, acronym,
 * NIT, public slug, time zone and colours, and the first administrator created with one. What an organisation is
 * for everyone else (its summary, its slug rules) is organization.ts.
 */

export const organizationMessages = {
  slugFormat: 'Use de 2 a 60 letras minúsculas sin tildes, números o guiones (sin guion al principio ni al final).',
  slugDigits: 'La dirección pública no puede ser solo números (se confundiría con un identificador).',
  slugTaken: 'Ya existe una organización con esa dirección pública.',
  nitFormat: 'Escriba el NIT con números y, si quiere, puntos y el dígito de verificación tras un guion (por ejemplo 899.999.123-4).',
  timeZone: 'Elija una zona horaria de la lista (por ejemplo America/Bogota).',
  color: 'Escriba el color en hexadecimal, como #1c4e80.',
  usernameTaken: 'Ya existe una cuenta con ese nombre de usuario (en esta u otra organización).',
  notFound: 'No existe esa organización.',
  stale: 'Otra persona cambió esta organización mientras usted la editaba.',
  inactive: 'La organización de esta cuenta está desactivada: no se puede iniciar sesión. Consulte a la administración del sistema.',
} as const;


/** Whether the runtime knows the IANA time zone (Intl throws a RangeError for one it does not). */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('es-CO', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The public address of the organisation's pages (/participa/<slug>): never all digits, so it is never taken for an id. */
export const slugSchema = z
  .string({ error: validationMessages.required })
  .trim()
  .toLowerCase()
  .min(1, { error: validationMessages.required })
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/, { error: organizationMessages.slugFormat })
  .refine((value) => value.length >= 2, { error: organizationMessages.slugFormat })
  .refine((value) => !/^\d+$/.test(value), { error: organizationMessages.slugDigits })
  .refine((value) => !value.includes('--'), { error: organizationMessages.slugFormat });

const nitSchema = z
  .string({ error: validationMessages.required })
  .trim()
  .max(20, { error: validationMessages.tooLong(20) })
  .refine((value) => value === '' || /^\d{1,3}(\.?\d{3}){1,4}(-\d)?$/.test(value), { error: organizationMessages.nitFormat });

const timeZoneSchema = z.string({ error: organizationMessages.timeZone }).trim().max(64, { error: organizationMessages.timeZone }).refine(isTimeZone, { error: organizationMessages.timeZone });

/** A colour as #rrggbb; an empty text is no colour (the form's empty field). */
const hexColor = z
  .string({ error: organizationMessages.color })
  .trim()
  .regex(/^(#[0-9a-fA-F]{6})?$/, { error: organizationMessages.color })
  .transform((value) => (value === '' ? undefined : value.toLowerCase()));

/** The colours of the organisation's public pages and documents (stored as JSON; none is required). */
export const organizationColorsSchema = z.strictObject({ primary: hexColor.optional(), secondary: hexColor.optional() });
export type OrganizationColors = z.output<typeof organizationColorsSchema>;

const organizationFields = {
  name: text(200, { required: true }),
  acronym: text(30).default(''),
  nit: nitSchema.default(''),
  slug: slugSchema,
  timeZone: timeZoneSchema.default(defaultTimeZone),
  colors: organizationColorsSchema.default({}),
};

/** The organisation's first administrator, created with it. */
export const organizationAdminSchema = z.strictObject({
  username,
  displayName: text(120, { required: true }),
  password,
});

export const organizationCreateSchema = z.strictObject({ ...organizationFields, admin: organizationAdminSchema });
export type OrganizationCreateInput = z.input<typeof organizationCreateSchema>;
export type OrganizationCreate = z.output<typeof organizationCreateSchema>;

/** PUT: the whole organisation (what is left out takes its default); `active` left out stays as it is; `version` checks for a stale edit. */
export const organizationUpdateSchema = z.strictObject({
  ...organizationFields,
  active: z.boolean({ error: 'Indique sí o no.' }).optional(),
  version: version.optional(),
});
export type OrganizationUpdateInput = z.input<typeof organizationUpdateSchema>;
export type OrganizationUpdate = z.output<typeof organizationUpdateSchema>;

/** An organisation as the API answers it, with how many accounts and forums it holds. */
export interface Organization {
  id: number;
  name: string;
  acronym: string;
  nit: string;
  slug: string;
  timeZone: string;
  logo: string | null;
  colors: OrganizationColors;
  active: boolean;
  createdAt: string;
  version: number;
  users: number;
  forums: number;
}
