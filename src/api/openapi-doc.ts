import type { Context, MiddlewareHandler } from 'hono';
import { describeRoute, resolver, uniqueSymbol, type DescribeRouteOptions } from 'hono-openapi';
import { z } from 'zod';
import type { AppEnv } from './deps';
import { readBody, readQuery } from './validate';

/*
 * How a route documents itself in /api/openapi.json (hono-openapi reads these from the registered routes):
 *
 *   const forumInput = jsonBody(forumInputSchema, 'ForumInput');
 *   app.post('/', requirePermission('writeForums'), doc('Crear foro', { ...ok(201, 'Foro creado'), ...problems(400, 401, 403) }), forumInput, async (c) => {
 *     const input = await forumInput.read(c);
 *
 * The body a route reads is the body it documents: `jsonBody(…).read(c)` is the only way a router reads JSON
 * (validate.ts keeps `readBody` to itself and this file). A route without `doc(…)` is missing from the document,
 * and tests/api/openapi.test.ts walks `app.routes` to refuse that.
 */

type Responses = NonNullable<DescribeRouteOptions['responses']>;
type Parameter = Extract<NonNullable<DescribeRouteOptions['parameters']>[number], { in: string }>;

const problemRef = { $ref: '#/components/schemas/Problem' };

/** A success answer. */
export const ok = (code: number, description: string): Responses => ({ [String(code)]: { description } });

/** A success answer that is a file of `type`. */
export const file = (type: string, description: string): Responses => ({ '200': { description, content: { [type]: { schema: { type: 'string', format: 'binary' } } } } });

/** Error answers, each an `application/problem+json` Problem. */
export const problems = (...codes: number[]): Responses =>
  Object.fromEntries(codes.map((code) => [String(code), { description: 'Problema', content: { 'application/problem+json': { schema: problemRef } } }]));

const openApiSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;

/** Path parameters from the zod schemas the route reads them with (`readParam`). */
export function pathParams(params: Record<string, z.ZodType>): Parameter[] {
  return Object.entries(params).map(([name, schema]) => ({ name, in: 'path', required: true, schema: openApiSchema(schema) }));
}

/** The route's summary and answers, and anything else of its operation (parameters, a non-JSON body…). */
export function doc(summary: string, responses: Responses, extra: Omit<DescribeRouteOptions, 'summary' | 'responses'> = {}) {
  return describeRoute({ summary, responses, ...extra });
}

/** A zod schema as a named component (`#/components/schemas/<name>`), for hono-openapi to resolve. */
function named(schema: z.ZodType, name: string, refs: Record<string, [string, z.ZodType]> = {}) {
  const base = resolver(schema);
  return {
    ...base,
    toOpenAPISchema: async () => {
      const own = await base.toOpenAPISchema();
      const body = own.schema as { properties?: Record<string, unknown> };
      const components: Record<string, unknown> = { ...own.components?.schemas };
      for (const [property, [refName, refSchema]] of Object.entries(refs)) {
        if (body.properties) body.properties[property] = { $ref: `#/components/schemas/${refName}` };
        components[refName] = (await resolver(refSchema).toOpenAPISchema()).schema;
      }
      components[name] = body;
      return { schema: { $ref: `#/components/schemas/${name}` }, components: { ...own.components, schemas: components } };
    },
  };
}

export interface JsonBody<S extends z.ZodType> extends MiddlewareHandler<AppEnv> {
  /** The zod schema the body is read with (and documented from). */
  readonly schema: S;
  readonly componentName: string;
  /** Reads and validates the request's JSON body (a Spanish 4xx problem for anything else). */
  read(c: Context): Promise<z.infer<S>>;
}

/**
 * A route's JSON body: documented as the component `name` generated from `schema`, and read with the same schema.
 * `refs` names a property's schema as its own component (a section's `content` is a RichDoc).
 */
export function jsonBody<S extends z.ZodType>(schema: S, name: string, options: { refs?: Record<string, [string, z.ZodType]> } = {}): JsonBody<S> {
  const middleware: MiddlewareHandler<AppEnv> = async (_c, next) => {
    await next();
  };
  return Object.assign(middleware, {
    schema,
    componentName: name,
    read: (c: Context) => readBody(c, schema),
    [uniqueSymbol]: { target: 'json', ...named(schema, name, options.refs) },
  });
}

export interface QueryParams<S extends z.ZodType> extends MiddlewareHandler<AppEnv> {
  readonly schema: S;
  read(c: Context): z.infer<S>;
}

/** A route's query parameters: documented from `schema` (one parameter per property), read with it. */
export function queryParams<S extends z.ZodType>(schema: S): QueryParams<S> {
  const middleware: MiddlewareHandler<AppEnv> = async (_c, next) => {
    await next();
  };
  return Object.assign(middleware, { schema, read: (c: Context) => readQuery(c, schema), [uniqueSymbol]: { target: 'query', ...resolver(schema) } });
}

/** A route that takes no body (or `{}`), where another route of the same shape takes one. */
export const noBody: MiddlewareHandler<AppEnv> = async (_c, next) => {
  await next();
};
