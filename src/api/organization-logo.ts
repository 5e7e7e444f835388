import { Hono, type Context } from 'hono';
import { checkLogo, fromBase64, logoMaxBytes, logoMessages, logoPath, toBase64 } from '../domain/organization-logo';
import { forOrganization, unscoped } from '../db/org-scope';
import { deleteLogo, getLogo, saveLogo } from '../db/organization-logo-queries';
import { sha256Hex } from '../export/file-types';
import type { AppEnv } from './deps';
import { doc, file, ok, problems } from './openapi-doc';
import { requirePermission, requireUser } from './auth';
import { change } from './change';
import { HttpProblem } from './problem';

/**
 * An organisation's logo (issue 15; domain/organization-logo.ts): uploaded as the image's bytes themselves (any
 * Content-Type: the bytes decide), stored with its media type and SHA-256, served at /api/public/o/<slug>/logo.
 * The system administrator changes any organisation's (/api/organizations/:id/logo); an organisation's
 * administrator its own (/api/organization/logo, the «Ajustes» screen).
 */

/** The logo routes' paths (create-api.ts: their body limit and content types). */
export const isLogoPath = (path: string) => /^\/api\/(organizations\/[^/]+|organization)\/logo\/?$/.test(path);
export { logoMaxBytes };

/** What a logo upload answers: the hash (its address's version), type, size and address. */
export interface LogoAnswer {
  logo: string;
  mediaType: string;
  size: number;
  path: string;
}

const imageBody = { type: 'string', format: 'binary' } as const;
export const logoUploadDoc = {
  requestBody: {
    required: true,
    description: `La imagen (PNG, JPEG o WebP; máximo ${logoMaxBytes / 1024} KB). Se reconoce por su contenido.`,
    content: { 'image/png': { schema: imageBody }, 'image/jpeg': { schema: imageBody }, 'image/webp': { schema: imageBody }, 'application/octet-stream': { schema: imageBody } },
  },
};

const logoProblem = (status: 400 | 413 | 415, message: string) => new HttpProblem(status, message, { errors: [{ path: 'logo', message }] });

/** Stores the request's image as organisation `organizationId`'s logo; 404 when there is no such organisation. */
export async function putLogo(c: Context<AppEnv>, organizationId: number): Promise<LogoAnswer> {
  requireUser(c);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  const checked = checkLogo(bytes);
  if (!checked.ok) throw logoProblem(checked.status, checked.message);
  const sha256 = await sha256Hex(bytes);
  return change(c, async ({ tx, user, now }) => {
    const root = unscoped(tx);
    const organization = await root.selectFrom('organizations').select(['slug']).where('id', '=', organizationId).executeTakeFirst();
    if (!organization) throw new HttpProblem(404, 'No existe esa organización.');
    await saveLogo(forOrganization(root, organizationId), { mediaType: checked.mediaType, sha256, size: bytes.length, data: toBase64(bytes) }, user.username, now);
    return {
      result: { logo: sha256, mediaType: checked.mediaType, size: bytes.length, path: logoPath(organization.slug, sha256) },
      audit: [{ action: 'update', entity: 'organization', entityId: organizationId, changes: [`logo nuevo (${checked.mediaType}, ${Math.ceil(bytes.length / 1024)} KB)`] }],
    };
  });
}

/** Removes organisation `organizationId`'s logo; 404 when it has none. */
export async function removeLogo(c: Context<AppEnv>, organizationId: number): Promise<void> {
  await change(c, async ({ tx }) => {
    if (!(await deleteLogo(forOrganization(unscoped(tx), organizationId)))) throw new HttpProblem(404, logoMessages.none);
    return { result: null, audit: [{ action: 'update', entity: 'organization', entityId: organizationId, changes: ['logo quitado'] }] };
  });
}

/**
 * The request's organisation's logo (the public routes' store is the organisation of the address): the image with
 * its type, `nosniff`, and an ETag of its hash. Asked with `?v=<hash>` (the address the app and pages write) it is
 * cached for a year; without, revalidated each time (304 while unchanged). 404 when there is none.
 */
export async function serveLogo(c: Context<AppEnv>): Promise<Response> {
  const logo = await getLogo(c.get('deps').db);
  if (!logo) throw new HttpProblem(404, logoMessages.none);
  const etag = `"${logo.sha256}"`;
  const headers: Record<string, string> = {
    'Content-Type': logo.mediaType,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'same-site',
    ETag: etag,
    'Cache-Control': c.req.query('v') === logo.sha256 ? 'public, max-age=31536000, immutable' : 'public, no-cache',
  };
  const asked = c.req.header('if-none-match');
  if (asked && asked.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return c.body(null, 304, headers);
  return c.body(fromBase64(logo.data), 200, headers);
}

/** /api/organization: the logged-in person's own organisation (its administrator's «Ajustes» screen). */
export function ownOrganizationRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requirePermission('configure'));
  app.put(
    '/logo',
    doc('Subir el logo de la propia organización (PNG, JPEG o WebP, máximo 256 KB)', { ...ok(200, 'Logo guardado'), ...problems(400, 401, 403, 413, 415, 429) }, logoUploadDoc),
    async (c) => c.json(await putLogo(c, requireUser(c).organizationId)),
  );
  app.delete('/logo', doc('Quitar el logo de la propia organización', { ...ok(204, 'Logo quitado'), ...problems(401, 403, 404, 429) }), async (c) => {
    await removeLogo(c, requireUser(c).organizationId);
    return c.body(null, 204);
  });
  return app;
}

export const logoFileDoc = { ...file('image/png', 'El logo (PNG, JPEG o WebP)'), '304': { description: 'Sin cambios (ETag)' }, ...problems(404, 429) };
