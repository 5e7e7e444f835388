/** A light Alert's title is shade 6 by default (about 3:1 on its tint); shade 9 keeps it above 4.5:1 (WCAG AA). */
export const darkTitle = (color: 'blue' | 'orange' | 'red') => ({ title: { color: `var(--mantine-color-${color}-9)` } });
