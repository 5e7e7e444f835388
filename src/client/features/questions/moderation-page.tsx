import { Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { submissionStatuses, type CitizenQuestionSubmission, type SubmissionStatus } from '../../../domain/citizen-question';
import { questionTypes, type QuestionType } from '../../../domain/question';
import { formatDateTime, formatShortDate } from '../../lib/format';
import { api, ApiError, errorMessage } from '../../lib/http';
import { confirmDestructive } from '../../ui/confirm-destructive';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useCan } from '../../app/use-current-user';
import { submissionsQueryOptions, useModerate } from './api';

/** «2024-05-10T10:00» (Bogotá) as «10/05/2024, 10:00». */
const localDateTime = (value: string) => `${formatShortDate(value.slice(0, 10))}, ${value.slice(11, 16)}`;

/** The cases of a forum a citizen's question can be merged into (loaded when the person chooses to merge). */
function MergeForm({ submission, onDone, onCancel }: { submission: CitizenQuestionSubmission; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const moderate = useModerate();
  const cases = useQuery({
    queryKey: ['questions', 'merge-targets', submission.forumId],
    queryFn: ({ signal }) => api<{ items: { id: number; text: string }[] }>(`/api/questions?forumId=${submission.forumId}&pageSize=100`, { signal }).then((r) => r.items),
  });
  const [target, setTarget] = useState('');
  if (cases.isPending) return <LoadingState />;
  if (cases.isError) return <ErrorState error={cases.error} onRetry={() => void cases.refetch()} />;
  if (cases.data.length === 0)
    return (
      <Group>
        <Text size="sm">{t('questions.moderation.mergeNone')}</Text>
        <Button variant="default" onClick={onCancel}>
          {t('questions.moderation.cancel')}
        </Button>
      </Group>
    );
  const chosen = target || String(cases.data[0]!.id);
  return (
    <Stack gap="xs">
      <NativeSelect
        label={t('questions.moderation.mergeTarget')}
        value={chosen}
        onChange={(e) => setTarget(e.currentTarget.value)}
        data={cases.data.map((q) => ({ value: String(q.id), label: `${q.id}: ${q.text.length > 90 ? `${q.text.slice(0, 90)}…` : q.text}` }))}
      />
      {submission.hasPersonalData && <Text size="sm">{t('questions.moderation.mergeKeepsContact')}</Text>}
      {moderate.isError && (
        <Text c="red.9" size="sm" role="alert">
          {errorMessage(moderate.error)}
        </Text>
      )}
      <Group>
        <Button loading={moderate.isPending} onClick={() => moderate.mutate({ id: submission.id, action: 'merge', questionId: Number(chosen) }, { onSuccess: onDone })}>
          {t('questions.moderation.mergeConfirm')}
        </Button>
        <Button variant="default" onClick={onCancel}>
          {t('questions.moderation.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

function SubmissionCard({ submission, canWrite }: { submission: CitizenQuestionSubmission; canWrite: boolean }) {
  const { t } = useTranslation();
  const moderate = useModerate();
  const [type, setType] = useState<QuestionType>('peticion');
  const [mode, setMode] = useState<'none' | 'merge' | 'reject'>('none');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const headingId = `envio-${submission.id}`;
  const done = (message: string) => () => {
    setMode('none');
    notifications.show({ color: 'green', message });
  };
  const reject = () => {
    setReasonError('');
    if (reason.trim() === '') {
      setReasonError(t('questions.moderation.reason'));
      return;
    }
    confirmDestructive({
      title: t('questions.moderation.rejectTitle'),
      message: t('questions.moderation.rejectMessage'),
      confirmLabel: t('questions.moderation.rejectConfirm'),
      onConfirm: () =>
        moderate.mutate(
          { id: submission.id, action: 'reject', reason },
          {
            onSuccess: done(t('questions.moderation.rejected')),
            onError: (error) => {
              if (error instanceof ApiError && error.errors.length > 0) setReasonError(error.errors[0]!.message);
            },
          },
        ),
    });
  };
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('questions.moderation.received', { when: localDateTime(submission.receivedAt) })} · {t('questions.moderation.forum', { title: submission.forumTitle })}
        </Text>
        {/* The citizen's words as plain text (React escapes them). */}
        <Title order={2} size="h5" id={headingId} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {submission.text}
        </Title>
        {submission.hasPersonalData && (
          <Badge variant="outline" color="gray.9">
            {t('questions.moderation.withPersonal')}
          </Badge>
        )}
        {submission.status !== 'por_moderar' && (
          <Text size="sm">
            {t('questions.moderation.decidedBy', { status: t(`questions.moderation.statuses.${submission.status}`), who: submission.moderatedBy ?? '', when: formatDateTime(submission.moderatedAt) })}
            {submission.reason && <> — {t('questions.moderation.reasonShown', { reason: submission.reason })}</>}
            {submission.questionId !== null && (
              <>
                {' '}
                <Anchor component={Link} to={`/preguntas/${submission.questionId}`}>
                  {t('questions.moderation.openCase')}
                </Anchor>
              </>
            )}
          </Text>
        )}
        {submission.status === 'por_moderar' && canWrite && mode === 'none' && (
          <Group align="flex-end" gap="sm">
            <NativeSelect
              label={t('questions.moderation.type')}
              value={type}
              onChange={(e) => setType(e.currentTarget.value as QuestionType)}
              data={questionTypes.map((q) => ({ value: q, label: t(`questions.types.${q}`) }))}
            />
            <Button loading={moderate.isPending} onClick={() => moderate.mutate({ id: submission.id, action: 'accept', type }, { onSuccess: done(t('questions.moderation.accepted')) })}>
              {t('questions.moderation.accept')}
            </Button>
            <Button variant="default" onClick={() => setMode('merge')}>
              {t('questions.moderation.merge')}
            </Button>
            <Button variant="default" color="red.9" onClick={() => setMode('reject')}>
              {t('questions.moderation.reject')}
            </Button>
          </Group>
        )}
        {mode === 'merge' && <MergeForm submission={submission} onDone={done(t('questions.moderation.merged'))} onCancel={() => setMode('none')} />}
        {mode === 'reject' && (
          <Stack gap="xs">
            <Textarea label={t('questions.moderation.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError || undefined} maxLength={500} autosize minRows={2} data-autofocus />
            <Group>
              <Button color="red.9" loading={moderate.isPending} onClick={reject}>
                {t('questions.moderation.rejectConfirm')}
              </Button>
              <Button variant="default" onClick={() => setMode('none')}>
                {t('questions.moderation.cancel')}
              </Button>
            </Group>
          </Stack>
        )}
        {moderate.isError && mode !== 'merge' && !(moderate.error instanceof ApiError && moderate.error.status === 400) && (
          <Text c="red.9" size="sm" role="alert">
            {errorMessage(moderate.error)}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** /preguntas/moderacion: the questions citizens sent from «Participa», to accept, merge or reject. */
export function ModerationPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('questions.moderation.title')} — Foros`);
  const [params, setParams] = useSearchParams();
  const raw = params.get('estado') ?? 'por_moderar';
  const status: SubmissionStatus = (submissionStatuses as readonly string[]).includes(raw) ? (raw as SubmissionStatus) : 'por_moderar';
  const canWrite = useCan('writeQuestions');
  const list = useQuery(submissionsQueryOptions(status));

  const body = () => {
    if (list.isPending) return <LoadingState label={t('questions.moderation.loading')} />;
    if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
    if (list.data.items.length === 0) return <EmptyState title={status === 'por_moderar' ? t('questions.moderation.emptyWaiting') : t('questions.moderation.empty')} />;
    return (
      <Stack gap="sm" role="list" aria-label={t('questions.moderation.listLabel')}>
        {list.data.items.map((s) => (
          <div role="listitem" key={s.id}>
            <SubmissionCard submission={s} canWrite={canWrite} />
          </div>
        ))}
      </Stack>
    );
  };

  return (
    <>
      <PageHeader title={t('questions.moderation.title')} subtitle={t('questions.moderation.subtitle')} />
      <Stack gap="md">
        <NativeSelect
          label={t('questions.moderation.status')}
          maw={320}
          value={status}
          onChange={(e) => setParams(e.currentTarget.value === 'por_moderar' ? new URLSearchParams() : new URLSearchParams({ estado: e.currentTarget.value }))}
          data={submissionStatuses.map((s) => ({ value: s, label: list.data ? t('questions.moderation.statusOption', { label: t(`questions.moderation.statuses.${s}`), count: list.data.counts[s] }) : t(`questions.moderation.statuses.${s}`) }))}
        />
        {body()}
      </Stack>
    </>
  );
}
