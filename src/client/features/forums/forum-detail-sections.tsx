import { Anchor, Badge, Group, List, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Forum } from '../../../domain/forum';
import { formatDate, formatMinutes } from '../../lib/format';
import { ForumDetailFields, ForumDetailNone, ForumDetailSection } from './forum-detail-section';
import { actionPhaseOptions, valueGroupKindOptions } from './forum-list-options';
import { ForumListStatusBadge } from './forum-list-status-badge';
import { WideTable } from '../../ui/wide-table';

const isWebLink = (url: string) => /^https?:\/\//i.test(url);

function TextList({ items, ordered = false }: { items: string[]; ordered?: boolean }) {
  if (items.length === 0) return <ForumDetailNone />;
  return (
    <List type={ordered ? 'ordered' : 'unordered'} spacing="xs">
      {items.map((item, index) => (
        <List.Item key={index}>{item}</List.Item>
      ))}
    </List>
  );
}

/** Every field of a forum, grouped in titled sections. */
export function ForumDetailSections({ forum }: { forum: Forum }) {
  const { t } = useTranslation();
  const none = <ForumDetailNone />;
  const or = (value: string | null | undefined) => (value ? value : none);

  const date = formatDate(forum.date);
  const dateTime = date && forum.time ? t('forums.detail.atTime', { date, time: forum.time }) : date || forum.time;

  return (
    <Stack gap="lg">
      <ForumDetailSection title={t('forums.detail.sections.general')}>
        <ForumDetailFields
          items={[
            { term: t('forums.fields.theme'), value: or(forum.theme) },
            { term: t('forums.fields.year'), value: String(forum.year) },
            { term: t('forums.detail.dateTime'), value: or(dateTime) },
            { term: t('forums.fields.durationMinutes'), value: or(formatMinutes(forum.durationMinutes)) },
            { term: t('forums.fields.platform'), value: t(`forums.platforms.${forum.platform}`) },
            {
              term: t('forums.fields.streamUrl'),
              value: isWebLink(forum.streamUrl) ? (
                <Anchor href={forum.streamUrl} target="_blank" rel="noopener noreferrer" style={{ wordBreak: 'break-all' }}>
                  {forum.streamUrl}
                  <VisuallyHidden> {t('forums.detail.opensInNewTab')}</VisuallyHidden>
                </Anchor>
              ) : (
                or(forum.streamUrl)
              ),
            },
            { term: t('forums.fields.status'), value: <ForumListStatusBadge status={forum.status} /> },
            { term: t('forums.fields.place'), value: or(forum.place) },
          ]}
        />
      </ForumDetailSection>

      <ForumDetailSection title={t('forums.detail.sections.objective')}>
        {forum.objective ? <Text style={{ whiteSpace: 'pre-line' }}>{forum.objective}</Text> : none}
      </ForumDetailSection>

      <ForumDetailSection title={t('forums.detail.sections.responsibleTeams')}>
        <TextList items={forum.responsibleTeams} />
      </ForumDetailSection>

      <ForumDetailSection title={t('forums.detail.sections.alliedEntities')}>
        <TextList items={forum.alliedEntities} />
      </ForumDetailSection>

      <ForumDetailSection title={t('forums.detail.sections.valueGroups')}>
        {forum.valueGroups.length === 0
          ? none
          : valueGroupKindOptions.map((kind) => (
              <div key={kind}>
                <Title order={3} size="h5" mb={4}>
                  {t(`forums.valueGroupKinds.${kind}`)}
                </Title>
                <TextList items={forum.valueGroups.filter((group) => group.kind === kind).map((group) => group.name)} />
              </div>
            ))}
      </ForumDetailSection>

      <ForumDetailSection title={t('forums.detail.sections.people')}>
        <ForumDetailFields items={[{ term: t('forums.detail.moderator'), value: or(forum.moderator) }]} />
        <Title order={3} size="h5">
          {t('forums.detail.experts')}
        </Title>
        {forum.experts.length === 0 ? (
          none
        ) : (
          <WideTable label={t('forums.detail.experts')} minWidth={520}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('forums.detail.expert.name')}</Table.Th>
                  <Table.Th scope="col">{t('forums.detail.expert.role')}</Table.Th>
                  <Table.Th scope="col">{t('forums.detail.expert.organization')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {forum.experts.map((expert, index) => (
                  <Table.Tr key={index}>
                    <Table.Td>{expert.name}</Table.Td>
                    <Table.Td>{or(expert.role)}</Table.Td>
                    <Table.Td>{or(expert.organization)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        )}
      </ForumDetailSection>

      <ForumDetailSection title={t('forums.detail.sections.guidingQuestions')}>
        <TextList items={forum.guidingQuestions} ordered />
      </ForumDetailSection>

      <ForumDetailSection title={t('forums.detail.sections.actions')}>
        {actionPhaseOptions.map((phase) => {
          const actions = forum.actions.filter((action) => action.phase === phase);
          return (
            <div key={phase}>
              <Title order={3} size="h5" mb={4}>
                {t('forums.detail.actionsPhase', { phase: t(`forums.detail.phaseTitles.${phase}`) })}
              </Title>
              {actions.length === 0 ? (
                none
              ) : (
                <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                  {actions.map((action, index) => (
                    <Group component="li" key={index} gap="sm" wrap="nowrap" align="flex-start">
                      <Badge variant="outline" color={action.done ? 'teal.9' : 'gray.7'} tt="none" miw={90} style={{ flexShrink: 0 }}>
                        {action.done ? `✓ ${t('forums.detail.done')}` : t('forums.detail.pending')}
                      </Badge>
                      <Text>{action.text}</Text>
                    </Group>
                  ))}
                </Stack>
              )}
            </div>
          );
        })}
      </ForumDetailSection>

      <ForumDetailSection title={t('forums.detail.sections.questions')}>
        {forum.questions.length === 0 ? (
          none
        ) : (
          <Stack component="ol" gap="md" p={0} m={0} style={{ listStyle: 'none' }}>
            {forum.questions.map((question, index) => (
              <li key={index}>
                <Text fw={700} mb={4}>
                  <VisuallyHidden>{t('forums.detail.question.number', { n: index + 1 })}: </VisuallyHidden>
                  {question.text}
                </Text>
                <ForumDetailFields
                  items={[
                    { term: t('forums.detail.question.channel'), value: t(`forums.channels.${question.channel}`) },
                    { term: t('forums.detail.question.answered'), value: question.answered ? t('yes') : t('no') },
                    { term: t('forums.detail.question.answeredBy'), value: or(question.answeredBy) },
                    { term: t('forums.detail.question.answerSummary'), value: or(question.answerSummary) },
                  ]}
                />
              </li>
            ))}
          </Stack>
        )}
      </ForumDetailSection>
    </Stack>
  );
}
