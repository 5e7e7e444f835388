export const users = {
  title: 'Cuentas',
} as const;
