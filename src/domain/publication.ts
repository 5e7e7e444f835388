import { z } from 'zod';
import { httpUrl, text, validationMessages, version } from './common';

/**
 * What the office publishes of a year on the public «Participa» pages (issue 14): which parts are public, how
 * the entity looks there (name, logo, colour), the privacy notice, the licence of the open data and the sites
 * allowed to embed the pages. Unpublished is the default: a year without settings shows nothing.
 *
 * `questions` (the answered questions marked publishable) and `commitments` (with their progress) come from
 * issue 13's cases and commitments.
 */

export const publicationLimits = {
  entityName: 200,
  privacyNotice: 4000,
  licenceName: 120,
  frameOrigins: 10,
} as const;

export const publicationMessages = {
  badColour: 'Escriba un color en formato #RRGGBB (por ejemplo #1F5F8B).',
  lowContrast: 'Este color no se lee bien sobre blanco: elija uno más oscuro (contraste mínimo 4,5:1, WCAG AA).',
  badOrigin: 'Escriba un origen como https://www.entidad.gov.co (esquema y dominio, sin ruta ni barra final).',
  duplicateOrigin: 'Este origen ya está en la lista.',
  stale: 'Otra persona cambió la publicación de esta vigencia mientras usted la editaba.',
  reportNotReady: 'El informe aún no está aprobado por completo: solo se puede publicar cuando todas sus secciones están aprobadas.',
  noReport: (year: number) => `La vigencia ${year} no tiene informe: créelo y apruébelo antes de publicarlo.`,
  notPublished: 'Esta vigencia no está publicada.',
  partNotPublished: 'Esta parte de la vigencia no está publicada.',
  rateLimited: 'Demasiadas peticiones desde su conexión. Espere un minuto e inténtelo de nuevo.',
} as const;

const hexColour = z
  .string({ error: publicationMessages.badColour })
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, { error: publicationMessages.badColour })
  .transform((value) => value.toUpperCase())
  .refine((value) => contrastWithWhite(value) >= 4.5, { error: publicationMessages.lowContrast });

/** An origin that may frame the public pages: scheme and host (and port), nothing else. */
const frameOrigin = z
  .string({ error: publicationMessages.badOrigin })
  .trim()
  .max(200, { error: validationMessages.tooLong(200) })
  .refine(isOrigin, { error: publicationMessages.badOrigin });

export const publicationSettingsSchema = z.strictObject({
  /** The parts of the year that are public. */
  show: z.strictObject({
    calendar: z.boolean({ error: 'Indique sí o no.' }),
    consultation: z.boolean({ error: 'Indique sí o no.' }),
    report: z.boolean({ error: 'Indique sí o no.' }),
    openData: z.boolean({ error: 'Indique sí o no.' }),
    /** Answered questions marked publishable (never who asked). */
    questions: z.boolean({ error: 'Indique sí o no.' }),
    /** The year's commitments and their progress (never the person named on them). */
    commitments: z.boolean({ error: 'Indique sí o no.' }),
  }),
  /** The consultation, when public, takes votes only while open (the vote form lands later). */
  consultationOpen: z.boolean({ error: 'Indique sí o no.' }),
  entityName: text(publicationLimits.entityName, { required: true }),
  /** An image on the entity's own site (https), or empty. */
  logoUrl: z.union([z.literal(''), httpUrl.refine((v) => v.startsWith('https://'), { error: 'El logo debe estar en una dirección https://.' })]),
  primaryColour: hexColour,
  privacyNotice: text(publicationLimits.privacyNotice),
  licenceName: text(publicationLimits.licenceName, { required: true }),
  licenceUrl: z.union([z.literal(''), httpUrl]),
  /** Sites allowed to show the public pages in an <iframe> (CSP frame-ancestors); none by default. */
  frameOrigins: z
    .array(frameOrigin)
    .max(publicationLimits.frameOrigins, { error: validationMessages.tooMany(publicationLimits.frameOrigins) })
    .superRefine((origins, ctx) => {
      const seen = new Set<string>();
      origins.forEach((origin, index) => {
        const key = origin.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index], message: publicationMessages.duplicateOrigin });
        seen.add(key);
      });
    }),
});
export type PublicationSettings = z.infer<typeof publicationSettingsSchema>;
export type PublicationSettingsInput = z.input<typeof publicationSettingsSchema>;

/** PUT body: the settings and the version the person started from (0: the year had none yet). */
export const publicationUpdateSchema = publicationSettingsSchema.extend({ version: z.union([z.literal(0), version]) });
export type PublicationUpdateInput = z.input<typeof publicationUpdateSchema>;

export const defaultLicence = { name: 'Creative Commons Atribución 4.0 Internacional (CC BY 4.0)', url: 'https://creativecommons.org/licenses/by/4.0/deed.es' } as const;

/** A year's settings before the office saves any: nothing public. */
export function defaultPublicationSettings(entityName = ''): PublicationSettings {
  return {
    show: { calendar: false, consultation: false, report: false, openData: false, questions: false, commitments: false },
    consultationOpen: false,
    entityName,
    logoUrl: '',
    primaryColour: '#1F5F8B',
    privacyNotice: '',
    licenceName: defaultLicence.name,
    licenceUrl: defaultLicence.url,
    frameOrigins: [],
  };
}

/** A published version of the year's report (the snapshot itself is read on its own). */
export interface PublishedReportSummary {
  number: number;
  sha256: string;
  bytes: number;
  publishedAt: string;
  publishedBy: string;
}

/** GET /api/publication/:year. */
export interface PublicationState {
  year: number;
  /** 0 until the office first saves the year's settings. */
  version: number;
  settings: PublicationSettings;
  updatedAt: string | null;
  updatedBy: string | null;
  /** The year's report: whether it exists and whether every section is approved (publishing needs both). */
  report: { exists: boolean; sections: number; approved: boolean };
  /** Published versions, newest first. */
  published: PublishedReportSummary[];
  /** The public page's address (relative to this server). */
  publicPath: string;
}

/** A year's public page: /participa/<slug>/<year>, or /participa/<year> for the first organisation's older address (no slug). */
export const publicPagePath = (year: number, slug?: string | null) => (slug ? `/participa/${slug}/${year}` : `/participa/${year}`);

/** `https://www.entidad.gov.co` or `http://localhost:8080`: an origin, nothing after it. */
export function isOrigin(value: string): boolean {
  // Letters, digits, dots and hyphens (and a port): nothing that could end the CSP directive it goes into.
  if (!/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(value)) return false;
  try {
    const url = new URL(value);
    return url.origin.toLowerCase() === value.toLowerCase() && (url.protocol === 'https:' || url.protocol === 'http:');
  } catch {
    return false;
  }
}

/** WCAG relative luminance contrast of `#RRGGBB` against white. */
export function contrastWithWhite(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  return 1.05 / (luminance + 0.05);
}
