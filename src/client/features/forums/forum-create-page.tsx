import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { emptyForum, type Forum } from '../../../domain/forum';
import { PageHeader } from '../../ui/page-header';
import { useCan } from '../../app/use-current-user';
import { useCreateForum } from './api';
import { ForumForm } from './forum-form';
import { ForbiddenPage } from '../../ui/forbidden-page';

/** /foros/nuevo: a blank forum form; saving creates the forum and opens its page. */
export function ForumCreatePage() {
  const { t } = useTranslation();
  const canWrite = useCan('writeForums');
  const navigate = useNavigate();
  const createForum = useCreateForum();
  const [initialValues] = useState(() => emptyForum());
  useDocumentTitle(`${t('forumForm.createTitle')} · ${t('appName')}`);

  if (!canWrite) return <ForbiddenPage />;

  const onSaved = (forum: Forum) => {
    notifications.show({ color: 'green', message: t('forumForm.created') });
    navigate(`/foros/${forum.id}`);
  };

  return (
    <>
      <PageHeader title={t('forumForm.createTitle')} subtitle={t('forumForm.createSubtitle')} />
      <ForumForm initialValues={initialValues} save={(values) => createForum.mutateAsync(values)} onSaved={onSaved} cancelTo="/foros" />
    </>
  );
}
