import { describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../src/db/node-driver';
import { insertForum, listForums } from '../../src/db/forum-queries';
import { compiledQuery } from '../../src/db/compiled-query';
import { emptyForum, type ForumInput } from '../../src/domain/forum';

const forum = (title: string, year: number, status: ForumInput['status'], date: string): ForumInput => ({ ...emptyForum(new Date('2026-01-01')), title, theme: 'Tema', year, status, date });

describe('compiled queries (src/db/compiled-query.ts)', () => {
  it('runs each call with its own values, and each shape with its own SQL', async () => {
    const db = await openNodeDatabase(':memory:');
    const byStatus = compiledQuery(
      (d, shape: { withYear: boolean }, status: ForumInput['status'], year: number) => {
        let q = d.selectFrom('forums').select('title').where('status', '=', status);
        if (shape.withYear) q = q.where('year', '=', year);
        return q.orderBy('title');
      },
      (shape) => String(shape.withYear),
    );
    const now = new Date().toISOString();
    await insertForum(db, forum('A', 2021, 'held', '2021-05-01'), 'x', now);
    await insertForum(db, forum('B', 2022, 'held', '2022-05-01'), 'x', now);
    await insertForum(db, forum('C', 2022, 'planned', '2022-06-01'), 'x', now);
    const titles = async (shape: { withYear: boolean }, status: ForumInput['status'], year: number) => (await byStatus(db, shape, status, year)).map((r) => r.title);
    expect(await titles({ withYear: false }, 'held', 0)).toEqual(['A', 'B']);
    expect(await titles({ withYear: true }, 'held', 2022)).toEqual(['B']);
    expect(await titles({ withYear: true }, 'held', 2021)).toEqual(['A']);
    expect(await titles({ withYear: false }, 'planned', 0)).toEqual(['C']);
    await db.destroy();
  });

  it('the forum list answers every filter and sort combination as before, called in any order', async () => {
    const db = await openNodeDatabase(':memory:');
    const now = new Date().toISOString();
    const statuses = ['planned', 'held', 'cancelled'] as const;
    for (let i = 0; i < 30; i++) await insertForum(db, forum(`Foro ${String(i).padStart(2, '0')} ${i % 2 ? 'juventud' : 'ambiente'}`, 2020 + (i % 3), statuses[i % 3], `202${i % 3}-0${1 + (i % 9)}-1${i % 10}`), 'x', now);
    const check = async (query: Parameters<typeof listForums>[1], expected: { total: number; first?: string }) => {
      const page = await listForums(db, query);
      expect(page.total).toBe(expected.total);
      if (expected.first) expect(page.items[0]?.title).toBe(expected.first);
      expect(page.items.length).toBe(Math.max(0, Math.min(page.pageSize, page.total - (page.page - 1) * page.pageSize)));
    };
    await check({ q: 'juventud' }, { total: 15 });
    await check({ q: 'juventud', year: 2021 }, { total: 5 });
    await check({ year: 2021, status: 'held' }, { total: 10 });
    await check({ status: 'cancelled', sort: 'title' }, { total: 10, first: 'Foro 02 ambiente' });
    await check({ status: 'cancelled', sort: '-title' }, { total: 10, first: 'Foro 29 juventud' });
    await check({ q: 'ambiente', sort: 'title', page: 2, pageSize: 10 }, { total: 15, first: 'Foro 20 ambiente' });
    await check({ q: 'juventud', year: 2021 }, { total: 5 });
    await check({ q: 'nada' }, { total: 0 });
    await check({}, { total: 30 });
    await db.destroy();
  });
});
