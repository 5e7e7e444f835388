import { findTargetHandler } from 'hono/utils/handler';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { JsonBody } from '../../src/api/openapi-doc';
import { createTestApi } from '../support/test-api';
import { forumInputSchema, forumLimits, platforms } from '../../src/domain/forum';
import { forumMetricsUpdateSchema } from '../../src/domain/metrics-update';
import { metricsRuleIds } from '../../src/domain/metrics-rules';

interface Operation {
  summary?: string;
  parameters: { in: string; name: string; schema?: unknown }[];
  requestBody: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
}

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const paths = (doc: { paths: unknown }) => doc.paths as Record<string, Record<string, Operation>>;

async function openApi() {
  const { call } = await createTestApi();
  const res = await call('GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return res.json();
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3 document served without logging in', async () => {
    const doc = await openApi();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Foros API');
  });

  it('contains the ForumInput schema generated from the zod schema', async () => {
    const { components } = await openApi();
    const forumInput = components.schemas.ForumInput;
    expect(forumInput.type).toBe('object');
    expect(Object.keys(forumInput.properties).sort()).toEqual(Object.keys(forumInputSchema.shape).sort());
    expect(forumInput.required).toEqual(expect.arrayContaining(['title', 'theme', 'year', 'platform', 'questions']));
    expect(forumInput.additionalProperties).toBe(false);
    expect(forumInput.properties.title).toMatchObject({ type: 'string', maxLength: forumLimits.title, minLength: 1 });
    expect(forumInput.properties.year).toMatchObject({ type: 'integer', minimum: 2000, maximum: 2100 });
    expect(forumInput.properties.platform.enum).toEqual([...platforms]);
    expect(forumInput.properties.questions).toMatchObject({ type: 'array', maxItems: forumLimits.questions });
    expect(components.schemas.ForumUpdate).toBeDefined();
    expect(JSON.stringify(components.schemas.ForumUpdate)).toMatch(/"version"/);
  });

  it('contains the ForumMetricsUpdate schema: three snapshots, a version from 0, the confirmable warnings', async () => {
    const { components, paths } = await openApi();
    const update = components.schemas.ForumMetricsUpdate;
    expect(Object.keys(update.properties).sort()).toEqual(Object.keys(forumMetricsUpdateSchema.shape).sort());
    expect(update.required).toEqual(expect.arrayContaining(['postCard', 'liveSummary', 'sincePublication', 'version']));
    expect(update.required).not.toContain('acknowledgedWarnings');
    expect(update.properties.version).toMatchObject({ type: 'integer', minimum: 0 });
    expect(update.properties.acknowledgedWarnings).toMatchObject({ type: 'array', maxItems: 20, items: { enum: [...metricsRuleIds] } });
    expect(paths['/api/forums/{id}/metrics'].put.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ForumMetricsUpdate' });
    expect(Object.keys(paths['/api/forums/{id}/metrics/import'].post.requestBody.content).sort()).toEqual(['application/octet-stream', 'text/csv']);
    expect(Object.keys(paths['/api/forums/{id}/metrics/import'].post.responses)).toEqual(expect.arrayContaining(['200', '409', '413', '415', '422']));
  });

  it('documents every registered /api route with its method: a route cannot exist undocumented', async () => {
    const { app, call } = await createTestApi();
    const doc = await (await call('GET', '/api/openapi.json')).json();
    const registered = new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${toOpenApiPath(r.path)}`));
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    expect(registered.size).toBeGreaterThan(50);
    expect([...registered].filter((route) => !documented.includes(route))).toEqual([]);
    // …and nothing is documented that is not a route.
    expect(documented.filter((route) => !registered.has(route))).toEqual([]);
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.summary, `${method} ${path}`).toMatch(/\S/);
        // Every path parameter is described, and every error answer is a problem+json Problem.
        for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
          expect(op.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema, `${method} ${path} {${name}}`).toBeDefined();
        }
        for (const [code, answer] of Object.entries(op.responses)) {
          if (Number(code) >= 400) expect(Object.keys(answer.content ?? {}), `${method} ${path} ${code}`).toEqual(['application/problem+json']);
        }
      }
    }
    expect(paths(doc)['/api/forums'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ForumInput' });
    const listParams = paths(doc)['/api/forums'].get.parameters.map((p: { name: string }) => p.name);
    expect(listParams).toEqual(expect.arrayContaining(['q', 'year', 'status', 'platform', 'sort', 'page', 'pageSize']));
  });

  it('documents for each route the JSON body it reads, generated from the same zod schema, and every body a write takes', async () => {
    const { app, call } = await createTestApi();
    const doc = await (await call('GET', '/api/openapi.json')).json();
    let bodies = 0;
    for (const route of app.routes) {
      const reader = findTargetHandler(route.handler) as Partial<JsonBody<z.ZodType>>;
      if (!reader.componentName || !reader.schema) continue;
      bodies++;
      const op = paths(doc)[toOpenApiPath(route.path)][route.method.toLowerCase()];
      expect(op.requestBody.content['application/json'].schema, `${route.method} ${route.path}`).toEqual({ $ref: `#/components/schemas/${reader.componentName}` });
      const documented = doc.components.schemas[reader.componentName];
      const generated = z.toJSONSchema(reader.schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] };
      expect(Object.keys(documented.properties ?? {}).sort(), reader.componentName).toEqual(Object.keys(generated.properties ?? {}).sort());
      expect([...(documented.required ?? [])].sort(), reader.componentName).toEqual([...(generated.required ?? [])].sort());
    }
    expect(bodies).toBeGreaterThanOrEqual(20);
    // A write that takes a body documents it (submit, approve, resolve and the exports take none, or {}).
    const noBody = ['/api/session', '/api/consultations/{id}/topics/{topicId}/forum', '/api/reports/{year}/export.docx'];
    for (const [path, ops] of Object.entries(paths(doc))) {
      for (const method of ['post', 'put', 'patch'].filter((m) => ops[m])) {
        if (noBody.includes(path) && method !== 'post') continue;
        if (noBody.includes(path) || /\/(submit|approve|resolve)$/.test(path)) continue;
        expect(ops[method].requestBody, `${method} ${path}`).toBeDefined();
      }
    }
  });

  it('contains the report schemas: the section update takes a RichDoc, the report input every field', async () => {
    const { components, paths } = await openApi();
    expect(components.schemas.ReportInput.required).toEqual(expect.arrayContaining(['title', 'entity', 'strategy', 'preparedBy']));
    expect(components.schemas.SectionUpdate.properties.content).toEqual({ $ref: '#/components/schemas/RichDoc' });
    expect(components.schemas.SectionUpdate.required).toEqual(expect.arrayContaining(['title', 'content', 'version']));
    expect(components.schemas.RichDoc.properties.type).toBeDefined();
    expect(paths['/api/reports/{year}/sections/{id}'].put.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SectionUpdate' });
    expect(Object.keys(paths['/api/reports/{year}/sections/{id}'].put.responses)).toEqual(expect.arrayContaining(['200', '400', '403', '409']));
  });
});
