import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoForums2022 } from '../../src/db/demo-2022';
import { chromiumPath, login, newPage, startE2e, type E2eEnv } from './support';

/**
 * Issue 9, in a real Chromium under the server's Content-Security-Policy (any violation fails the test, see
 * support.ts): markup typed into a forum never runs, on the forum's page or in the print view.
 */
describe.skipIf(!chromiumPath)('security end to end (Chromium, real server, temporary SQLite)', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('markup in a forum shows as text and runs nowhere (forum page, print view)', async () => {
    const { context, page } = await newPage(env);
    await login(env, page, 'editora', { open: false });
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const forum = { ...JSON.parse(JSON.stringify(demoForums2022[0])), title: `Foro ${payload}` };
    forum.questions = [{ text: payload, channel: 'live_chat', askedBy: '', answered: false, answeredBy: '', answerSummary: '' }];
    const created = await page.request.post('/api/forums', { data: forum, headers: { origin: env.server.url } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: number };

    await page.goto(`/foros/${id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: `Foro ${payload}` }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.evaluate(() => (window as Window & { __xss?: number }).__xss)).toBeUndefined();

    await page.goto('/informes/2022/imprimir');
    await expect.poll(() => page.getByText(`Foro ${payload}`, { exact: false }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as Window & { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await context.close();
  });
});
