import type { FieldIssue } from '../../domain/common';

/** An answer from the API that was not 2xx, with its Spanish problem details. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly title: string,
    public readonly detail?: string,
    public readonly errors: FieldIssue[] = [],
    public readonly body: Record<string, unknown> = {},
  ) {
    super(title);
  }
}

/** The saved record a 409 answer carries (`current`) when the answer is a version conflict, or null. */
export function conflictFrom<TRecord extends { version: number }>(error: unknown): TRecord | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const current = error.body.current as TRecord | undefined;
  return current && typeof current === 'object' && typeof current.version === 'number' ? current : null;
}

/** Network failure (no answer at all). */
export class NetworkError extends Error {}

export const networkErrorMessage = 'No hay conexión con el servidor. Revise su red; lo que escribió sigue en el formulario.';

/** fetch wrapper for `/api`: JSON in and out, cookies included, problems turned into ApiError. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; raw?: { body: BodyInit; contentType: string }; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (init.raw) {
    headers['content-type'] = init.raw.contentType;
    body = init.raw.body;
  } else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  } else if (!['GET', 'HEAD'].includes((init.method ?? 'GET').toUpperCase())) {
    // The API refuses a write without a JSON content type, even an empty one (submit, approve, delete…).
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(new URL(path, window.location.origin), { method: init.method ?? 'GET', headers, body, credentials: 'same-origin', signal: init.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(networkErrorMessage);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: Record<string, unknown> = {};
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = {};
  }
  if (!res.ok) {
    const title = typeof data.title === 'string' ? data.title : `Error ${res.status}`;
    throw new ApiError(res.status, title, typeof data.detail === 'string' ? data.detail : undefined, Array.isArray(data.errors) ? (data.errors as FieldIssue[]) : [], data);
  }
  return data as T;
}

/** Query string from an object, leaving out empty values. */
export function toQueryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** A person-readable Spanish message for any error. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail && error.status !== 400 ? `${error.title} ${error.detail}` : error.title;
  if (error instanceof NetworkError) return error.message;
  return 'Ocurrió un error inesperado. Inténtelo de nuevo.';
}
