import type { Forum } from '../../../domain/forum';
import { forumMetricsInputSchema, snapshotKinds, type ForumMetricsInput } from '../../../domain/metrics';
import { matchRowToForum, type ImportedRow, type ImportedValues } from '../../../domain/metrics-import';
import { toFieldIssues, type FieldIssue } from '../../../domain/common';

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

/** The saved metrics with the row's snapshots merged in, as the server merges them: only the figures the file gives replace saved ones. */
export function mergeImported(current: ForumMetricsInput, values: ImportedValues): { ok: true; metrics: ForumMetricsInput } | { ok: false; errors: FieldIssue[] } {
  const merged: Record<string, unknown> = { postCard: current.postCard, liveSummary: current.liveSummary, sincePublication: current.sincePublication };
  for (const kind of snapshotKinds) {
    const imported = values[kind];
    if (imported) merged[kind] = { ...(current[kind] ?? {}), ...imported };
  }
  const result = forumMetricsInputSchema.safeParse(merged);
  return result.success ? { ok: true, metrics: result.data } : { ok: false, errors: toFieldIssues(result.error) };
}
