import { common } from './es/common';
import { session } from './es/session';

/**
 * The texts of the first screen (the login), read straight from the catalog: the login shows before the app
 * (and i18next) loads, so its bundle stays small. The app reads the same entries through i18next.
 */
export const firstScreenTexts = {
  appName: common.appName,
  appTagline: common.appTagline,
  close: common.actions.close,
  session,
} as const;
