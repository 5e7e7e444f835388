import { useTranslation } from 'react-i18next';
import { NotFoundState } from './not-found-state';

/** A forum page (detail, edit, metrics) for a forum that does not exist. */
export function ForumNotFound() {
  const { t } = useTranslation();
  return <NotFoundState title={t('forums.detail.notFoundTitle')} hint={t('forums.detail.notFoundText')} backTo="/foros" backLabel={t('forums.detail.goToList')} />;
}
