import { Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Forum } from '../../../domain/forum';
import { formatDateTime } from '../../lib/format';
import { ApiError } from '../../lib/http';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { useCan } from '../session/use-current-user';
import { forumKeys, forumQueryOptions, useUpdateForum } from './api';
import { ForumForm } from './forum-form';
import { usePersonName } from '../../lib/use-person-name';

function parseId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,15}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 ? id : null;
}

function ForumNotFound() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" py="xl">
      <Title order={1} size="h2">
        {t('forumForm.notFound')}
      </Title>
      <Text c="dimmed">{t('forumForm.notFoundHint')}</Text>
      <Button component={Link} to="/foros">
        {t('forumForm.backToList')}
      </Button>
    </Stack>
  );
}

/** /foros/:id/editar: the forum form filled with the saved forum; saving sends the version it started from. */
export function ForumEditPage() {
  const { t } = useTranslation();
  const personName = usePersonName();
  const params = useParams();
  const id = parseId(params.id);
  const canWrite = useCan('writeForums');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const updateForum = useUpdateForum(id ?? 0);
  const forum = useQuery({ ...forumQueryOptions(id ?? 0), enabled: id !== null && canWrite });
  useDocumentTitle(forum.data ? `${t('forumForm.editTitle', { title: forum.data.title })} · ${t('appName')}` : '');

  if (!canWrite) return <ErrorState message={t('state.forbidden')} />;
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
