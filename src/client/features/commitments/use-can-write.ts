import { useCan } from '../../app/use-current-user';

/** Admins and editors write commitments (as forums); reviewers read. */
export function useCanWriteCommitments(): boolean {
  return useCan('writeForums');
}
