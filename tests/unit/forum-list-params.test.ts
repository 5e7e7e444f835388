import { describe, expect, it } from 'vitest';
import { defaultForumListSort, hasForumListFilters, initialSearchBoxSync, readForumListParams, searchBoxSawUrl, searchBoxSent, toForumListQuery } from '../../src/client/features/forums/forum-list-params';

const read = (query: string) => readForumListParams(new URLSearchParams(query));

describe('forum list parameters in the URL', () => {
  it('reads search, year, status, platform, sort and page from a shared link', () => {
    expect(read('q=causas&year=2022&status=held&platform=facebook_live&sort=title&page=3')).toEqual({
      q: 'causas',
      year: 2022,
      status: 'held',
      platform: 'facebook_live',
      sort: 'title',
      page: 3,
    });
  });

  it('falls back to "no filter" for anything unknown or malformed, so an old or edited link still opens', () => {
    expect(read('year=22&status=borrador&platform=tiktok&sort=random&page=0')).toEqual({ q: '', year: undefined, status: undefined, platform: undefined, sort: defaultForumListSort, page: 1 });
    expect(read('page=1.5').page).toBe(1);
    expect(read('page=-2').page).toBe(1);
    expect(read('page=abc').page).toBe(1);
  });

  it('keeps the search as typed in the box but sends it trimmed, and an empty search as none', () => {
    const params = read('q=%20%20causas%20');
    expect(params.q).toBe('  causas ');
    expect(toForumListQuery(params).q).toBe('causas');
    expect(toForumListQuery(read('q=%20%20')).q).toBeUndefined();
  });

  it('knows when a filter is set (the empty state then offers to clear them)', () => {
    expect(hasForumListFilters(read(''))).toBe(false);
    expect(hasForumListFilters(read('q=%20'))).toBe(false);
    expect(hasForumListFilters(read('sort=title&page=2'))).toBe(false);
    expect(hasForumListFilters(read('year=2022'))).toBe(true);
    expect(hasForumListFilters(read('q=mipg'))).toBe(true);
  });
});

describe('search box against the URL', () => {
  it('keeps what was typed when its own update reaches the URL late', () => {
    let sync = initialSearchBoxSync('');
    sync = { ...searchBoxSent(sync, 'c'), shown: 'c' };
    sync = { ...sync, shown: 'ca' }; // typed while the URL update is on its way
    sync = searchBoxSawUrl(sync, 'c');
    expect(sync).toEqual({ shown: 'ca', url: 'c', pending: [] });
  });

  it('skips its own older updates when several arrive (and keeps the newer pending ones)', () => {
    let sync = initialSearchBoxSync('');
    sync = { ...searchBoxSent(searchBoxSent(sync, 'ca'), 'cau'), shown: 'caus' };
    sync = searchBoxSawUrl(sync, 'ca');
    expect(sync).toEqual({ shown: 'caus', url: 'ca', pending: ['cau'] });
    sync = searchBoxSawUrl(sync, 'cau');
    expect(sync).toEqual({ shown: 'caus', url: 'cau', pending: [] });
  });

  it('follows the URL when it changes from elsewhere (back button, link, cleared filters) and forgets what it had sent', () => {
    let sync = { ...searchBoxSent(initialSearchBoxSync('causa'), 'causas'), shown: 'causas' };
    sync = searchBoxSawUrl(sync, '');
    expect(sync).toEqual({ shown: '', url: '', pending: [] });
    expect(searchBoxSawUrl(initialSearchBoxSync('a'), 'a')).toEqual(initialSearchBoxSync('a'));
  });
});
