import { confirmDestructive } from '../../ui/confirm-destructive';
import { Anchor, Button, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Forum } from '../../../domain/forum';
import { ApiError, errorMessage } from '../../lib/http';
import { formatDateTime } from '../../lib/format';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { useCan } from '../../app/use-current-user';
import { forumQueryOptions, useDeleteForum } from './api';
import { ForumDetailSections } from './forum-detail-sections';
import { ForumHistorySection } from './forum-history-section';
import { routeId } from '../../lib/route-params';
import { ForumNotFound } from '../../ui/forum-not-found';
import { usePersonName } from '../../lib/use-person-name';

function BackToList() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/foros" size="sm" mb="xs" display="inline-block">
      <span aria-hidden="true">← </span>
      {t('forums.backToList')}
    </Anchor>
  );
}

/** /foros/:id: everything recorded about one forum, its history, and (for editors) edit and delete. */
export function ForumDetailPage() {
  const { t } = useTranslation();
  const personName = usePersonName();
  const id = routeId(useParams().id);
  const canWrite = useCan('writeForums');
  const navigate = useNavigate();
  const deleteForum = useDeleteForum();
  // Once deleted, the page stops asking for the forum (it would answer 404) while it navigates away.
  const deleting = deleteForum.isPending || deleteForum.isSuccess;
  const forum = useQuery({ ...forumQueryOptions(id ?? 0), enabled: id !== null && !deleting });

  if (id === null) {
    return (
      <>
        <BackToList />
        <ForumNotFound />
      </>
    );
  }
  if (forum.isError && forum.error instanceof ApiError && forum.error.status === 404) {
    return (
      <>
        <BackToList />
        <ForumNotFound />
      </>
    );
  }
  if (forum.isError) {
    return (
      <>
        <BackToList />
        <ErrorState error={forum.error} onRetry={() => void forum.refetch()} />
      </>
    );
  }
  if (forum.isPending) return <LoadingState label={t('forums.detail.loading')} />;

  const data = forum.data;

  const confirmDelete = (target: Forum) =>
    confirmDestructive({
      title: t('forums.detail.delete.title', { title: target.title }),
      message: t('forums.detail.delete.message', { title: target.title }),
      confirmLabel: t('forums.detail.delete.confirm'),
      onConfirm: () =>
        deleteForum.mutate(target.id, {
          onSuccess: () => {
            notifications.show({ color: 'green', title: t('forums.detail.delete.done'), message: t('forums.detail.delete.doneText', { title: target.title }) });
            navigate('/foros', { replace: true });
          },
          onError: (error) => {
            notifications.show({ color: 'red', title: t('forums.detail.delete.failed'), message: errorMessage(error), autoClose: false });
          },
        }),
    });

  return (
    <>
      <BackToList />
      <PageHeader
        title={data.title}
        subtitle={t('forums.detail.lastUpdated', { date: formatDateTime(data.updatedAt), user: personName(data.updatedBy) })}
        actions={
          <>
            <Button component={Link} to={`/foros/${data.id}/metricas`} variant="default">
              {t('metrics.openFromForum')}
            </Button>
            <Button component={Link} to={`/foros/${data.id}/evaluacion`} variant="default">
              {t('evaluations.link')}
            </Button>
            <Button component={Link} to={`/compromisos?foro=${data.id}`} variant="default">
              {t('commitments.title')}
            </Button>
            {canWrite && (
              <>
                <Button component={Link} to={`/foros/${data.id}/editar`}>
                  {t('actions.edit')}
                </Button>
                <Button variant="outline" color="red.9" loading={deleteForum.isPending} onClick={() => confirmDelete(data)}>
                  {t('actions.delete')}
                </Button>
              </>
            )}
          </>
        }
      />
      <Stack gap="lg">
        <ForumDetailSections forum={data} />
        <ForumHistorySection forumId={data.id} />
      </Stack>
    </>
  );
}
