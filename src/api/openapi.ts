import { z } from 'zod';
import { forumInputSchema, forumListQuerySchema, forumUpdateSchema } from '../domain/forum';
import { forumMetricsUpdateSchema } from '../domain/metrics-update';
import { metricsRuleIds } from '../domain/metrics-rules';
import { metricsImportMaxBytes } from './metrics-routes';
import { exportRecordSchema } from './export-routes';
import { consultationInputSchema, consultationUpdateSchema, responseInputSchema } from '../domain/consultation';
import { consultationImportSchema } from '../domain/consultation-import';
import { consultationImportMaxBytes } from './consultation-routes';
import { loginSchema, passwordResetSchema, userCreateSchema, userUpdateSchema } from '../domain/user';
import { reportPaths, reportSchemas } from './openapi-reports';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' });

const problem = { $ref: '#/components/schemas/Problem' };
const json = (ref: object) => ({ content: { 'application/json': { schema: ref } } });
const problems = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { description: 'Problema', content: { 'application/problem+json': { schema: problem } } }]));
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const idPath = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }];

/** The OpenAPI 3.0 document, generated from the same zod schemas the API validates with. */
export function openApiDocument() {
  const listQuery = schema(forumListQuerySchema) as { properties: Record<string, object> };
  return {
    openapi: '3.0.3',
    info: { title: 'Foros API', version: '0.1.0', description: 'API de Foros: foros virtuales de participación.' },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'foros_session' } },
      schemas: {
        Login: schema(loginSchema),
        UserCreate: schema(userCreateSchema),
        UserUpdate: schema(userUpdateSchema),
        PasswordReset: schema(passwordResetSchema),
        ForumInput: schema(forumInputSchema),
        ForumUpdate: schema(forumUpdateSchema),
        ForumMetricsUpdate: schema(forumMetricsUpdateSchema),
        ConsultationInput: schema(consultationInputSchema),
        ConsultationUpdate: schema(consultationUpdateSchema),
        ConsultationResponseInput: schema(responseInputSchema),
        ConsultationImport: { ...schema(consultationImportSchema), description: `Filas de una exportación de Google Forms o Microsoft Forms (cuerpo de hasta ${consultationImportMaxBytes / 1024 / 1024} MB)` },
        ...reportSchemas(),
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
    security: [{ session: [] }],
    paths: {
      '/api/session': {
        get: { summary: 'Sesión actual', responses: { '200': { description: 'Usuario de la sesión' }, ...problems(401) } },
        post: { summary: 'Iniciar sesión', security: [], requestBody: json(ref('Login')), responses: { '200': { description: 'Sesión iniciada' }, ...problems(400, 401, 429) } },
        delete: { summary: 'Cerrar sesión', responses: { '204': { description: 'Sesión cerrada' } } },
      },
      '/api/users': {
        get: { summary: 'Cuentas (administración)', responses: { '200': { description: 'Lista de cuentas' }, ...problems(401, 403) } },
        post: { summary: 'Crear cuenta', requestBody: json(ref('UserCreate')), responses: { '201': { description: 'Cuenta creada' }, ...problems(400, 401, 403, 409) } },
      },
      '/api/people': {
        get: { summary: 'Nombres para mostrar de las personas que aparecen como autoras', responses: { '200': { description: 'Nombre por usuario' }, ...problems(401, 403) } },
      },
      '/api/users/{id}': {
        patch: { summary: 'Cambiar rol, nombre o estado', parameters: idPath, requestBody: json(ref('UserUpdate')), responses: { '200': { description: 'Cuenta' }, ...problems(400, 401, 403, 404, 409) } },
      },
      '/api/users/{id}/password': {
        post: { summary: 'Restablecer contraseña', parameters: idPath, requestBody: json(ref('PasswordReset')), responses: { '204': { description: 'Hecho' }, ...problems(400, 401, 403, 404) } },
      },
      '/api/forums': {
        get: {
          summary: 'Buscar foros',
          parameters: Object.entries(listQuery.properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s })),
          responses: { '200': { description: 'Página de foros' }, ...problems(400, 401) },
        },
        post: { summary: 'Crear foro', requestBody: json(ref('ForumInput')), responses: { '201': { description: 'Foro creado' }, ...problems(400, 401, 403) } },
      },
      '/api/forums/years': { get: { summary: 'Vigencias con foros', responses: { '200': { description: 'Años' } } } },
      '/api/forums/{id}': {
        get: { summary: 'Foro', parameters: idPath, responses: { '200': { description: 'Foro' }, ...problems(401, 404) } },
        put: { summary: 'Guardar foro (con su versión)', parameters: idPath, requestBody: json(ref('ForumUpdate')), responses: { '200': { description: 'Foro' }, ...problems(400, 401, 403, 404, 409) } },
        delete: { summary: 'Eliminar foro', parameters: idPath, responses: { '204': { description: 'Eliminado' }, ...problems(401, 403, 404) } },
      },
      '/api/forums/{id}/history': {
        get: { summary: 'Historial del foro', parameters: idPath, responses: { '200': { description: 'Entradas del registro de auditoría' }, ...problems(401, 404) } },
      },
      '/api/forums/{id}/metrics': {
        get: { summary: 'Métricas de la transmisión del foro (versión 0 si nunca se han guardado)', parameters: idPath, responses: { '200': { description: 'Métricas con sus advertencias' }, ...problems(401, 404) } },
        put: {
          summary: 'Guardar métricas (con su versión y las advertencias confirmadas)',
          parameters: idPath,
          requestBody: json(ref('ForumMetricsUpdate')),
          responses: { '200': { description: 'Métricas guardadas' }, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      '/api/forums/{id}/metrics/import': {
        post: {
          summary: 'Importar un CSV de Meta o YouTube (dryRun=1 solo revisa)',
          parameters: [
            ...idPath,
            { name: 'dryRun', in: 'query', required: false, schema: { type: 'string', enum: ['1', 'true', '0', 'false'] } },
            { name: 'row', in: 'query', required: false, schema: { type: 'integer', minimum: 2 } },
            { name: 'version', in: 'query', required: false, schema: { type: 'integer', minimum: 0 } },
            { name: 'acknowledge', in: 'query', required: false, description: 'Advertencias confirmadas, separadas por comas', schema: { type: 'string' }, example: metricsRuleIds.slice(5, 7).join(',') },
            {
              name: 'asOf',
              in: 'query',
              required: false,
              description: 'Fecha de corte de las cifras del archivo (AAAA-MM-DD); sin ella, la del archivo o la guardada de cada captura',
              schema: { type: 'string', format: 'date' },
            },
          ],
          requestBody: {
            required: true,
            content: {
              'text/csv': { schema: { type: 'string', format: 'binary', maxLength: metricsImportMaxBytes } },
              'application/octet-stream': { schema: { type: 'string', format: 'binary', maxLength: metricsImportMaxBytes } },
            },
          },
          responses: { '200': { description: 'Vista previa o importación guardada' }, ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
      '/api/consultations': {
        get: {
          summary: 'Consultas ciudadanas',
          parameters: [{ name: 'year', in: 'query', required: false, schema: { type: 'integer', minimum: 2000, maximum: 2100 } }],
          responses: { '200': { description: 'Lista de consultas con sus conteos' }, ...problems(400, 401) },
        },
        post: { summary: 'Crear consulta (una por vigencia)', requestBody: json(ref('ConsultationInput')), responses: { '201': { description: 'Consulta creada' }, ...problems(400, 401, 403, 409) } },
      },
      '/api/consultations/{id}': {
        get: { summary: 'Consulta con sus temas, respuestas contadas y foros creados', parameters: idPath, responses: { '200': { description: 'Consulta' }, ...problems(401, 404) } },
        put: {
          summary: 'Guardar consulta (con su versión); un tema con votos o con foro no se puede quitar',
          parameters: idPath,
          requestBody: json(ref('ConsultationUpdate')),
          responses: { '200': { description: 'Consulta' }, ...problems(400, 401, 403, 404, 409) },
        },
        delete: { summary: 'Eliminar consulta con sus respuestas (los foros creados se conservan sin origen)', parameters: idPath, responses: { '204': { description: 'Eliminada' }, ...problems(401, 403, 404) } },
      },
      '/api/consultations/{id}/responses': {
        get: {
          summary: 'Respuestas de la consulta',
          parameters: [
            ...idPath,
            { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
            { name: 'pageSize', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { name: 'topicId', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
            { name: 'valueGroupKind', in: 'query', required: false, schema: { type: 'string', enum: ['internal', 'external', 'unspecified'] } },
            { name: 'channel', in: 'query', required: false, schema: { type: 'string', enum: ['web', 'email', 'social', 'official', 'other'] } },
          ],
          responses: { '200': { description: 'Página de respuestas' }, ...problems(400, 401, 404) },
        },
        post: {
          summary: 'Registrar una respuesta (solo con la consulta abierta)',
          parameters: idPath,
          requestBody: json(ref('ConsultationResponseInput')),
          responses: { '201': { description: 'Respuesta registrada' }, ...problems(400, 401, 403, 404, 409) },
        },
      },
      '/api/consultations/{id}/responses/{responseId}': {
        delete: {
          summary: 'Eliminar una respuesta',
          parameters: [...idPath, { name: 'responseId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: { '204': { description: 'Eliminada' }, ...problems(401, 403, 404) },
        },
      },
      '/api/consultations/{id}/responses/import': {
        post: {
          summary: 'Importar respuestas de una exportación de formulario (dryRun=1 solo revisa; con errores no se guarda nada)',
          parameters: [...idPath, { name: 'dryRun', in: 'query', required: false, schema: { type: 'string', enum: ['1', 'true', '0', 'false'] } }],
          requestBody: json(ref('ConsultationImport')),
          responses: { '200': { description: 'Vista previa o importación guardada' }, ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
      '/api/consultations/{id}/tally': {
        get: { summary: 'Conteo: votos por tema, grupo de valor y canal; propuestas agrupadas; preguntas', parameters: idPath, responses: { '200': { description: 'Conteo' }, ...problems(401, 404) } },
      },
      '/api/consultations/{id}/topics/{topicId}/forum': {
        post: {
          summary: 'Crear el foro de un tema elegido (con las preguntas del formulario web)',
          parameters: [...idPath, { name: 'topicId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: { '201': { description: 'Foro creado' }, ...problems(401, 403, 404, 409) },
        },
      },
      '/api/metrics': {
        get: {
          summary: 'Métricas de los foros de una vigencia y de la anterior',
          parameters: [{ name: 'year', in: 'query', required: true, schema: { type: 'integer', minimum: 2000, maximum: 2100 } }],
          responses: { '200': { description: 'Foros de la vigencia con sus métricas' }, ...problems(400, 401) },
        },
      },
      ...reportPaths(),
      ...exportPaths(),
    },
  };
}

/** The report export (Word, the data the browser builds it from, the final-export record) and the year's open data. */
function exportPaths() {
  const yearPath = [{ name: 'year', in: 'path', required: true, schema: { type: 'integer', minimum: 2000, maximum: 2100 } }];
  const file = (type: string, description: string) => ({ description, content: { [type]: { schema: { type: 'string', format: 'binary' } } } });
  return {
    '/api/reports/{year}/export-data': {
      get: { summary: 'Datos del informe para exportarlo (secciones completas, foros, métricas, estadísticas)', parameters: yearPath, responses: { '200': { description: 'Datos de la exportación' }, ...problems(401, 403, 404) } },
    },
    '/api/reports/{year}/export.docx': {
      get: {
        summary: 'Informe en Word (.docx) tal como está; borrador marcado «BORRADOR» si alguna sección no está aprobada. Una descarga: no se registra (final=1 → 405: la exportación final es POST)',
        parameters: yearPath,
        responses: { '200': file('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Documento de Word (cabecera X-Foros-SHA256)'), ...problems(400, 401, 403, 404, 405, 503) },
      },
      post: {
        summary: 'Exportación final en Word, solo con todas las secciones aprobadas; queda en la auditoría con su SHA-256 (administración y edición)',
        parameters: yearPath,
        responses: { '200': file('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Documento de Word final (cabecera X-Foros-SHA256)'), ...problems(400, 401, 403, 404, 409, 503) },
      },
    },
    '/api/reports/{year}/exports': {
      post: {
        summary: 'Registrar una exportación final hecha en el navegador (SHA-256, tamaño, nombre; queda marcada como informada por el navegador; administración y edición)',
        parameters: yearPath,
        requestBody: json(schema(exportRecordSchema)),
        responses: { '204': { description: 'Registrada en la auditoría' }, ...problems(400, 401, 403, 404, 409) },
      },
    },
    '/api/years/{year}/open-data.json': {
      get: { summary: 'Datos abiertos de la vigencia en JSON (foros, preguntas, métricas, diccionario)', parameters: yearPath, responses: { '200': { description: 'Datos abiertos' }, ...problems(400, 401, 404) } },
    },
    '/api/years/{year}/open-data/dictionary.json': {
      get: { summary: 'Diccionario de datos abiertos (columna, significado, unidad)', parameters: yearPath, responses: { '200': { description: 'Diccionario' }, ...problems(401, 404) } },
    },
    '/api/years/{year}/open-data/{file}': {
      get: {
        summary: 'Datos abiertos en CSV (UTF-8 con BOM, separador «;»)',
        parameters: [...yearPath, { name: 'file', in: 'path', required: true, schema: { type: 'string', enum: ['forums.csv', 'questions.csv', 'metrics.csv', 'dictionary.csv'] } }],
        responses: { '200': file('text/csv', 'Archivo CSV'), ...problems(401, 404) },
      },
    },
  };
}
