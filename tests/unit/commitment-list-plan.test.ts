import { describe, expect, it } from 'vitest';
import { listCommitments } from '../../src/db/commitment-queries';
import { forOrganization } from '../../src/db/org-scope';
import { withPlannedDatabase } from '../support/query-plan';

/**
 * The commitments list's plans on SQLite without statistics (a new installation), in an organisation's scope
 * (migration 0029): each filter reads its own organisation-first index in the list's order — no walk over the
 * office's forums, no temporary B-tree to sort, no scan for the areas — and never trades a two-column match for
 * the organisation's one.
 */
describe('commitments list query plan', () => {
  it.each([
    ['no filter', {}, /^SEARCH c USING (COVERING )?INDEX commitments_organization_\w+ \(organization_id=\?\)$/, 'commitments_organization_due'],
    ['a year', { year: 2024 }, /^SEARCH c USING INDEX commitments_organization_year_due \(organization_id=\? AND year=\?\)$/, 'commitments_organization_year_due'],
    ['a status', { status: 'done' as const }, /^SEARCH c USING INDEX commitments_organization_status_due \(organization_id=\? AND status=\?\)$/, 'commitments_organization_status_due'],
    ['a search', { q: 'ruta' }, /^SEARCH c USING (COVERING )?INDEX commitments_organization_\w+ \(organization_id=\?\)$/, 'commitments_organization_due'],
  ])('%s: the count and the page read an organisation-first index, the page in order', async (_case, query, countPlan, pageIndex) => {
    await withPlannedDatabase(async ({ db, statements, plan }) => {
      await listCommitments(forOrganization(db, 1), query, '2026-06-15');
      const count = statements.find((s) => s.sql.startsWith('select count(*)'))!;
      expect(plan(count)[0]).toMatch(countPlan);
      const page = statements.find((s) => s.sql.includes('order by "c"."due_date"'))!;
      const pagePlan = plan(page);
      expect(pagePlan[0]).toContain(`INDEX ${pageIndex} (organization_id=?`);
      expect(pagePlan.join('\n')).not.toContain('TEMP B-TREE');
      expect(pagePlan[1]).toBe('SEARCH f USING INTEGER PRIMARY KEY (rowid=?)');
      const areas = statements.find((s) => s.sql.startsWith('select distinct "area"'))!;
      expect(plan(areas)).toEqual(['SEARCH commitments USING COVERING INDEX commitments_organization_area (organization_id=?)']);
    });
  });
});
