import { Anchor, Button, Tabs } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { confirmDestructive } from '../../ui/confirm-destructive';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Consultation } from '../../../domain/consultation';
import { formatDateTime, formatInteger } from '../../lib/format';
import { ApiError, errorMessage } from '../../lib/http';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { consultationQueryOptions, useDeleteConsultation } from './api';
import { ConsultationImportTab } from './consultation-import-tab';
import { ConsultationNotFound } from './consultation-not-found';
import { routeId } from '../../lib/route-params';
import { ConsultationResponsesTab } from './consultation-responses-tab';
import { ConsultationResultsTab } from './consultation-results-tab';
import { ConsultationStatusBadge } from './consultation-status-badge';
import { ConsultationSummaryTab } from './consultation-summary-tab';
import { useCanWriteConsultations } from './use-can-write-consultations';
import { usePersonName } from '../../lib/use-person-name';

const tabs = ['resumen', 'resultados', 'respuestas', 'importar'] as const;
type Tab = (typeof tabs)[number];
const tabKeys: Record<Tab, 'summary' | 'results' | 'responses' | 'import'> = { resumen: 'summary', resultados: 'results', respuestas: 'responses', importar: 'import' };

function BackToList() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/consultas" size="sm" mb="xs" display="inline-block">
      <span aria-hidden="true">← </span>
      {t('consultations.backToList')}
    </Anchor>
  );
}

/** /consultas/:id: the consultation in four tabs (summary, results, responses, import); the tab is in the URL (`?pestaña=`). */
export function ConsultationDetailPage() {
  const { t } = useTranslation();
  const personName = usePersonName();
  const id = routeId(useParams().id);
  const canWrite = useCanWriteConsultations();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const deleteConsultation = useDeleteConsultation();
  const deleting = deleteConsultation.isPending || deleteConsultation.isSuccess;
  const consultation = useQuery({ ...consultationQueryOptions(id ?? 0), enabled: id !== null && !deleting });
  useDocumentTitle(consultation.data ? `${consultation.data.title} · ${t('appName')}` : '');

  const requested = searchParams.get('vista');
  const visible: readonly Tab[] = canWrite ? tabs : tabs.filter((tab) => tab !== 'importar');
  const tab: Tab = visible.find((candidate) => candidate === requested) ?? 'resumen';

  if (id === null || (consultation.error instanceof ApiError && consultation.error.status === 404)) {
    return (
      <>
        <BackToList />
        <ConsultationNotFound />
      </>
    );
  }
  if (consultation.isError) {
    return (
      <>
        <BackToList />
        <ErrorState error={consultation.error} onRetry={() => void consultation.refetch()} />
      </>
    );
  }
  if (consultation.isPending) return <LoadingState label={t('consultations.detail.loading')} />;
  const data = consultation.data;

  const confirmDelete = (target: Consultation) =>
    confirmDestructive({
      title: t('consultations.detail.delete.title', { title: target.title }),
      message: t('consultations.detail.delete.message', { count: target.responseCount, formatted: formatInteger(target.responseCount) }),
      confirmLabel: t('consultations.detail.delete.confirm'),
      onConfirm: () =>
        deleteConsultation.mutate(target.id, {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('consultations.detail.delete.done') });
            navigate('/consultas', { replace: true });
          },
          onError: (error) => notifications.show({ color: 'red', title: t('consultations.detail.delete.failed'), message: errorMessage(error), autoClose: false }),
        }),
    });

  return (
    <>
      <BackToList />
      <PageHeader
        title={data.title}
        subtitle={
          <>
            {t('consultations.detail.lastUpdated', { year: data.year, date: formatDateTime(data.updatedAt), user: personName(data.updatedBy) })}{' '}
            <ConsultationStatusBadge status={data.status} />
          </>
        }
        actions={
          canWrite ? (
            <>
              <Button component={Link} to={`/consultas/${data.id}/editar`}>
                {t('actions.edit')}
              </Button>
              <Button variant="outline" color="red.9" loading={deleteConsultation.isPending} onClick={() => confirmDelete(data)}>
                {t('actions.delete')}
              </Button>
            </>
          ) : undefined
        }
      />
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = visible.find((candidate) => candidate === value);
          if (next) setSearchParams(next === 'resumen' ? {} : { vista: next }, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('consultations.detail.tabsLabel')} mb="md">
          {visible.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(`consultations.detail.tabs.${tabKeys[value]}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="resumen">
          <ConsultationSummaryTab consultation={data} />
        </Tabs.Panel>
        <Tabs.Panel value="resultados">
          <ConsultationResultsTab consultation={data} />
        </Tabs.Panel>
        <Tabs.Panel value="respuestas">
          <ConsultationResponsesTab consultation={data} />
        </Tabs.Panel>
        {canWrite && (
          <Tabs.Panel value="importar">
            <ConsultationImportTab consultation={data} />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  );
}
