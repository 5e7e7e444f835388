export * from './common';
export * from './user';
export * from './roles';
export * from './forum';
export * from './audit';
