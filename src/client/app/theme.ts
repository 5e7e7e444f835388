import { createTheme, type CSSVariablesResolver, type MantineThemeComponent } from '@mantine/core';

/**
 * Shade 8 of blue keeps white text on buttons above WCAG AA contrast (4.5:1).
 * `closeLabel` names every close button (notifications, modals, including confirmations) for screen readers.
 */
export const createAppTheme = (closeLabel: string) => createTheme({
  primaryColor: 'blue',
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
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } },
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
