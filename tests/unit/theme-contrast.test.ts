import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { accessibleColors, createAppTheme, cssVariablesResolver } from '../../src/client/app/theme';

// WCAG 2.1 relative luminance and contrast ratio.
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const luminance = (hex: string) => {
  const [r, g, b] = rgb(hex).map((c) => {
    const v = c! / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};
/** `hex` at `alpha` over white: Mantine's light variant background (shade 8 at 10 %). */
const tint = (hex: string, alpha: number) => `#${rgb(hex).map((c) => Math.round(c * alpha + 255 * (1 - alpha)).toString(16).padStart(2, '0')).join('')}`;

const theme = createAppTheme('Cerrar');
const colors = { ...DEFAULT_THEME.colors, ...theme.colors } as Record<string, readonly string[]>;
const white = '#ffffff';
const grey0 = colors.gray![0]!;
const grey1 = colors.gray![1]!;
// Every colour the app names for text, badges, buttons and alerts.
const used = ['blue', 'orange', 'green', 'yellow', 'teal', 'red', 'gray'];

describe('theme contrast (WCAG AA, 4.5:1 for text)', () => {
  it.each(used)('%s: shade 8 (filled buttons with white text, outline badges, light text) and shade 9 (alert titles, «color.9») read on white, on their tint and on grey cards', (name) => {
    const shades = colors[name]!;
    const light = tint(shades[8]!, 0.1);
    for (const shade of [shades[8]!, shades[9]!]) {
      for (const background of [white, light, grey0, grey1]) expect(contrast(shade, background), `${name} ${shade} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('field errors (red) read inside the grey row cards of the forms', () => {
    const vars = cssVariablesResolver(theme as never).light;
    expect(vars['--mantine-color-error']).toBe('var(--mantine-color-red-8)');
    for (const background of [white, grey0, grey1]) expect(contrast(colors.red![8]!, background)).toBeGreaterThanOrEqual(4.5);
  });

  it('only shades 8 and 9 change, so tints and hover colours keep their look', () => {
    for (const [name, shades] of Object.entries(accessibleColors)) expect(shades.slice(0, 8)).toEqual(DEFAULT_THEME.colors[name as keyof typeof DEFAULT_THEME.colors].slice(0, 8));
  });
});
