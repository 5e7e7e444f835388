import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Forum } from '../../../domain/forum';
import { formatDateTime } from '../../lib/format';
import { ApiError } from '../../lib/http';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { useCan } from '../../app/use-current-user';
import { forumKeys, forumQueryOptions, useUpdateForum } from './api';
import { ForumForm } from './forum-form';
import { routeId } from '../../lib/route-params';
import { ForumNotFound } from '../../ui/forum-not-found';
import { ForbiddenPage } from '../../ui/forbidden-page';
import { usePersonName } from '../../lib/use-person-name';

/** /foros/:id/editar: the forum form filled with the saved forum; saving sends the version it started from. */
export function ForumEditPage() {
  const { t } = useTranslation();
  const personName = usePersonName();
  const params = useParams();
  const id = routeId(params.id);
  const canWrite = useCan('writeForums');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const updateForum = useUpdateForum(id ?? 0);
  const forum = useQuery({ ...forumQueryOptions(id ?? 0), enabled: id !== null && canWrite });
  useDocumentTitle(forum.data ? `${t('forumForm.editTitle', { title: forum.data.title })} · ${t('appName')}` : '');

  if (!canWrite) return <ForbiddenPage />;
  if (id === null || (forum.error instanceof ApiError && forum.error.status === 404)) return <ForumNotFound />;
  if (forum.isPending) return <LoadingState />;
  if (forum.isError) return <ErrorState error={forum.error} onRetry={() => forum.refetch()} />;

  const saved = forum.data;
  const onSaved = (updated: Forum) => {
    notifications.show({ color: 'green', message: t('forumForm.saved') });
    navigate(`/foros/${updated.id}`);
  };

  return (
    <>
      <PageHeader
        title={t('forumForm.editTitle', { title: saved.title })}
        subtitle={t('forumForm.editSubtitle', { version: saved.version, who: personName(saved.updatedBy), when: formatDateTime(saved.updatedAt) })}
      />
      <ForumForm
        key={saved.id}
        initialValues={saved}
        initialVersion={saved.version}
        save={(values, version) => updateForum.mutateAsync({ ...values, version: version ?? saved.version })}
        onSaved={onSaved}
        onNewerVersion={(current) => queryClient.setQueryData(forumKeys.detail(current.id), current)}
        cancelTo={`/foros/${saved.id}`}
      />
    </>
  );
}
