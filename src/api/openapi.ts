import type { Hono } from 'hono';
import { generateSpecs } from 'hono-openapi';
import type { AppEnv } from './deps';

/**
 * The OpenAPI document of the app, generated (hono-openapi) from its registered routes: each route's `doc(…)`
 * (summary, answers, parameters) and the zod schemas of its body and query (`jsonBody`, `queryParams`, see
 * openapi-doc.ts). A route without `doc(…)` is missing here; tests/api/openapi.test.ts walks `app.routes` for that.
 */
export function openApiDocument(app: Hono<AppEnv, never, string>) {
  return generateSpecs(app, {
    documentation: {
      info: { title: 'Foros API', version: '0.1.0', description: 'API de Foros: foros virtuales de participación.' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'foros_session' } },
        schemas: {
          Problem: {
            type: 'object',
            description: 'RFC 9457: textos en español; `errors` para campos de la petición, `rowIssues` para filas de un archivo importado.',
            required: ['type', 'title', 'status'],
            properties: {
              type: { type: 'string' },
              title: { type: 'string' },
              status: { type: 'integer' },
              detail: { type: 'string' },
              errors: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
              rowIssues: {
                type: 'array',
                items: { type: 'object', required: ['row', 'message'], properties: { row: { type: 'integer' }, column: { type: 'string' }, message: { type: 'string' } } },
              },
            },
          },
        },
      },
      security: [{ session: [] }],
    },
    // Every route lists its own 400 (a Problem), not hono-openapi's default validation answer.
    defaultValidationErrorResponse: false,
    // /api/openapi.json is a route like the others, not a static file to leave out.
    excludeStaticFile: false,
  });
}
