import { useTranslation } from 'react-i18next';
import { NotFoundState } from '../../ui/not-found-state';

export function ConsultationNotFound() {
  const { t } = useTranslation();
  return <NotFoundState title={t('consultations.form.notFound')} hint={t('consultations.form.notFoundHint')} backTo="/consultas" backLabel={t('consultations.backToList')} />;
}
