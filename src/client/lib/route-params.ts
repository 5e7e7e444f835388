import { idParam } from '../../domain/common';
import { yearParam } from '../../domain/report';

/**
 * A page's route parameters, read with the API's own rules (`idParam`, `yearParam`): the value, or null for
 * anything the API would answer 404 to (the page then shows its not-found state without asking).
 */
export function routeId(raw: string | undefined): number | null {
  const parsed = idParam.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** `/informes/:year` → a year between 2000 and 2100, or null. */
export function routeYear(raw: string | undefined): number | null {
  const parsed = yearParam.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
