import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common } from './es/common';
import { session } from './es/session';

export const defaultNS = 'translation';
// The catalog's language as i18next knows it: 'es', not 'es-CO' — with a region in the code, i18next canonicalises it
// with Intl.getCanonicalLocales on every t() call (≈ 30 % of a t() call; one render of the metrics import's preview
// makes thousands of them). Nothing reads the code back: the page says `lang="es-CO"` (index.html) and figures and dates are written
// by src/domain's formatters for Colombia; Spanish plural rules are the same for both codes.
const language = 'es';

/**
 * The message catalog: every text a person reads comes from `./es` (a second language is a second folder).
 * The first screen carries only the shared texts and the login; the feature catalogs load with the
 * first page behind the login (see `loadFeatureCatalogs`), so they do not weigh on the initial bundle.
 */
export function initI18n() {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      lng: language,
      fallbackLng: language,
      resources: { [language]: { translation: { ...common, session } } },
      interpolation: { escapeValue: false },
      returnNull: false,
      // i18next 25 prints an advertisement in the console at init; not in our users' console or test logs.
      showSupportNotice: false,
    });
  }
  return i18next;
}

let featureCatalogs: Promise<void> | null = null;
let forumCatalog: Promise<void> | null = null;
let homeCatalog: Promise<void> | null = null;

/**
 * Loads the feature texts once (lazy chunks); route loaders await them before a page renders. `forums` loads only
 * the forum texts (the forum list, the first page after the login, needs no other); `home` the start page's; `all` loads every feature's.
 */
export function loadFeatureCatalogs(which: 'all' | 'forums' | 'home' = 'all'): Promise<void> {
  if (which === 'home') {
    // The start page (the first page after the login) needs its own texts and the reports' state names only.
    homeCatalog ??= Promise.all([import('./es/home'), import('./es/reports')]).then(([{ home }, { reports }]) => {
      initI18n().addResourceBundle(language, defaultNS, { home, reports }, true, true);
    });
    return featureCatalogs ?? homeCatalog;
  }
  if (which === 'forums') {
    forumCatalog ??= import('./es/forums').then(({ forums }) => {
      initI18n().addResourceBundle(language, defaultNS, { forums }, true, true);
    });
    return featureCatalogs ?? forumCatalog;
  }
  featureCatalogs ??= import('./es').then(({ es }) => {
    initI18n().addResourceBundle(language, defaultNS, es, true, true);
  });
  return featureCatalogs;
}

export { i18next };
