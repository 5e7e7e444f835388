import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { VoteBurst } from '../../../domain/vote-bursts';
import { errorMessage } from '../../lib/http';
import { confirmDestructive } from '../../ui/confirm-destructive';
import { useCan } from '../../app/use-current-user';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { consultationChannels, type Consultation } from '../../../domain/consultation';
import { formatDateTime, formatInteger, formatTime } from '../../lib/format';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { consultationTallyQueryOptions, useDiscardBurst } from './api';
import { ConsultationNote } from './consultation-note';
import { DataTable, type DataTableRow } from '../../ui/data-table';

/** recharts loads only when the results are shown. */
const ConsultationVotesChart = lazy(() => import('./charts/consultation-votes-chart').then((m) => ({ default: m.ConsultationVotesChart })));

function Section({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb={hint ? 4 : 'sm'}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      {children}
    </Paper>
  );
}

/** A count table: the first column names the row, the others are figures. */
function CountTable({ caption, head, rows }: { caption: string; head: string[]; rows: DataTableRow[] }) {
  return <DataTable caption={caption} columns={head.map((label, i) => ({ label, numeric: i > 0 }))} rows={rows} minWidth={480} />;
}

/** Suspicious bursts of web votes, each with a way to discard its votes (after confirming). */
function WebBursts({ consultationId, bursts }: { consultationId: number; bursts: VoteBurst[] }) {
  const { t } = useTranslation();
  const discard = useDiscardBurst(consultationId);
  const canWrite = useCan('writeConsultations');
  if (bursts.length === 0) return null;
  return (
    <Alert color="orange" variant="light" title={<Title order={2} size="h4">{t('consultations.results.bursts.title')}</Title>}>
      <Stack gap="xs">
        <Text size="sm">{t('consultations.results.bursts.hint')}</Text>
        <List>
          {bursts.map((b) => (
            <List.Item key={`${b.from}-${b.to}`}>
              <Group gap="sm">
                <Text size="sm">{t('consultations.results.bursts.item', { count: b.count, from: formatDateTime(b.from), to: formatTime(b.to) })}</Text>
                {canWrite && (
                  <Button
                    size="xs"
                    color="red.9"
                    loading={discard.isPending}
                    onClick={() =>
                      confirmDestructive({
                        title: t('consultations.results.bursts.confirmTitle'),
                        message: t('consultations.results.bursts.confirmMessage', { count: b.count }),
                        confirmLabel: t('consultations.results.bursts.confirm'),
                        onConfirm: () => discard.mutate(b, { onSuccess: (r) => notifications.show({ color: 'green', message: t('consultations.results.bursts.done', { count: r.discarded }) }) }),
                      })
                    }
                  >
                    {t('consultations.results.bursts.discard', { count: b.count })}
                  </Button>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
        {discard.isError && (
          <Text size="sm" c="red.9" role="alert">
            {errorMessage(discard.error)}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** Resultados: votes per topic (table and chart), per channel and value group, the proposals grouped, the questions by topic. */
export function ConsultationResultsTab({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const tally = useQuery(consultationTallyQueryOptions(consultation.id));
  if (tally.isPending) return <LoadingState label={t('consultations.results.loading')} />;
  if (tally.isError) return <ErrorState error={tally.error} onRetry={() => void tally.refetch()} />;
  const data = tally.data;
  if (data.totalResponses === 0) return <EmptyState title={t('consultations.results.empty')} />;

  const byTopic = [...data.byTopic].sort((a, b) => b.votes - a.votes);
  // «No indicado» only when some response did not say its value group (a topic-only form imported whole).
  const withUnspecified = byTopic.some((row) => row.unspecified > 0);
  const channels = data.byChannel;
  const usedChannels = consultationChannels.filter((c) => channels[c] > 0);
  const forumOf = new Map(consultation.forums.map((forum) => [forum.topicId, forum]));
  const topicTitle = new Map(consultation.topics.map((topic) => [topic.id, topic.title]));
  const questionGroups = [...consultation.topics.map((topic) => ({ key: String(topic.id), topicId: topic.id as number | null, title: topic.title })), { key: 'none', topicId: null, title: t('consultations.results.noTopicQuestions') }]
    .map((group) => ({
      ...group,
      items: data.questions.filter((q) => (group.topicId === null ? q.topicIds.length === 0 : q.topicIds.includes(group.topicId))),
    }))
    .filter((group) => group.items.length > 0);

  return (
    <Stack gap="lg">
      <ConsultationNote note={consultation.note} />
      <WebBursts consultationId={consultation.id} bursts={data.webBursts ?? []} />
      <Text fw={600} role="status">
        {t('consultations.results.total', { count: data.totalResponses, formatted: formatInteger(data.totalResponses) })}
      </Text>
      <Section id="results-by-topic" title={t('consultations.results.byTopic')}>
        <CountTable
          caption={t('consultations.results.byTopicCaption')}
          head={[
            t('consultations.results.topic'),
            t('consultations.results.votes'),
            t('consultations.results.internal'),
            t('consultations.results.external'),
            ...(withUnspecified ? [t('consultations.results.unspecified')] : []),
          ]}
          rows={byTopic.map((row) => ({
            key: row.topicId,
            cells: [row.title, formatInteger(row.votes), formatInteger(row.internal), formatInteger(row.external), ...(withUnspecified ? [formatInteger(row.unspecified)] : [])],
          }))}
        />
      </Section>
      <Suspense fallback={<LoadingState label={t('metricsCharts.loadingChart')} />}>
        <ConsultationVotesChart byTopic={data.byTopic} />
      </Suspense>
      <Section id="results-by-channel" title={t('consultations.results.byChannel')}>
        <Stack gap="md">
          <CountTable
            caption={t('consultations.results.byChannelCaption')}
            head={[t('consultations.results.channel'), t('consultations.results.responses')]}
            rows={usedChannels.map((channel) => ({ key: channel, cells: [t(`consultations.channels.${channel}`), formatInteger(channels[channel])] }))}
          />
          {usedChannels.length > 1 && (
            <CountTable
              caption={t('consultations.results.votesByChannelCaption')}
              head={[t('consultations.results.topic'), ...usedChannels.map((channel) => t(`consultations.channels.${channel}`))]}
              rows={byTopic.map((row) => ({ key: row.topicId, cells: [row.title, ...usedChannels.map((channel) => formatInteger(row.byChannel[channel] ?? 0))] }))}
            />
          )}
        </Stack>
      </Section>
      <Section id="results-by-group" title={t('consultations.results.byValueGroup')}>
        <CountTable
          caption={t('consultations.results.byValueGroupCaption')}
          head={[t('consultations.results.group'), t('consultations.results.responses')]}
          rows={[...data.byValueGroup]
            .sort((a, b) => b.responses - a.responses)
            .map((row) => ({
              key: `${row.kind}-${row.group}`,
              cells: [row.kind === 'unspecified' ? row.group || t('consultations.results.noGroupNoKind') : `${t(`consultations.kinds.${row.kind}`)} · ${row.group || t('consultations.results.noGroup')}`, formatInteger(row.responses)],
            }))}
        />
      </Section>
      <Section id="results-proposals" title={t('consultations.results.proposals')} hint={t('consultations.results.proposalsHint')}>
        {data.proposals.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('consultations.results.noProposals')}
          </Text>
        ) : (
          <List spacing={4} size="sm">
            {[...data.proposals]
              .sort((a, b) => b.count - a.count)
              .map((proposal) => (
                <List.Item key={proposal.key}>
                  <Group gap="xs" wrap="nowrap" align="baseline">
                    <span>{proposal.text}</span>
                    <Badge variant="outline" color="gray.8" tt="none" fw={600}>
                      {t('consultations.results.proposalCount', { count: proposal.count, formatted: formatInteger(proposal.count) })}
                    </Badge>
                  </Group>
                </List.Item>
              ))}
          </List>
        )}
      </Section>
      <Section id="results-questions" title={t('consultations.results.questions')} hint={t('consultations.results.questionsHint')}>
        {questionGroups.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('consultations.results.noQuestions')}
          </Text>
        ) : (
          <Stack gap="md">
            {questionGroups.map((group) => {
              const forum = group.topicId !== null ? forumOf.get(group.topicId) : undefined;
              return (
                <div key={group.key}>
                  <Title order={3} size="h5" mb={4}>
                    {group.topicId !== null ? (topicTitle.get(group.topicId) ?? group.title) : group.title} ({formatInteger(group.items.length)})
                  </Title>
                  {forum && (
                    <Anchor component={Link} to={`/foros/${forum.id}`} size="sm">
                      {t('consultations.results.forumOfTopic', { title: forum.title })}
                    </Anchor>
                  )}
                  <QuestionList items={group.items} />
                </div>
              );
            })}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}

const shownQuestions = 20;

/** The first questions of a topic, and the rest on request (a large consultation sends thousands). */
function QuestionList({ items }: { items: { responseId: number; text: string }[] }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const visible = all ? items : items.slice(0, shownQuestions);
  return (
    <>
      <List spacing={2} size="sm" mt={4}>
        {visible.map((question, i) => (
          <List.Item key={`${question.responseId}-${i}`}>{question.text}</List.Item>
        ))}
      </List>
      {items.length > shownQuestions && (
        <Button variant="subtle" size="compact-sm" mt={4} onClick={() => setAll((v) => !v)} aria-expanded={all}>
          {all ? t('consultations.results.showFewerQuestions') : t('consultations.results.showAllQuestions', { count: items.length })}
        </Button>
      )}
    </>
  );
}
