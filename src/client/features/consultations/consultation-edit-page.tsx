import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Consultation } from '../../../domain/consultation';
import { formatDateTime } from '../../lib/format';
import { ApiError } from '../../lib/http';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { consultationKeys, consultationQueryOptions, useUpdateConsultation } from './api';
import { ConsultationForm } from './consultation-form';
import { ConsultationNotFound } from './consultation-not-found';
import { routeId } from '../../lib/route-params';
import { useCanWriteConsultations } from './use-can-write-consultations';
import { ForbiddenPage } from '../../ui/forbidden-page';
import { usePersonName } from '../../lib/use-person-name';

/** /consultas/:id/editar: the saved consultation in the form; saving sends the version it started from. */
export function ConsultationEditPage() {
  const { t } = useTranslation();
  const personName = usePersonName();
  const id = routeId(useParams().id);
  const canWrite = useCanWriteConsultations();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const update = useUpdateConsultation(id ?? 0);
  const consultation = useQuery({ ...consultationQueryOptions(id ?? 0), enabled: id !== null && canWrite });
  useDocumentTitle(consultation.data ? `${t('consultations.form.editTitle', { title: consultation.data.title })} · ${t('appName')}` : '');

  if (!canWrite) return <ForbiddenPage />;
  if (id === null || (consultation.error instanceof ApiError && consultation.error.status === 404)) return <ConsultationNotFound />;
  if (consultation.isPending) return <LoadingState />;
  if (consultation.isError) return <ErrorState error={consultation.error} onRetry={() => void consultation.refetch()} />;

  const saved = consultation.data;
  const onSaved = (updated: Consultation) => {
    notifications.show({ color: 'green', message: t('consultations.form.saved') });
    navigate(`/consultas/${updated.id}`);
  };

  return (
    <>
      <PageHeader
        title={t('consultations.form.editTitle', { title: saved.title })}
        subtitle={t('consultations.form.editSubtitle', { version: saved.version, who: personName(saved.updatedBy), when: formatDateTime(saved.updatedAt) })}
      />
      <ConsultationForm
        key={saved.id}
        initialValues={saved}
        initialVersion={saved.version}
        save={(values, version) => update.mutateAsync({ ...values, version: version ?? saved.version })}
        onSaved={onSaved}
        onNewerVersion={(current) => queryClient.setQueryData(consultationKeys.detail(current.id), current)}
        cancelTo={`/consultas/${saved.id}`}
      />
    </>
  );
}
