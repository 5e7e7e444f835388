import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColorsTuple, type MantineThemeComponent } from '@mantine/core';

/**
 * Mantine's shades 8 and 9 of the warm colours are too light for text: orange.9 on its alert tint is 3.9:1, green.9
 * 4.0:1, yellow.9 2.8:1, red.8 on a grey card 4.3:1, blue.8 on its tint 4.4:1. With primaryShade 8, shade 8 is the colour of filled buttons
 * (white text), outline badges and light-variant text, and shade 9 the alert titles: both are darkened here so every
 * one of them is at least 4.7:1 (shade 8) and 5.6:1 (shade 9) on white, on its own 10 % tint and on gray.1 (WCAG AA
 * 4.5:1, with room for anti-aliasing). tests/unit/theme-contrast.test.ts checks it for every colour of the palette.
 */
const darkened = (name: keyof typeof DEFAULT_THEME.colors, shade8: string, shade9: string): MantineColorsTuple => {
  const base = DEFAULT_THEME.colors[name];
  return [base[0], base[1], base[2], base[3], base[4], base[5], base[6], base[7], shade8, shade9];
};
export const accessibleColors = {
  blue: darkened('blue', '#186bb8', DEFAULT_THEME.colors.blue[9]),
  orange: darkened('orange', '#b54509', '#a7370c'),
  green: darkened('green', '#247a34', '#216a30'),
  yellow: darkened('yellow', '#9a5a00', '#914b00'),
  teal: darkened('teal', '#077956', '#076b4c'),
  red: darkened('red', '#c92a2a', '#b12525'),
  lime: darkened('lime', '#4f7a0f', '#436a0c'),
  cyan: darkened('cyan', '#0b7285', '#095c6b'),
};

/**
 * Shade 8 of blue keeps white text on buttons above WCAG AA contrast (4.5:1).
 * `closeLabel` names every close button (notifications, modals, including confirmations) for screen readers.
 */
export const createAppTheme = (closeLabel: string) => createTheme({
  primaryColor: 'blue',
  colors: accessibleColors,
  primaryShade: { light: 8, dark: 5 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'sm',
  focusRing: 'auto',
  // People who ask their system for less motion get no modal or menu animations.
  respectReducedMotion: true,
  components: {
    // Plain objects rather than Modal.extend(…): the theme is part of the first screen, which must not carry
    // the modal and notification components.
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } },
    // A dialog's title row is Mantine's <header>: outside <main> it counts as a second banner landmark (axe
    // landmark-no-duplicate-banner, landmark-unique). It is the dialog's heading row, not the page's banner.
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel }, attributes: { header: { role: 'presentation' } } } },
    // A light Alert's title is drawn in a middle shade (red.8 on its red tint is 3.9:1): shade 9 keeps every
    // colour above 4.5:1 (WCAG AA).
    Alert: {
      styles: (_theme: unknown, props: { variant?: string; color?: string }) =>
        props.variant === undefined || props.variant === 'light' ? { title: { color: `var(--mantine-color-${(props.color ?? 'blue').split('.')[0]}-9)` } } : {},
    } satisfies MantineThemeComponent,
  },
});

/** Darker "dimmed" text and links than Mantine's default, for AA contrast on white, gray.0 and alert tints. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#555b61',
    '--mantine-color-placeholder': '#6b7178',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
    // Links: blue.9 stays above 4.5:1 on white and on the light tints of alerts (blue.8 on a red tint is 4.3:1).
    '--mantine-color-anchor': 'var(--mantine-color-blue-9)',
  },
  dark: {},
});
