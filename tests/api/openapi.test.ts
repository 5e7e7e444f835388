import { describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { forumInputSchema, forumLimits, platforms } from '../../src/domain/forum';
import { forumMetricsUpdateSchema } from '../../src/domain/metrics-update';
import { metricsRuleIds } from '../../src/domain/metrics-rules';

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

  it('describes every route, with problem+json answers for the errors', async () => {
    const { paths } = await openApi();
    const operations = Object.entries(paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'DELETE /api/session',
        'GET /api/session',
        'POST /api/session',
        'GET /api/users',
        'GET /api/people',
        'POST /api/users',
        'PATCH /api/users/{id}',
        'POST /api/users/{id}/password',
        'GET /api/forums',
        'POST /api/forums',
        'GET /api/forums/years',
        'GET /api/forums/{id}',
        'PUT /api/forums/{id}',
        'DELETE /api/forums/{id}',
        'GET /api/forums/{id}/history',
        'GET /api/forums/{id}/metrics',
        'PUT /api/forums/{id}/metrics',
        'POST /api/forums/{id}/metrics/import',
        'GET /api/metrics',
        'GET /api/consultations',
        'POST /api/consultations',
        'GET /api/consultations/{id}',
        'PUT /api/consultations/{id}',
        'DELETE /api/consultations/{id}',
        'GET /api/consultations/{id}/responses',
        'POST /api/consultations/{id}/responses',
        'DELETE /api/consultations/{id}/responses/{responseId}',
        'POST /api/consultations/{id}/responses/import',
        'GET /api/consultations/{id}/tally',
        'POST /api/consultations/{id}/topics/{topicId}/forum',
        'GET /api/reports',
        'GET /api/reports/{year}',
        'POST /api/reports/{year}',
        'PUT /api/reports/{year}',
        'POST /api/reports/{year}/sections',
        'POST /api/reports/{year}/sections/order',
        'GET /api/reports/{year}/sections/{id}',
        'PUT /api/reports/{year}/sections/{id}',
        'DELETE /api/reports/{year}/sections/{id}',
        'POST /api/reports/{year}/sections/{id}/submit',
        'POST /api/reports/{year}/sections/{id}/approve',
        'POST /api/reports/{year}/sections/{id}/request-changes',
        'GET /api/reports/{year}/sections/{id}/revisions',
        'GET /api/reports/{year}/sections/{id}/revisions/{revisionId}',
        'POST /api/reports/{year}/sections/{id}/revisions/{revisionId}/restore',
        'GET /api/reports/{year}/sections/{id}/diff',
        'GET /api/reports/{year}/sections/{id}/history',
        'GET /api/reports/{year}/sections/{id}/comments',
        'POST /api/reports/{year}/sections/{id}/comments',
        'POST /api/reports/{year}/sections/{id}/comments/{commentId}/resolve',
        'GET /api/reports/{year}/export-data',
        'GET /api/reports/{year}/export.docx',
        'POST /api/reports/{year}/export.docx',
        'POST /api/reports/{year}/exports',
        'GET /api/years/{year}/open-data.json',
        'GET /api/years/{year}/open-data/dictionary.json',
        'GET /api/years/{year}/open-data/{file}',
      ].sort(),
    );
    expect(paths['/api/forums'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ForumInput' });
    expect(Object.keys(paths['/api/forums/{id}'].put.responses['409'].content)).toEqual(['application/problem+json']);
    const listParams = paths['/api/forums'].get.parameters.map((p: { name: string }) => p.name);
    expect(listParams).toEqual(expect.arrayContaining(['q', 'year', 'status', 'platform', 'sort', 'page', 'pageSize']));
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
