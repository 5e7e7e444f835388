import { Hono } from 'hono';
import { idParam } from '../domain/common';
import { organizationCreateSchema, organizationMessages, organizationUpdateSchema, type Organization, type OrganizationUpdate } from '../domain/organization-admin';
import { passwordProblem } from '../domain/password-policy';
import { forOrganization, unscoped } from '../db/org-scope';
import {
  deleteOrganizationSessions,
  getOrganization,
  insertOrganization,
  listOrganizations,
  organizationWithSlug,
  updateOrganization,
  usernameTaken,
} from '../db/organization-admin-queries';
import { insertUser } from '../db/user-queries';
import type { AppEnv } from './deps';
import { doc, jsonBody, ok, pathParams, problems } from './openapi-doc';
import { requirePermission } from './auth';
import { change, stale } from './change';
import { HttpProblem } from './problem';
import { hashPassword } from './passwords';
import { readParam } from './validate';
import { logoUploadDoc, putLogo, removeLogo } from './organization-logo';

const createBody = jsonBody(organizationCreateSchema, 'OrganizationCreate');
const updateBody = jsonBody(organizationUpdateSchema, 'OrganizationUpdate');

export const organizationRouteMessages = {
  ownOrganization: 'No puede desactivar la organización de su propia cuenta.',
  invalid: 'Los datos enviados no son válidos.',
} as const;

/** The problem for one field (400 or 409), with the message at the field as the forms show it. */
const fieldProblem = (status: 400 | 409, path: string, message: string) => new HttpProblem(status, status === 409 ? message : organizationRouteMessages.invalid, { detail: `${path}: ${message}`, errors: [{ path, message }] });
const slugTaken = () => fieldProblem(409, 'slug', organizationMessages.slugTaken);
const usernameInUse = () => fieldProblem(409, 'admin.username', organizationMessages.usernameTaken);
const notFound = () => new HttpProblem(404, organizationMessages.notFound);

const fieldNames: Record<keyof Omit<OrganizationUpdate, 'version' | 'active'>, string> = {
  name: 'nombre',
  acronym: 'sigla',
  nit: 'NIT',
  slug: 'dirección pública',
  timeZone: 'zona horaria',
  colors: 'colores',
};

/** The audit's words for what a save changed. */
function changedFields(current: Organization, input: Omit<OrganizationUpdate, 'version'>): string[] {
  const changed = (Object.keys(fieldNames) as (keyof typeof fieldNames)[])
    .filter((key) => (key === 'colors' ? JSON.stringify(current.colors) !== JSON.stringify(input.colors) : current[key] !== input[key]))
    .map((key) => fieldNames[key]);
  if (input.active !== undefined && input.active !== current.active) changed.push(input.active ? 'reactivada' : 'desactivada');
  return changed;
}

/**
 * /api/organizations: the installation's organisations, for the system administrator only (manageOrganizations).
 * Creating one creates its first administrator in the same transaction; nothing is half-saved.
 */
export function organizationRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requirePermission('manageOrganizations'));

  app.get('/', doc('Organizaciones (administración del sistema)', { ...ok(200, 'Lista de organizaciones con sus cuentas y foros'), ...problems(401, 403) }), async (c) =>
    c.json({ items: await listOrganizations(c.get('deps').rootDb) }),
  );

  app.get('/:id', doc('Organización', { ...ok(200, 'Organización'), ...problems(401, 403, 404) }, { parameters: pathParams({ id: idParam }) }), async (c) => {
    const organization = await getOrganization(c.get('deps').rootDb, readParam(c, 'id', idParam));
    if (!organization) throw notFound();
    return c.json(organization);
  });

  app.post('/', doc('Crear organización y su primera cuenta de administración', { ...ok(201, 'Organización creada'), ...problems(400, 401, 403, 409) }), createBody, async (c) => {
    const deps = c.get('deps');
    const { admin, ...input } = await createBody.read(c);
    // The cheap refusals first (before hashing); checked again inside the transaction for two requests at once.
    if (await organizationWithSlug(c.get('deps').rootDb, input.slug)) throw slugTaken();
    if (await usernameTaken(c.get('deps').rootDb, admin.username)) throw usernameInUse();
    const weak = await passwordProblem(admin.password, [admin.username, admin.displayName, input.name, input.acronym, input.slug]);
    if (weak) throw fieldProblem(400, 'admin.password', weak);
    const passwordHash = await hashPassword(admin.password, deps.passwordIterations);
    const created = await change(c, async ({ tx, now }) => {
      const root = unscoped(tx);
      if (await organizationWithSlug(root, input.slug)) throw slugTaken();
      if (await usernameTaken(root, admin.username)) throw usernameInUse();
      const id = await insertOrganization(root, input, now);
      const adminId = await insertUser(forOrganization(root, id), { username: admin.username, displayName: admin.displayName, role: 'admin', passwordHash }, now);
      return {
        result: (await getOrganization(root, id))!,
        audit: [
          { action: 'create', entity: 'organization', entityId: id, changes: [input.name, `dirección pública: ${input.slug}`, `primera cuenta de administración: ${admin.username} (id ${adminId})`] },
        ],
      };
    });
    return c.json(created, 201);
  });

  app.put('/:id', doc('Guardar organización (con su versión)', { ...ok(200, 'Organización'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ id: idParam }) }), updateBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const { version, ...input } = await updateBody.read(c);
    const saved = await change(c, async ({ tx, user }) => {
      const root = unscoped(tx);
      const current = await getOrganization(root, id);
      if (!current) throw notFound();
      const from = version ?? current.version;
      if (current.version !== from) throw stale(organizationMessages.stale, version, current);
      if (input.slug !== current.slug && (await organizationWithSlug(root, input.slug, id))) throw slugTaken();
      const deactivating = input.active === false && current.active;
      const reactivating = input.active === true && !current.active;
      if (deactivating && user.organizationId === id) throw new HttpProblem(409, organizationRouteMessages.ownOrganization);
      const changes = changedFields(current, input);
      if (changes.length === 0) return { result: current };
      if (!(await updateOrganization(root, id, from, input))) throw stale(organizationMessages.stale, version, (await getOrganization(root, id))!);
      // Its people are logged out at once: their sessions stay while it is deactivated only so that their next request
      // is told why (auth.ts), and go when it is reactivated (nobody could log in meanwhile: a fresh login is needed).
      if (reactivating) await deleteOrganizationSessions(root, id);
      return { result: (await getOrganization(root, id))!, audit: [{ action: 'update', entity: 'organization', entityId: id, changes }] };
    });
    return c.json(saved);
  });

  // Its logo (organization-logo.ts): the image's bytes, checked by content; removing asks first in the app.
  app.put(
    '/:id/logo',
    doc('Subir el logo de una organización (PNG, JPEG o WebP, máximo 256 KB)', { ...ok(200, 'Logo guardado'), ...problems(400, 401, 403, 404, 413, 415, 429) }, { parameters: pathParams({ id: idParam }), ...logoUploadDoc }),
    async (c) => c.json(await putLogo(c, readParam(c, 'id', idParam))),
  );

  app.delete('/:id/logo', doc('Quitar el logo de una organización', { ...ok(204, 'Logo quitado'), ...problems(401, 403, 404, 429) }, { parameters: pathParams({ id: idParam }) }), async (c) => {
    await removeLogo(c, readParam(c, 'id', idParam));
    return c.body(null, 204);
  });

  return app;
}
