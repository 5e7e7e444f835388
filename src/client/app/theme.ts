import { createTheme, Notification, type CSSVariablesResolver } from '@mantine/core';

/**
 * Shade 8 of blue keeps white text on buttons above WCAG AA contrast (4.5:1).
 * `closeLabel` names every close button (notifications, modals) for screen readers.
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
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
  },
});

/** Darker "dimmed" text than Mantine's default, for AA contrast on white and gray.0. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#555b61',
    '--mantine-color-placeholder': '#6b7178',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  },
  dark: {},
});
