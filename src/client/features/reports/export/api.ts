import { queryOptions } from '@tanstack/react-query';
import type { ReportExportData } from '../../../../export/export-data';
import { openDataFileName } from '../../../../export/open-data';
import { accountabilityFileName } from '../../../../export/open-data-accountability';
import { ApiError, api, NetworkError, networkErrorMessage } from '../../../lib/http';
import { exportKeys } from '../../../lib/query-keys';

/** Query keys: all → data(year) (lib/query-keys.ts). The export reads the report, its sections, forums and metrics in one answer. */
export { exportKeys };

export const exportDataQueryOptions = (year: number) =>
  queryOptions({
    queryKey: exportKeys.data(year),
    queryFn: ({ signal }) => api<ReportExportData>(`/api/reports/${year}/export-data`, { signal }),
  });

/** Records a final export the browser built (who and when come from the session; the hash from the file). */
export const recordFinalExport = (year: number, body: { sha256: string; bytes: number; fileName: string }) => api<void>(`/api/reports/${year}/exports`, { method: 'POST', body });

/** The open-data files of a year. */
export const openDataFiles = [
  { key: 'forums', path: 'open-data/forums.csv', file: (year: number) => openDataFileName('forums', year) },
  { key: 'questions', path: 'open-data/questions.csv', file: (year: number) => openDataFileName('questions', year) },
  { key: 'metrics', path: 'open-data/metrics.csv', file: (year: number) => openDataFileName('metrics', year) },
  { key: 'commitments', path: 'open-data/commitments.csv', file: (year: number) => accountabilityFileName('commitments', year) },
  { key: 'evaluations', path: 'open-data/evaluations.csv', file: (year: number) => accountabilityFileName('evaluations', year) },
  { key: 'dictionary', path: 'open-data/dictionary.csv', file: (year: number) => openDataFileName('dictionary', year) },
  { key: 'json', path: 'open-data.json', file: (year: number) => `datos-abiertos-${year}.json` },
] as const;

/** Fetches a file from the API as a Blob (problems turned into ApiError, as the JSON client does). */
export async function fetchFile(path: string): Promise<Blob> {
  return (await fetchOk(path)).blob();
}

/** The same with the file name the server gave (Content-Disposition), or `fallback`. */
export async function fetchNamedFile(path: string, fallback: string): Promise<{ blob: Blob; fileName: string }> {
  const res = await fetchOk(path);
  const named = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
  return { blob: await res.blob(), fileName: named?.[1] ?? fallback };
}

async function fetchOk(path: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(new URL(path, window.location.origin), { credentials: 'same-origin' });
  } catch {
    throw new NetworkError(networkErrorMessage);
  }
  if (!res.ok) {
    let title = `Error ${res.status}`;
    try {
      const body = (await res.json()) as { title?: string };
      if (typeof body.title === 'string') title = body.title;
    } catch {
      // not JSON
    }
    throw new ApiError(res.status, title);
  }
  return res;
}

/** Saves a Blob as a download with that file name. */
export function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
