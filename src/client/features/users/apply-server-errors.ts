import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from '../../lib/http';

/**
 * Puts the API's field errors (400 validation, 409 duplicate username) at their fields.
 * Returns false when the error names none of `fields`, so the caller shows it as a whole-form alert.
 */
export function applyServerErrors<T extends FieldValues>(error: unknown, fields: readonly Path<T>[], setError: UseFormSetError<T>): boolean {
  if (!(error instanceof ApiError)) return false;
  const known = error.errors.filter((issue) => (fields as readonly string[]).includes(issue.path));
  known.forEach((issue, index) => setError(issue.path as Path<T>, { type: 'server', message: issue.message }, { shouldFocus: index === 0 }));
  return known.length > 0;
}
