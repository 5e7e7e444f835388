import { z } from 'zod';
import {
  commentCreateSchema,
  reportInputSchema,
  reportUpdateSchema,
  requestChangesSchema,
  restoreSchema,
  sectionCreateSchema,
  sectionOrderSchema,
  sectionUpdateSchema,
} from '../domain/report';
import { richDocShapeSchema } from '../domain/rich-text';

/** The report's part of the OpenAPI document (schemas and paths), generated from the same zod schemas. */

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (r: object) => ({ required: true, content: { 'application/json': { schema: r } } });
const problems = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { description: 'Problema', content: { 'application/problem+json': { schema: ref('Problem') } } }]));
const ok = (code: number, description: string) => ({ [String(code)]: { description } });

const yearPath = { name: 'year', in: 'path', required: true, schema: { type: 'integer', minimum: 2000, maximum: 2100 } };
const idPath = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const revisionPath = { name: 'revisionId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const commentPath = { name: 'commentId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const section = [yearPath, idPath];

/** The section body's `content` is the rich-text document: its JSON schema is RichDoc. */
function sectionUpdate() {
  const s = schema(sectionUpdateSchema) as { properties: Record<string, unknown> };
  s.properties.content = ref('RichDoc');
  return s;
}

export function reportSchemas() {
  return {
    RichDoc: schema(richDocShapeSchema),
    ReportInput: schema(reportInputSchema),
    ReportUpdate: schema(reportUpdateSchema),
    SectionUpdate: sectionUpdate(),
    SectionCreate: schema(sectionCreateSchema),
    SectionOrder: schema(sectionOrderSchema),
    SectionRequestChanges: schema(requestChangesSchema),
    SectionRestore: schema(restoreSchema),
    CommentCreate: schema(commentCreateSchema),
  };
}

export function reportPaths() {
  return {
    '/api/reports': {
      get: { summary: 'Informes por vigencia, con su avance', responses: { ...ok(200, 'Informes'), ...problems(401) } },
    },
    '/api/reports/{year}': {
      get: {
        summary: 'Informe de la vigencia: secciones con su estado, avance y pendientes para mí (solo lee: las escrituras de foros y métricas ya lo mantienen al día)',
        parameters: [yearPath],
        responses: { ...ok(200, 'Resumen del informe'), ...problems(401, 404) },
      },
      post: {
        summary: 'Crear el informe de la vigencia (arma las secciones desde los foros)',
        parameters: [yearPath],
        requestBody: json(ref('ReportInput')),
        responses: { ...ok(201, 'Informe creado'), ...problems(400, 401, 403, 404, 409) },
      },
      put: {
        summary: 'Guardar los datos del informe (con su versión)',
        parameters: [yearPath],
        requestBody: json(ref('ReportUpdate')),
        responses: { ...ok(200, 'Resumen del informe'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    '/api/reports/{year}/sections': {
      post: {
        summary: 'Agregar una sección libre al final',
        parameters: [yearPath],
        requestBody: json(ref('SectionCreate')),
        responses: { ...ok(201, 'Sección creada'), ...problems(400, 401, 403, 404) },
      },
    },
    '/api/reports/{year}/sections/order': {
      post: {
        summary: 'Reordenar las secciones (todas, cada una una vez)',
        parameters: [yearPath],
        requestBody: json(ref('SectionOrder')),
        responses: { ...ok(200, 'Resumen del informe'), ...problems(400, 401, 403, 404) },
      },
    },
    '/api/reports/{year}/sections/{id}': {
      get: { summary: 'Sección (con las cifras generadas si es la de estadísticas)', parameters: section, responses: { ...ok(200, 'Sección'), ...problems(401, 404) } },
      put: {
        summary: 'Guardar la sección (nueva revisión; vuelve a borrador y retira una aprobación)',
        parameters: section,
        requestBody: json(ref('SectionUpdate')),
        responses: { ...ok(200, 'Sección'), ...problems(400, 401, 403, 404, 409) },
      },
      delete: { summary: 'Eliminar la sección (no si está aprobada)', parameters: section, responses: { ...ok(204, 'Eliminada'), ...problems(401, 403, 404, 409) } },
    },
    '/api/reports/{year}/sections/{id}/submit': {
      post: { summary: 'Enviar a revisión', parameters: section, responses: { ...ok(200, 'Sección'), ...problems(400, 401, 403, 404, 409) } },
    },
    '/api/reports/{year}/sections/{id}/approve': {
      post: { summary: 'Aprobar (no una sección cuyo último cambio es suyo)', parameters: section, responses: { ...ok(200, 'Sección'), ...problems(400, 401, 403, 404, 409) } },
    },
    '/api/reports/{year}/sections/{id}/request-changes': {
      post: {
        summary: 'Solicitar cambios con un comentario',
        parameters: section,
        requestBody: json(ref('SectionRequestChanges')),
        responses: { ...ok(200, 'Sección'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    '/api/reports/{year}/sections/{id}/revisions': {
      get: { summary: 'Revisiones de la sección (la más reciente primero)', parameters: section, responses: { ...ok(200, 'Revisiones'), ...problems(401, 404) } },
    },
    '/api/reports/{year}/sections/{id}/revisions/{revisionId}': {
      get: { summary: 'Una revisión completa', parameters: [...section, revisionPath], responses: { ...ok(200, 'Revisión'), ...problems(401, 404) } },
    },
    '/api/reports/{year}/sections/{id}/revisions/{revisionId}/restore': {
      post: {
        summary: 'Restaurar una revisión (como revisión nueva)',
        parameters: [...section, revisionPath],
        requestBody: json(ref('SectionRestore')),
        responses: { ...ok(200, 'Sección'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    '/api/reports/{year}/sections/{id}/diff': {
      get: {
        summary: 'Diferencias por palabras entre dos revisiones',
        parameters: [...section, { name: 'from', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } }, { name: 'to', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } }],
        responses: { ...ok(200, 'Diferencias'), ...problems(400, 401, 404) },
      },
    },
    '/api/reports/{year}/sections/{id}/history': {
      get: { summary: 'Historial de la sección (registro de auditoría)', parameters: section, responses: { ...ok(200, 'Entradas del registro de auditoría'), ...problems(401, 404) } },
    },
    '/api/reports/{year}/sections/{id}/comments': {
      get: { summary: 'Comentarios de la sección', parameters: section, responses: { ...ok(200, 'Comentarios'), ...problems(401, 404) } },
      post: {
        summary: 'Comentar (o responder un comentario), citando un pasaje si se quiere',
        parameters: section,
        requestBody: json(ref('CommentCreate')),
        responses: { ...ok(201, 'Comentario'), ...problems(400, 401, 404) },
      },
    },
    '/api/reports/{year}/sections/{id}/comments/{commentId}/resolve': {
      post: { summary: 'Marcar un comentario como resuelto', parameters: [...section, commentPath], responses: { ...ok(200, 'Comentario'), ...problems(401, 404) } },
    },
  };
}
