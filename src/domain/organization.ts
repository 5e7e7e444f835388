/**
 * Organisations (issue 15): one installation hosts several entities, each with its own accounts and data. This file
 * is the pure part: what an organisation is and how its public slug is made.
 */

export interface OrganizationSummary {
  id: number;
  name: string;
  acronym: string;
  slug: string;
  /** Its IANA time zone (default America/Bogota): its "today" (zoned-date.ts). */
  timeZone: string;
  /** The SHA-256 of its uploaded logo (organization-logo.ts), null when it has none; only where the answer says. */
  logo?: string | null;
}

/** A slug: lower-case letters, digits and single hyphens, 2–60 characters, never all digits (a year is all digits). */
export const slugPattern = /^(?=.*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const slugMaxLength = 60;

export const isValidSlug = (slug: string) => slug.length >= 2 && slug.length <= slugMaxLength && slugPattern.test(slug);

/**
 * The slug a name gives: accents and case dropped, anything else than letters and digits a hyphen, at most 60
 * characters; «entidad» when nothing is left, prefixed «entidad-» when only digits are (so it is never a year).
 */
export function slugify(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, slugMaxLength)
    .replace(/-+$/g, '');
  if (base.length < 2) return 'entidad';
  if (!/[a-z]/.test(base)) return `entidad-${base}`.slice(0, slugMaxLength);
  return base;
}

/** The name of the organisation an installation's existing data becomes when no entity name was ever saved. */
export const defaultOrganizationName = 'Mi entidad';
export const defaultTimeZone = 'America/Bogota';

/**
 * What a person of a deactivated organisation is told (the login with the right password: 403; a session they had:
 * 401), with a problem type the client recognises to say it on the login screen.
 */
export const organizationDeactivated = {
  type: 'urn:foros:organizacion-desactivada',
  title: 'Su organización está desactivada. Consulte al administrador del sistema.',
} as const;

/** «Nombre (SIGLA)», or the name alone: how the header and lists name an organisation. */
export function organizationLabel(organization: Pick<OrganizationSummary, 'name' | 'acronym'>): string {
  return organization.acronym ? `${organization.name} (${organization.acronym})` : organization.name;
}
