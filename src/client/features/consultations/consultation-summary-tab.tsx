import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Consultation, ConsultationTopic } from '../../../domain/consultation';
import { formatDate, formatInteger } from '../../lib/format';
import { ApiError, errorMessage } from '../../lib/http';
import { consultationTallyQueryOptions, useCreateForumFromTopic } from './api';
import { ConsultationNote } from './consultation-note';
import { ConsultationStatusBadge } from './consultation-status-badge';
import { useCanWriteConsultations } from './use-can-write-consultations';

/** The forum id a 409 ("already created") carries, whichever way the answer spells it. */
function existingForumId(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const body = error.body as { forumId?: unknown; forum?: { id?: unknown }; id?: unknown };
  const id = body.forumId ?? body.forum?.id ?? body.id;
  return typeof id === 'number' && id > 0 ? id : null;
}

/** Resumen: the consultation's data, its channels, and its topics with their votes; a topic becomes a forum from here. */
export function ConsultationSummaryTab({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const canWrite = useCanWriteConsultations();
  const navigate = useNavigate();
  const tally = useQuery(consultationTallyQueryOptions(consultation.id));
  const createForum = useCreateForumFromTopic(consultation.id);
  const votes = new Map((tally.data?.byTopic ?? []).map((row) => [row.topicId, row.votes]));
  const forumOf = new Map(consultation.forums.map((forum) => [forum.topicId, forum]));
  const topics = [...consultation.topics].sort((a, b) => (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0));

  const confirmCreate = (topic: ConsultationTopic) =>
    modals.openConfirmModal({
      title: t('consultations.summary.confirmTitle', { title: topic.title }),
      children: <Text size="sm">{t('consultations.summary.confirmText')}</Text>,
      labels: { confirm: t('consultations.summary.confirm'), cancel: t('actions.cancel') },
      closeButtonProps: { 'aria-label': t('actions.close') },
      onConfirm: () =>
        createForum.mutate(topic.id, {
          onSuccess: (forum) => {
            notifications.show({ color: 'green', message: t('consultations.summary.created', { title: topic.title }) });
            navigate(`/foros/${forum.id}`);
          },
          onError: (error) => {
            const existing = existingForumId(error);
            if (existing) {
              notifications.show({ message: t('consultations.summary.exists') });
              navigate(`/foros/${existing}`);
              return;
            }
            notifications.show({ color: 'red', title: t('consultations.summary.failed'), message: errorMessage(error), autoClose: false });
          },
        }),
    });

  return (
    <Stack gap="lg">
      <ConsultationNote note={consultation.note} />
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="consultation-data">
        <Title order={2} size="h4" id="consultation-data" mb="sm">
          {t('consultations.summary.data')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <div>
            <Text size="sm" c="dimmed">
              {t('consultations.summary.period')}
            </Text>
            <Text>{t('consultations.list.period', { from: formatDate(consultation.openDate), to: formatDate(consultation.closeDate) })}</Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('consultations.summary.status')}
            </Text>
            <ConsultationStatusBadge status={consultation.status} />
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('consultations.summary.responses')}
            </Text>
            <Text>{formatInteger(consultation.responseCount)}</Text>
          </div>
        </SimpleGrid>
        <Title order={3} size="h5" mt="md" mb="xs">
          {t('consultations.summary.channels')}
        </Title>
        {consultation.channels.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('consultations.summary.noChannels')}
          </Text>
        ) : (
          <Group gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {consultation.channels.map((channel) => (
              <li key={channel}>
                <Badge variant="outline" color="gray.8" tt="none" fw={600}>
                  {t(`consultations.channels.${channel}`)}
                </Badge>
              </li>
            ))}
          </Group>
        )}
      </Paper>

      <section aria-labelledby="consultation-topics">
        <Title order={2} size="h4" id="consultation-topics" mb="sm">
          {t('consultations.summary.topics')}
        </Title>
        {topics.length === 0 && <Text c="dimmed">{t('consultations.summary.noTopics')}</Text>}
        <Stack gap="sm">
          {topics.map((topic) => {
            const forum = forumOf.get(topic.id);
            const count = votes.get(topic.id) ?? 0;
            return (
              <Paper key={topic.id} withBorder p="md" radius="md" component="article" aria-labelledby={`topic-${topic.id}`}>
                <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
                  <Stack gap={4} maw={720}>
                    <Title order={3} size="h5" id={`topic-${topic.id}`}>
                      {topic.title}
                    </Title>
                    {topic.description && <Text size="sm">{topic.description}</Text>}
                    {topic.proposingTeam && (
                      <Text size="sm" c="dimmed">
                        {t('consultations.summary.proposedBy', { team: topic.proposingTeam })}
                      </Text>
                    )}
                    {tally.data && <Text size="sm" fw={600}>{t('consultations.summary.votes', { count, formatted: formatInteger(count) })}</Text>}
                  </Stack>
                  {forum ? (
                    <Anchor component={Link} to={`/foros/${forum.id}`} fw={600}>
                      {t('consultations.summary.openForum', { title: forum.title })}
                    </Anchor>
                  ) : (
                    canWrite && (
                      <Button variant="outline" aria-describedby={`topic-${topic.id}`} onClick={() => confirmCreate(topic)} loading={createForum.isPending && createForum.variables === topic.id}>
                        {t('consultations.summary.createForum')}
                      </Button>
                    )
                  )}
                </Group>
              </Paper>
            );
          })}
        </Stack>
      </section>
    </Stack>
  );
}
