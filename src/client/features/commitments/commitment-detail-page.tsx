import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useToday } from '../../app/use-current-user';
import { followUpInputSchema, type CommitmentDetail, type CommitmentInput, type FollowUpInput } from '../../../domain/commitment';
import { ApiError, conflictFrom, errorMessage } from '../../lib/http';
import { formatShortDate } from '../../lib/format';
import { DateField } from '../../ui/date-field';
import { NumberField, TextareaField, TextField } from '../../ui/form-fields';
import { NotFoundState } from '../../ui/not-found-state';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { commitmentQueryOptions, useAddFollowUp, useUpdateCommitment } from './api';
import { CommitmentForm } from './commitment-form';
import { CommitmentStatusBadge } from './commitment-status-badge';
import { useCanWriteCommitments } from './use-can-write';

const inputOf = (c: CommitmentDetail): CommitmentInput => ({ forumId: c.forumId, questionId: c.questionId, text: c.text, area: c.area, person: c.person, dueDate: c.dueDate, status: c.status, cancelReason: c.cancelReason, progress: c.progress });

/** A dated follow-up: note, progress (moves the status), evidence link. Not offered on a cancelled commitment. */
function FollowUpForm({ commitment }: { commitment: CommitmentDetail }) {
  const { t } = useTranslation();
  const add = useAddFollowUp(commitment.id);
  const today = useToday();
  const defaults: FollowUpInput = { date: today, note: '', progress: commitment.progress, evidenceUrl: '', version: commitment.version };
  const form = useForm<FollowUpInput>({ resolver: zodResolver(followUpInputSchema), defaultValues: defaults });
  const submit = form.handleSubmit(async (values) => {
    try {
      await add.mutateAsync({ ...values, version: commitment.version });
      notifications.show({ color: 'green', message: t('commitments.detail.followUpSaved') });
      form.reset({ ...defaults, progress: values.progress, version: commitment.version + 1 });
    } catch (error) {
      if (error instanceof ApiError) for (const issue of error.errors) if (issue.path) form.setError(issue.path as keyof FollowUpInput, { message: issue.message });
      form.setError('root', { message: error instanceof ApiError ? error.title : errorMessage(error) });
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="follow-up-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="follow-up-title">
          {t('commitments.detail.addFollowUp')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField control={form.control} name="date" empty="" label={t('commitments.detail.date')} required />
          <NumberField control={form.control} name="progress" label={t('commitments.detail.progress')} min={0} max={100} required />
        </SimpleGrid>
        <TextareaField control={form.control} name="note" label={t('commitments.detail.note')} autosize minRows={2} required />
        <TextField control={form.control} name="evidenceUrl" label={t('commitments.detail.evidence')} placeholder="https://" />
        {form.formState.errors.root?.message && (
          <Alert color="red" role="alert">
            {form.formState.errors.root.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={add.isPending}>
            {t('commitments.detail.addFollowUp')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** /compromisos/:id: the commitment (edit, cancel with a reason after confirming) and its follow-ups. */
export function CommitmentDetailPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = /^[1-9]\d{0,15}$/.test(params.id ?? '') ? Number(params.id) : null;
  const query = useQuery({ ...commitmentQueryOptions(id ?? 0), enabled: id !== null });
  const update = useUpdateCommitment(id ?? 0);
  const canWrite = useCanWriteCommitments();
  const commitment = query.data;
  const initial = useMemo(() => (commitment ? inputOf(commitment) : null), [commitment]);
  useDocumentTitle(`${commitment ? `${t('commitments.title')} ${commitment.id}` : t('commitments.title')} · ${t('appName')}`);

  if (id === null || (query.isError && query.error instanceof ApiError && query.error.status === 404)) return <NotFoundState title={t('commitments.detail.notFound')} hint={t('state.notFoundHint')} backTo="/compromisos" backLabel={t('commitments.detail.back')} />;
  if (query.isPending) return <LoadingState label={t('commitments.detail.loading')} />;
  if (query.isError || !commitment || !initial) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  return (
    <>
      <Anchor component={Link} to="/compromisos" size="sm">
        {t('commitments.detail.back')}
      </Anchor>
      <PageHeader
        title={`${t('commitments.list.columns.id')} ${commitment.id} · ${commitment.text}`}
        subtitle={
          <Group gap="xs" component="span">
            <CommitmentStatusBadge status={commitment.effectiveStatus} />
            <Badge variant="outline" color="gray.8" tt="none">
              {commitment.progress} %
            </Badge>
            {commitment.illustrative && (
              <Badge variant="outline" color="grape.9" tt="none">
                {t('commitments.illustrative')}
              </Badge>
            )}
            <Anchor component={Link} to={`/foros/${commitment.forumId}`} size="sm">
              {t('commitments.detail.fromForum', { title: commitment.forumTitle })}
            </Anchor>
            {commitment.questionId !== null && (
              <Anchor component={Link} to={`/preguntas/${commitment.questionId}`} size="sm">
                {t('commitments.detail.fromQuestion', { id: commitment.questionId })}
              </Anchor>
            )}
            {commitment.effectiveStatus === 'overdue' && (
              <Text size="sm" c="red.9" fw={700} component="span">
                {t('commitments.detail.overdue', { date: formatShortDate(commitment.dueDate) })}
              </Text>
            )}
          </Group>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper component="section" withBorder p="md" radius="md" aria-labelledby="commitment-edit-title">
          <Title order={2} size="h4" id="commitment-edit-title" mb="sm">
            {t('commitments.detail.edit')}
          </Title>
          <CommitmentForm
            initial={initial}
            readOnly={!canWrite}
            saving={update.isPending}
            onSave={async (values) => {
              try {
                await update.mutateAsync({ ...values, version: commitment.version });
                notifications.show({ color: 'green', message: t('commitments.form.saved') });
              } catch (error) {
                if (conflictFrom(error)) {
                  void query.refetch();
                  throw new Error(t('commitments.form.conflict'));
                }
                throw error;
              }
            }}
          />
        </Paper>
        <Paper component="section" withBorder p="md" radius="md" aria-labelledby="commitment-follow-ups-title">
          <Stack gap="md">
            <Title order={2} size="h4" id="commitment-follow-ups-title">
              {t('commitments.detail.followUps')}
            </Title>
            {commitment.followUps.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('commitments.detail.noFollowUps')}
              </Text>
            ) : (
              <List spacing="sm" listStyleType="none" aria-label={t('commitments.detail.followUps')}>
                {commitment.followUps.map((f) => (
                  <List.Item key={f.id}>
                    <Text size="sm" fw={600}>
                      {formatShortDate(f.date)} · {f.progress} %
                    </Text>
                    <Text size="sm">{f.note}</Text>
                    {f.evidenceUrl && (
                      <Anchor href={f.evidenceUrl} target="_blank" rel="noreferrer noopener" size="sm">
                        {t('commitments.detail.evidenceLink')}
                      </Anchor>
                    )}
                  </List.Item>
                ))}
              </List>
            )}
            {canWrite &&
              (commitment.status === 'cancelled' ? (
                <Alert color="gray" role="note">
                  {t('commitments.detail.cancelledNoFollowUps')}
                </Alert>
              ) : (
                <FollowUpForm key={commitment.version} commitment={commitment} />
              ))}
          </Stack>
        </Paper>
      </SimpleGrid>
    </>
  );
}
