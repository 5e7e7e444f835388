import { useCan } from '../../app/use-current-user';

/** Admins and editors write consultations; reviewers read them. */
export function useCanWriteConsultations(): boolean {
  return useCan('writeConsultations');
}
