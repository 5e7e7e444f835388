import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Group, List, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  evaluationImportRoles,
  evaluationInputSchema,
  evaluationQuestions,
  evaluationQuestionTexts,
  scoreLabels,
  suggestEvaluationMapping,
  type EvaluationImportResult,
  type EvaluationImportRole,
  type EvaluationInput,
  type EvaluationQuestion,
} from '../../../domain/evaluation';
import { formatCount } from '../../../domain/metrics-format';
import { ApiError, errorMessage } from '../../lib/http';
import { TextareaField, TextField } from '../../ui/form-fields';
import { MappedImport } from '../../ui/mapped-import/mapped-import';
import { useMappedImport } from '../../ui/mapped-import/use-mapped-import';
import { NotFoundState } from '../../ui/not-found-state';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { WideTable } from '../../ui/wide-table';
import { evaluationForumQueryOptions, evaluationImport, evaluationQueryOptions, useAddEvaluationResponse, useInvalidateEvaluation, type ForumEvaluation } from './api';
import { useCanWriteEvaluations } from './use-can-write';

const EvaluationChart = lazy(() => import('./evaluation-chart').then((m) => ({ default: m.EvaluationChart })));

const isQuestion = (role: EvaluationImportRole): role is EvaluationQuestion => (evaluationQuestions as readonly string[]).includes(role);
const decimal = (n: number | null) => (n === null ? '—' : n.toLocaleString('es-CO', { maximumFractionDigits: 1 }));

function Results({ data }: { data: ForumEvaluation }) {
  const { t } = useTranslation();
  const { tally } = data;
  if (tally.responses === 0) return <Alert color="gray">{t('evaluations.empty')}</Alert>;
  return (
    <Stack gap="md">
      <Group gap="xl" role="status">
        <Text>{t('evaluations.responses', { count: tally.responses, formatted: formatCount(tally.responses) })}</Text>
        <Text>
          {t('evaluations.satisfaction')}: <strong>{tally.satisfactionIndex === null ? t('evaluations.noIndex') : `${decimal(tally.satisfactionIndex)} %`}</strong>
        </Text>
      </Group>
      <Text size="sm" c="dimmed">
        {t('evaluations.satisfactionHint')}
      </Text>
      <Suspense fallback={<LoadingState />}>
        <EvaluationChart tally={tally} />
      </Suspense>
      <WideTable label={t('evaluations.tableCaption')} minWidth={760}>
        <Table striped withTableBorder verticalSpacing="xs">
          <caption style={{ captionSide: 'top', textAlign: 'left', paddingBottom: 4 }}>{t('evaluations.tableCaption')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('evaluations.question')}</Table.Th>
              {[1, 2, 3, 4, 5].map((s) => (
                <Table.Th key={s} scope="col" ta="right">
                  {s}
                </Table.Th>
              ))}
              <Table.Th scope="col" ta="right">
                {t('evaluations.answered')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('evaluations.mean')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('evaluations.satisfied')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tally.questions.map((q, i) => (
              <Table.Tr key={q.question}>
                <Table.Th scope="row" fw={500}>
                  P{i + 1}. {q.text}
                </Table.Th>
                {q.counts.map((n, s) => (
                  <Table.Td key={s} ta="right">
                    {formatCount(n)}
                  </Table.Td>
                ))}
                <Table.Td ta="right">{formatCount(q.answered)}</Table.Td>
                <Table.Td ta="right">{decimal(q.mean)}</Table.Td>
                <Table.Td ta="right">{q.satisfied === null ? '—' : `${decimal(q.satisfied)} %`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <div>
          <Title order={3} size="h5" mb="xs">
            {t('evaluations.comments')}
          </Title>
          {tally.comments.length === 0 ? (
            <Text size="sm">{t('evaluations.noComments')}</Text>
          ) : (
            <List size="sm" spacing={4}>
              {tally.comments.slice(0, 200).map((c, i) => (
                <List.Item key={i}>
                  «{c.comment}»{c.valueGroup ? ` — ${c.valueGroup}` : ''}
                </List.Item>
              ))}
            </List>
          )}
        </div>
        <div>
          <Title order={3} size="h5" mb="xs">
            {t('evaluations.valueGroups')}
          </Title>
          <List size="sm" spacing={4}>
            {tally.valueGroups.map((g) => (
              <List.Item key={g.name}>
                {g.name}: {formatCount(g.count)}
              </List.Item>
            ))}
          </List>
        </div>
      </SimpleGrid>
    </Stack>
  );
}

const emptyScores = Object.fromEntries(evaluationQuestions.map((q) => [q, null])) as EvaluationInput['scores'];

function ResponseForm({ forumId }: { forumId: number }) {
  const { t } = useTranslation();
  const add = useAddEvaluationResponse(forumId);
  const form = useForm<EvaluationInput>({ resolver: zodResolver(evaluationInputSchema), defaultValues: { scores: emptyScores, comment: '', valueGroup: '' } });
  const submit = form.handleSubmit(async (values) => {
    try {
      await add.mutateAsync(values);
      notifications.show({ color: 'green', message: t('evaluations.saved') });
      form.reset({ scores: emptyScores, comment: '', valueGroup: '' });
    } catch (error) {
      form.setError('root', { message: error instanceof ApiError ? error.title : errorMessage(error) });
    }
  });
  const scoresError = form.formState.errors.scores?.message ?? form.formState.errors.scores?.root?.message;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {evaluationQuestions.map((q) => (
            <Controller
              key={q}
              control={form.control}
              name={`scores.${q}`}
              render={({ field, fieldState }) => (
                <Select
                  label={evaluationQuestionTexts[q]}
                  data={scoreLabels.map((label, i) => ({ value: String(i + 1), label: `${i + 1} · ${label}` }))}
                  placeholder={t('evaluations.noAnswer')}
                  value={field.value === null ? null : String(field.value)}
                  onChange={(v) => field.onChange(v ? Number(v) : null)}
                  clearable
                  error={fieldState.error?.message}
                />
              )}
            />
          ))}
        </SimpleGrid>
        <TextareaField control={form.control} name="comment" label={t('evaluations.comment')} autosize minRows={2} />
        <TextField control={form.control} name="valueGroup" label={t('evaluations.valueGroup')} />
        {(scoresError || form.formState.errors.root?.message) && (
          <Alert color="red" role="alert">
            {scoresError ?? form.formState.errors.root?.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={add.isPending}>
            {t('evaluations.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EvaluationImport({ forumId }: { forumId: number }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateEvaluation(forumId);
  const importer = useMappedImport<EvaluationImportRole, EvaluationImportResult>({
    roles: evaluationImportRoles,
    ignoreRole: 'ignore',
    suggest: suggestEvaluationMapping,
    rememberKey: 'foros:evaluacion:columnas',
    dryRun: evaluationImport(forumId, true),
    commit: evaluationImport(forumId, false),
    onDone: () => void invalidate(),
  });
  return (
    <MappedImport
      importer={importer}
      title={t('evaluations.importTitle')}
      hint={t('evaluations.importHint')}
      roles={evaluationImportRoles}
      ignoreRole="ignore"
      personalRole="personal"
      roleLabel={(role) => (isQuestion(role) ? evaluationQuestionTexts[role] : t(`evaluations.roles.${role}`))}
      canConfirm={(r) => r.accepted > 0}
      rowsToSave={(r) => r.accepted}
      doneText={(r, name) => t('evaluations.importDone', { formatted: formatCount(r.accepted), name })}
      renderPreview={(r) => (
        <Stack gap={4} role="status">
          <Text size="sm">{t('evaluations.importSummary', { total: formatCount(r.total), accepted: formatCount(r.accepted) })}</Text>
          {r.droppedPersonalColumns.length > 0 && <Text size="sm">{t('evaluations.dropped', { columns: r.droppedPersonalColumns.map((c) => `«${c}»`).join(', ') })}</Text>}
        </Stack>
      )}
    />
  );
}

/** /foros/:id/evaluacion: the forum's evaluation survey — results (chart, table, satisfaction index, comments), a typed response, a Forms import. */
export function EvaluationPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = /^[1-9]\d{0,15}$/.test(params.id ?? '') ? Number(params.id) : null;
  const forum = useQuery({ ...evaluationForumQueryOptions(id ?? 0), enabled: id !== null });
  const evaluation = useQuery({ ...evaluationQueryOptions(id ?? 0), enabled: id !== null });
  const canWrite = useCanWriteEvaluations();
  useDocumentTitle(`${t('evaluations.title')} · ${t('appName')}`);
  if (id === null || (forum.error instanceof ApiError && forum.error.status === 404)) return <NotFoundState title={t('forums.detail.notFoundTitle')} hint={t('forums.detail.notFoundText')} backTo="/foros" backLabel={t('nav.forums')} />;
  if (forum.isPending || evaluation.isPending) return <LoadingState label={t('evaluations.loading')} />;
  if (forum.isError || evaluation.isError) return <ErrorState error={forum.error ?? evaluation.error} onRetry={() => void evaluation.refetch()} />;
  return (
    <>
      <Anchor component={Link} to={`/foros/${id}`} size="sm">
        {t('evaluations.back')}
      </Anchor>
      <PageHeader title={`${t('evaluations.title')}: ${forum.data.title}`} subtitle={t('evaluations.subtitle')} />
      <Stack gap="lg">
        {evaluation.data.responses.some((r) => r.source === 'demo') && (
          <Alert color="grape" variant="light" title={t('evaluations.illustrativeTitle')}>
            {t('evaluations.illustrativeNote')}
          </Alert>
        )}
        <Paper component="section" withBorder p="md" radius="md" aria-labelledby="evaluation-results-title">
          <Title order={2} size="h4" id="evaluation-results-title" mb="sm">
            {t('evaluations.tableCaption')}
          </Title>
          <Results data={evaluation.data} />
        </Paper>
        {canWrite && (
          <Paper component="section" withBorder p="md" radius="md" aria-labelledby="evaluation-add-title">
            <Title order={2} size="h4" id="evaluation-add-title" mb="sm">
              {t('evaluations.add')}
            </Title>
            <ResponseForm forumId={id} />
          </Paper>
        )}
        {canWrite && <EvaluationImport forumId={id} />}
      </Stack>
    </>
  );
}
