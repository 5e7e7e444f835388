import { useTranslation } from 'react-i18next';
import { NotFoundState } from '../ui/not-found-state';

export function NotFoundPage() {
  const { t } = useTranslation();
  return <NotFoundState title={t('state.notFound')} hint={t('state.notFoundHint')} backTo="/foros" backLabel={t('state.goHome')} />;
}
