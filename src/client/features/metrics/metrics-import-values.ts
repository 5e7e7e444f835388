import type { Forum } from '../../../domain/forum';
import { matchRowToForum, type ImportedRow } from '../../../domain/metrics-import';

export type RowChoice = { rowNumber: number; matchedBy: 'permalink' | 'title' | 'date' | 'single' } | null;

const strength = { permalink: 0, title: 1, date: 2 } as const;

/** The row for this forum, as the server picks it: best match (permalink, title, date; lifetime rows first), else the only row. */
export function chooseRow(rows: ImportedRow[], forum: Pick<Forum, 'id' | 'title' | 'date' | 'streamUrl'>): RowChoice {
  const matchable = { id: forum.id, title: forum.title, date: forum.date, streamUrl: forum.streamUrl ?? '' };
  const matches = rows
    .map((row, index) => ({ row, index, match: matchRowToForum(row, [matchable]) }))
    .filter((m): m is typeof m & { match: NonNullable<typeof m.match> } => m.match !== null)
    .sort((a, b) => strength[a.match.matchedBy] - strength[b.match.matchedBy] || Number(a.row.day !== undefined) - Number(b.row.day !== undefined) || a.index - b.index);
  if (matches.length > 0) return { rowNumber: matches[0].row.rowNumber, matchedBy: matches[0].match.matchedBy };
  if (rows.length === 1) return { rowNumber: rows[0].rowNumber, matchedBy: 'single' };
  return null;
}

/* The merge itself (figures and «Fecha de corte») is the domain's mergeImportedMetrics, as the server does it. */
