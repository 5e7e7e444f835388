import { Alert, Button, Group, List, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { deadlineOf, type PersonalData, type QuestionCase } from '../../../domain/question';
import { formatDateTime, formatLocalDateTime, formatLongDate, formatShortDate } from '../../lib/format';
import { ApiError, errorMessage } from '../../lib/http';
import { routeId } from '../../lib/route-params';
import { confirmDestructive } from '../../ui/confirm-destructive';
import { DateInputField } from '../../ui/date-field';
import { NotFoundState } from '../../ui/not-found-state';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { useCan, useToday } from '../../app/use-current-user';
import { areasQueryOptions, questionKeys, questionQueryOptions, useAnsweredLive, useRemoveMergedAsker, useRemovePersonalData, useSavePersonalData, useUpdateQuestion, useViewPersonalData } from './api';
import { DeadlineBadge } from './deadline-badge';
import { QuestionCaseForm } from './question-case-form';

/** A stored local time (`YYYY-MM-DDTHH:mm`, Bogotá) as «3 dic. 2026, 10:15». */
const localDateTime = (value: string) => `${formatShortDate(value.slice(0, 10))}, ${value.slice(11, 16)}`;

/** The asker's data (Ley 1581): shown only on request (an audited read), added only with the consent, removable. */
function PersonalDataPanel({ question, canWrite }: { question: QuestionCase; canWrite: boolean }) {
  const { t } = useTranslation();
  const view = useViewPersonalData(question.id);
  const save = useSavePersonalData(question.id);
  const remove = useRemovePersonalData(question.id);
  const removeMerged = useRemoveMergedAsker(question.id);
  const [shown, setShown] = useState<PersonalData | null>(null);
  const [adding, setAdding] = useState(false);
  const today = useToday();
  const [draft, setDraft] = useState({ name: '', contact: '', consentText: '', consentDate: today as string | null, consentTime: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = () => {
    setErrors({});
    const consentAt = draft.consentDate ? `${draft.consentDate}T${draft.consentTime || '00:00'}` : null;
    save.mutate(
      { name: draft.name, contact: draft.contact, consentText: draft.consentText, consentAt },
      {
        onSuccess: () => {
          setAdding(false);
          setShown(null);
          notifications.show({ color: 'green', message: t('questions.personal.saved') });
        },
        onError: (error) => {
          if (error instanceof ApiError) setErrors(Object.fromEntries(error.errors.map((e) => [e.path, e.message])));
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="personal-data-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="personal-data-title">
          {t('questions.personal.title')}
        </Title>
        <Text size="sm">
          {question.anonymisedAt
            ? t('questions.personal.anonymised', { when: formatDateTime(question.anonymisedAt) })
            : question.hasPersonalData
              ? t('questions.personal.onFile')
              : t('questions.personal.none')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('questions.personal.minors')}
        </Text>
        {shown && (
          <Stack gap={2} aria-live="polite">
            <Text size="sm">
              {t('questions.personal.name')}: {shown.name || '—'}
            </Text>
            <Text size="sm">
              {t('questions.personal.contact')}: {shown.contact || '—'}
            </Text>
            {shown.consentAt && <Text size="sm">{t('questions.personal.consentAt', { when: formatLongDate(shown.consentAt.slice(0, 10)) })}</Text>}
            <Text size="sm" c="dimmed">
              {shown.consentText}
            </Text>
            {shown.mergedAskers.length > 0 && (
              <>
                <Title order={3} size="h5" mt="xs">
                  {t('questions.personal.mergedTitle')}
                </Title>
                <List size="sm" spacing="xs">
                  {shown.mergedAskers.map((m) => (
                    <List.Item key={m.submissionId}>
                      <Text size="sm">{t('questions.personal.mergedAsker', { id: m.submissionId, when: localDateTime(m.receivedAt) })}</Text>
                      <Text size="sm">
                        {t('questions.personal.name')}: {m.name || '—'} · {t('questions.personal.contact')}: {m.contact || '—'}
                      </Text>
                      {m.consentAt && <Text size="sm">{t('questions.personal.consentAt', { when: formatLongDate(m.consentAt.slice(0, 10)) })}</Text>}
                      {canWrite && (
                        <Button
                          size="xs"
                          mt={4}
                          color="red.9"
                          variant="outline"
                          loading={removeMerged.isPending && removeMerged.variables === m.submissionId}
                          onClick={() =>
                            confirmDestructive({
                              title: t('questions.personal.mergedRemoveTitle'),
                              message: t('questions.personal.mergedRemoveMessage'),
                              confirmLabel: t('questions.personal.remove'),
                              onConfirm: () =>
                                removeMerged.mutate(m.submissionId, {
                                  onSuccess: () => {
                                    setShown({ ...shown, mergedAskers: shown.mergedAskers.filter((o) => o.submissionId !== m.submissionId) });
                                    notifications.show({ color: 'green', message: t('questions.personal.removed') });
                                  },
                                }),
                            })
                          }
                        >
                          {t('questions.personal.mergedRemove', { id: m.submissionId })}
                        </Button>
                      )}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Stack>
        )}
        {removeMerged.isError && <Alert color="red">{errorMessage(removeMerged.error)}</Alert>}
        {view.isError && <Alert color="red">{errorMessage(view.error)}</Alert>}
        {adding && (
          <Stack gap="xs">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('questions.personal.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} error={errors.name} />
              <TextInput label={t('questions.personal.contact')} value={draft.contact} onChange={(e) => setDraft({ ...draft, contact: e.currentTarget.value })} error={errors.contact} />
            </SimpleGrid>
            <Textarea label={t('questions.personal.consentText')} value={draft.consentText} onChange={(e) => setDraft({ ...draft, consentText: e.currentTarget.value })} error={errors.consentText} autosize minRows={2} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <DateInputField label={t('questions.personal.consentDate')} value={draft.consentDate} onChange={(value) => setDraft({ ...draft, consentDate: value })} error={errors.consentAt} />
              <TextInput type="time" label={t('questions.personal.consentTime')} value={draft.consentTime} onChange={(e) => setDraft({ ...draft, consentTime: e.currentTarget.value })} />
            </SimpleGrid>
            <Group>
              <Button onClick={submit} loading={save.isPending}>
                {t('questions.personal.save')}
              </Button>
              <Button variant="default" onClick={() => setAdding(false)}>
                {t('actions.cancel')}
              </Button>
            </Group>
          </Stack>
        )}
        {canWrite && !adding && (
          <Group gap="sm">
            {question.hasPersonalData &&
              (shown ? (
                <Button variant="default" onClick={() => setShown(null)}>
                  {t('questions.personal.hide')}
                </Button>
              ) : (
                <Button variant="default" loading={view.isPending} onClick={() => view.mutate(undefined, { onSuccess: setShown })}>
                  {t('questions.personal.show')}
                </Button>
              ))}
            <Button variant="default" onClick={() => setAdding(true)}>
              {t('questions.personal.add')}
            </Button>
            {question.hasPersonalData && (
              <Button
                color="red.9"
                variant="outline"
                loading={remove.isPending}
                onClick={() =>
                  confirmDestructive({
                    title: t('questions.personal.removeTitle'),
                    message: t('questions.personal.removeMessage'),
                    confirmLabel: t('questions.personal.remove'),
                    onConfirm: () =>
                      remove.mutate(undefined, {
                        onSuccess: () => {
                          setShown(null);
                          notifications.show({ color: 'green', message: t('questions.personal.removed') });
                        },
                      }),
                  })
                }
              >
                {t('questions.personal.remove')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** /preguntas/:id: the case — its deadline, the editor, «respondida en vivo», and the asker's data. */
export function QuestionCasePage() {
  const { t } = useTranslation();
  const id = routeId(useParams().id);
  const canWrite = useCan('writeQuestions');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const question = useQuery({ ...questionQueryOptions(id ?? 0), enabled: id !== null });
  const areas = useQuery(areasQueryOptions());
  const update = useUpdateQuestion(id ?? 0);
  const live = useAnsweredLive();
  const [formKey, setFormKey] = useState(0);
  const today = useToday();
  useDocumentTitle(question.data ? `${t('questions.detail.titleFor', { id: question.data.id })} · ${t('appName')}` : '');

  if (id === null || (question.error instanceof ApiError && question.error.status === 404)) {
    return <NotFoundState title={t('questions.detail.notFound')} hint={t('questions.detail.notFoundHint')} backTo="/preguntas" backLabel={t('questions.detail.back')} />;
  }
  if (question.isPending || areas.isPending) return <LoadingState label={t('questions.detail.loading')} />;
  if (question.isError) return <ErrorState error={question.error} onRetry={() => void question.refetch()} />;
  if (areas.isError) return <ErrorState error={areas.error} onRetry={() => void areas.refetch()} />;
  const q = question.data;
  const deadline = deadlineOf(q, today);

  return (
    <>
      <PageHeader
        title={t('questions.detail.titleFor', { id: q.id })}
        subtitle={t('questions.detail.subtitle', { forum: q.forumTitle, received: formatLocalDateTime(q.receivedAt) })}
        actions={
          canWrite ? (
            <Group gap="sm">
              <Button component={Link} to={`/compromisos/nuevo?foro=${q.forumId}&pregunta=${q.id}`} variant="default" title={t('questions.detail.newCommitmentHint')}>
                {t('questions.detail.newCommitment')}
              </Button>
              {!q.answeredLive && (
            <Button
              variant="default"
              loading={live.isPending}
              title={t('questions.detail.answeredLiveHint')}
              onClick={() =>
                live.mutate(
                  { id: q.id, version: q.version },
                  {
                    onSuccess: () => {
                      setFormKey((k) => k + 1);
                      notifications.show({ color: 'green', message: t('questions.detail.answeredLiveDone') });
                    },
                    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
                  },
                )
              }
            >
              {t('questions.detail.answeredLive')}
            </Button>
              )}
            </Group>
          ) : undefined
        }
      />
      <Stack gap="lg">
        <Group gap="xs">
          <Text>{q.dueDate ? t('questions.detail.due', { date: formatLongDate(q.dueDate), deadline: t(`questions.deadline.${deadline}`) }) : t('questions.detail.noDue')}</Text>
          <DeadlineBadge deadline={deadline} />
        </Group>
        {!canWrite && <Alert color="blue">{t('questions.detail.readOnly')}</Alert>}
        <QuestionCaseForm
          key={`${q.id}-${formKey}`}
          question={q}
          areas={areas.data}
          readOnly={!canWrite}
          save={(values, version) => update.mutateAsync({ ...values, version: version ?? q.version })}
          onSaved={() => {
            notifications.show({ color: 'green', message: t('questions.detail.saved') });
            navigate('/preguntas');
          }}
          onNewerVersion={(current) => queryClient.setQueryData(questionKeys.detail(current.id), current)}
        />
        <PersonalDataPanel question={q} canWrite={canWrite} />
      </Stack>
    </>
  );
}
