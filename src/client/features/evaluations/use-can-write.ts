import { useCan } from '../../app/use-current-user';

/** Admins and editors write evaluations (as forums); reviewers read. */
export function useCanWriteEvaluations(): boolean {
  return useCan('writeForums');
}
