import type { ActionPhase, ForumStatus, Platform, ValueGroupKind } from '../../../domain/forum';
import { forums as catalog } from '../../i18n/es/forums';

/**
 * The values a person can pick or see, in catalog order, without importing the domain's zod schemas
 * (importing the runtime lists from domain/forum would add zod, ~27 kB gzip, to the forum list chunk).
 * The checks below make the compiler refuse any drift between these and the domain's unions.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const keysOf = <T extends object>(record: T) => Object.keys(record) as (keyof T & string)[];

export const forumStatusOptions: readonly ForumStatus[] = keysOf(catalog.statuses);
export const platformOptions: readonly Platform[] = keysOf(catalog.platforms);
export const actionPhaseOptions: readonly ActionPhase[] = keysOf(catalog.phases);
export const valueGroupKindOptions: readonly ValueGroupKind[] = keysOf(catalog.valueGroupKinds);

export const catalogMatchesDomain: [
  Same<keyof typeof catalog.statuses, ForumStatus>,
  Same<keyof typeof catalog.platforms, Platform>,
  Same<keyof typeof catalog.phases, ActionPhase>,
  Same<keyof typeof catalog.valueGroupKinds, ValueGroupKind>,
] = [true, true, true, true];
