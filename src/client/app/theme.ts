import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** Shade 8 of blue keeps white text on buttons above WCAG AA contrast (4.5:1). */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 5 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'sm',
  focusRing: 'auto',
});

/** Darker "dimmed" text than Mantine's default, for AA contrast on white and gray.0. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#555b61',
    '--mantine-color-placeholder': '#6b7178',
  },
  dark: {},
});
