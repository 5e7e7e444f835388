import { describe, expect, it } from 'vitest';
import { listForums } from '../../src/db/forum-queries';
import { forOrganization } from '../../src/db/org-scope';
import { withPlannedDatabase } from '../support/query-plan';

/**
 * The forum list's plan on SQLite without statistics (a new installation): each row's question count must find the
 * forum's questions by the forum, not read every question of the organisation (migration 0026; with 0024's
 * organisation index alone the list of 10,000 forums was 20 times slower), and a search must not read every forum
 * row to test its text (0027).
 */
describe('forum list query plan', () => {
  it("counts each forum's questions through an index on the forum, and a search's matches from the text's index, in the organisation's scope", async () => {
    await withPlannedDatabase(async ({ db, statements, reset, plan }) => {
      await listForums(forOrganization(db, 1), { q: 'suba', year: 2022, status: 'held', page: 1, pageSize: 20, sort: '-date' });
      const page = statements.find((s) => s.sql.includes('"question_count"'));
      expect(page?.sql).toContain('"forum_questions"."organization_id" = ?');
      const questions = plan(page!).filter((detail) => detail.includes('forum_questions'));
      expect(questions).toHaveLength(1);
      expect(questions[0]).toMatch(/USING (COVERING )?INDEX \w+ \(organization_id=\? AND forum_id=\?\)/);

      // A search alone counts its matches from an index holding the text (migration 0027), not from every forum row.
      reset();
      await listForums(forOrganization(db, 1), { q: 'suba', page: 1, pageSize: 20, sort: 'title' });
      const count = statements.find((s) => s.sql.startsWith('select count(*)'));
      expect(plan(count!)).toEqual(['SEARCH forums USING COVERING INDEX forums_organization_search (organization_id=?)']);
    });
  });
});
