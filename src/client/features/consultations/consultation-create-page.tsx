import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { emptyConsultation, type Consultation } from '../../../domain/consultation';
import { PageHeader } from '../../ui/page-header';
import { useCreateConsultation } from './api';
import { ConsultationForm } from './consultation-form';
import { useCanWriteConsultations } from './use-can-write-consultations';
import { ForbiddenPage } from '../../ui/forbidden-page';
import { useOrganizationTimeZone } from '../../app/use-current-user';

/** /consultas/nueva: a blank consultation; saving creates it and opens its page. */
export function ConsultationCreatePage() {
  const { t } = useTranslation();
  const canWrite = useCanWriteConsultations();
  const navigate = useNavigate();
  const create = useCreateConsultation();
  const timeZone = useOrganizationTimeZone();
  const [initialValues] = useState(() => emptyConsultation(new Date(), timeZone));
  useDocumentTitle(`${t('consultations.form.createTitle')} · ${t('appName')}`);

  if (!canWrite) return <ForbiddenPage />;

  const onSaved = (consultation: Consultation) => {
    notifications.show({ color: 'green', message: t('consultations.form.created') });
    navigate(`/consultas/${consultation.id}`);
  };

  return (
    <>
      <PageHeader title={t('consultations.form.createTitle')} subtitle={t('consultations.form.createSubtitle')} />
      <ConsultationForm initialValues={initialValues} save={(values) => create.mutateAsync(values)} onSaved={onSaved} cancelTo="/consultas" />
    </>
  );
}
