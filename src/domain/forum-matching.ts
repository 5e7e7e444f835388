import { normaliseText } from './metrics-import-cells';
import type { ImportedRow } from './metrics-import-model';

/**
 * Which forum a row of a metrics export belongs to, and which row of an export belongs to a forum: the one rule,
 * used by the import route (and so by the preview it answers).
 */
export interface MatchableForum {
  id: number;
  title: string;
  date: string | null;
  streamUrl: string;
}

export type ForumMatch = { forumId: number; matchedBy: 'permalink' | 'title' | 'date' };

/** The video id in a Facebook or YouTube link, or the link normalised (host without www., no query, no trailing slash). */
export function videoKey(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  const host = parsed.hostname.toLowerCase().replace(/^(www|m|web|mobile)\./, '');
  if (host === 'youtu.be') return `yt:${parsed.pathname.slice(1).split('/')[0]}`;
  if (host.endsWith('youtube.com')) {
    const v = parsed.searchParams.get('v');
    if (v) return `yt:${v}`;
    const m = /^\/(?:live|shorts|embed)\/([\w-]+)/.exec(parsed.pathname);
    if (m) return `yt:${m[1]}`;
  }
  if (host.endsWith('facebook.com') || host === 'fb.watch') {
    const m = /\/videos\/(?:[^/]+\/)?(\d{6,})/.exec(parsed.pathname);
    if (m) return `fb:${m[1]}`;
    const v = parsed.searchParams.get('v') ?? parsed.searchParams.get('story_fbid');
    if (v && /^\d+$/.test(v)) return `fb:${v}`;
  }
  return `${host}${parsed.pathname.replace(/\/+$/, '')}`.toLowerCase();
}

const titleKey = (title: string) => normaliseText(title).replace(/[^a-z0-9ñ ]+/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Which forum an imported row belongs to: by permalink (same video id or link), then by title (equal, then
 * one containing the other, accents and case ignored), then by publish date. A level that matches several
 * forums narrows the candidates for the next one. Null when nothing (or nothing unique) matches.
 */
export function matchRowToForum(row: Pick<ImportedRow, 'permalink' | 'title' | 'publishDate'>, forums: MatchableForum[]): ForumMatch | null {
  let candidates = forums;
  if (row.permalink) {
    const key = videoKey(row.permalink);
    const hits = key ? forums.filter((f) => f.streamUrl && videoKey(f.streamUrl) === key) : [];
    if (hits.length === 1) return { forumId: hits[0].id, matchedBy: 'permalink' };
    if (hits.length > 1) candidates = hits;
  }
  if (row.title) {
    const key = titleKey(row.title);
    if (key !== '') {
      const equal = candidates.filter((f) => titleKey(f.title) === key);
      if (equal.length === 1) return { forumId: equal[0].id, matchedBy: 'title' };
      const containing = equal.length > 1 ? equal : candidates.filter((f) => {
        const k = titleKey(f.title);
        return k.length >= 5 && (key.includes(k) || k.includes(key));
      });
      if (containing.length === 1) return { forumId: containing[0].id, matchedBy: 'title' };
      if (containing.length > 1) candidates = containing;
    }
  }
  if (row.publishDate) {
    const hits = candidates.filter((f) => f.date === row.publishDate);
    if (hits.length === 1) return { forumId: hits[0].id, matchedBy: 'date' };
  }
  return null;
}


export type RowMatchedBy = ForumMatch['matchedBy'] | 'single';

const strength: Record<ForumMatch['matchedBy'], number> = { permalink: 0, title: 1, date: 2 };

/**
 * The row of an export for this forum: the best match (permalink, then title, then date; a lifetime row before a
 * daily one; then file order), else the file's only row. Null when no row matches and the file has several.
 */
export function selectImportRow<Row extends Pick<ImportedRow, 'permalink' | 'title' | 'publishDate' | 'day'>>(rows: Row[], forum: MatchableForum): { row: Row; matchedBy: RowMatchedBy } | null {
  let best: { row: Row; matchedBy: ForumMatch['matchedBy'] } | null = null;
  for (const row of rows) {
    const match = matchRowToForum(row, [forum]);
    if (!match) continue;
    if (!best || strength[match.matchedBy] < strength[best.matchedBy] || (strength[match.matchedBy] === strength[best.matchedBy] && best.row.day !== undefined && row.day === undefined)) {
      best = { row, matchedBy: match.matchedBy };
    }
  }
  if (best) return best;
  return rows.length === 1 ? { row: rows[0], matchedBy: 'single' } : null;
}
