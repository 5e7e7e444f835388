import { describe, expect, it } from 'vitest';
import { isTimeZone, organizationCreateSchema, organizationMessages, organizationUpdateSchema, slugSchema } from '../../src/domain/organization-admin';
import { isValidSlug, organizationLabel } from '../../src/domain/organization';
import { toFieldIssues } from '../../src/domain/common';

const admin = { username: 'jefa.sdis', displayName: 'Jefa de participación', password: 'una-clave-larga-segura' };

describe('organisation schema', () => {
  it('takes a minimal organisation and fills the defaults (Bogotá, no acronym, no NIT, no colours)', () => {
    expect(organizationCreateSchema.parse({ name: ' Secretaría de Integración Social ', slug: 'SDIS', admin })).toEqual({
      name: 'Secretaría de Integración Social',
      acronym: '',
      nit: '',
      slug: 'sdis',
      timeZone: 'America/Bogota',
      colors: {},
      admin,
    });
  });

  it.each([
    ['sdis', true],
    ['idipron-2026', true],
    ['a1', true],
    ['2026', false],
    ['-sdis', false],
    ['sdis-', false],
    ['sd--is', false],
    ['secretaría', false],
    ['con espacio', false],
    ['x', false],
    ['a'.repeat(61), false],
  ])('slug %j valid: %s', (slug, valid) => {
    expect(slugSchema.safeParse(slug).success).toBe(valid);
    // The same rule as the data layer's (public addresses, the upgrade's slug).
    expect(isValidSlug(slug)).toBe(valid);
  });

  it('says in Spanish why a slug of digits, a bad NIT, a bad time zone or a bad colour is refused, at each field', () => {
    const result = organizationCreateSchema.safeParse({ name: '', slug: '123', nit: 'abc', timeZone: 'Marte/Olympus', colors: { primary: 'rojo' }, admin: { username: 'X', displayName: '', password: 'corta' } });
    expect(result.success).toBe(false);
    const issues = toFieldIssues(result.error!);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'Este campo es obligatorio.' },
        { path: 'slug', message: organizationMessages.slugDigits },
        { path: 'nit', message: organizationMessages.nitFormat },
        { path: 'timeZone', message: organizationMessages.timeZone },
        { path: 'colors.primary', message: organizationMessages.color },
        { path: 'admin.username', message: expect.stringMatching(/letras minúsculas/) },
        { path: 'admin.displayName', message: 'Este campo es obligatorio.' },
        { path: 'admin.password', message: expect.stringMatching(/entre 12 y 200/) },
      ]),
    );
  });

  it('accepts NITs as offices write them', () => {
    for (const nit of ['899999123-4', '899.999.123-4', '8300538001', '']) expect(organizationUpdateSchema.safeParse({ name: 'X', slug: 'xx', nit }).success, nit).toBe(true);
  });

  it('refuses unknown fields (in Spanish) and takes active and version on update', () => {
    expect(organizationUpdateSchema.parse({ name: 'X', slug: 'xx', active: false, version: 3 })).toMatchObject({ active: false, version: 3 });
    const unknown = organizationUpdateSchema.safeParse({ name: 'X', slug: 'xx', owner: 'yo' });
    expect(toFieldIssues(unknown.error!)).toEqual([{ path: 'owner', message: 'Este campo no está permitido.' }]);
  });

  it("takes an empty colour as no colour, and writes colours in lower case", () => {
    expect(organizationUpdateSchema.parse({ name: 'X', slug: 'xx', colors: { primary: '#1C4E80', secondary: '' } }).colors).toEqual({ primary: '#1c4e80', secondary: undefined });
    expect(JSON.stringify(organizationUpdateSchema.parse({ name: 'X', slug: 'xx', colors: { primary: '', secondary: '' } }).colors)).toBe('{}');
  });

  it('knows real time zones', () => {
    expect(isTimeZone('America/Bogota')).toBe(true);
    expect(isTimeZone('Europe/Madrid')).toBe(true);
    expect(isTimeZone('Bogota')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('names an organisation with its acronym when it has one', () => {
    expect(organizationLabel({ name: 'Instituto', acronym: 'IDIPRON' })).toBe('Instituto (IDIPRON)');
    expect(organizationLabel({ name: 'Instituto', acronym: '' })).toBe('Instituto');
  });
});
