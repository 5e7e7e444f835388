import { Anchor, Paper } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CommitmentInput } from '../../../domain/commitment';
import { PageHeader } from '../../ui/page-header';
import { useCreateCommitment } from './api';
import { CommitmentForm } from './commitment-form';

/** /compromisos/nuevo (?foro=ID preselects the forum). */
export function CommitmentCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreateCommitment();
  const forum = Number(params.get('foro'));
  const question = Number(params.get('pregunta'));
  const fromQuestion = Number.isInteger(question) && question > 0 && Number.isInteger(forum) && forum > 0 ? question : null;
  const [initial] = useState<CommitmentInput>(() => ({ forumId: Number.isInteger(forum) && forum > 0 ? forum : 0, questionId: fromQuestion, text: '', area: '', person: '', dueDate: '', status: 'pending', cancelReason: '', progress: 0 }));
  useDocumentTitle(`${t('commitments.newCommitment')} · ${t('appName')}`);
  return (
    <>
      <Anchor component={Link} to="/compromisos" size="sm">
        {t('commitments.detail.back')}
      </Anchor>
      <PageHeader
        title={t('commitments.newCommitment')}
        subtitle={
          fromQuestion ? (
            <Anchor component={Link} to={`/preguntas/${fromQuestion}`} size="sm">
              {t('commitments.detail.fromQuestion', { id: fromQuestion })}
            </Anchor>
          ) : undefined
        }
      />
      <Paper withBorder p="md" radius="md">
        <CommitmentForm
          initial={initial}
          saving={create.isPending}
          onSave={async (values) => {
            const made = await create.mutateAsync(values);
            notifications.show({ color: 'green', message: t('commitments.form.created') });
            // After the form marked itself clean (the unsaved-changes guard lets the page go).
            setTimeout(() => void navigate(`/compromisos/${made.id}`), 0);
          }}
        />
      </Paper>
    </>
  );
}
