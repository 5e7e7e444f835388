import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { es } from './es';

export const defaultNS = 'translation';

/** The message catalog: every text a person reads comes from `./es` (a second language is a second folder). */
export function initI18n() {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      lng: 'es-CO',
      fallbackLng: 'es-CO',
      resources: { 'es-CO': { translation: es } },
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return i18next;
}

export { i18next };
