import { common } from './common';
import { session } from './session';
import { forums } from './forums';
import { users } from './users';

export const es = { ...common, session, forums, users } as const;
