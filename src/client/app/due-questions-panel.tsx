import { Anchor, Group, List, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { QuestionPage } from '../../domain/question';
import { formatShortDate } from '../lib/format';
import { api } from '../lib/http';
import { questionKeys } from '../lib/query-keys';
import { ErrorState, LoadingState } from '../ui/states';

const overdueQuery = { due: 'overdue', pageSize: 5 } as const;
const weekQuery = { due: 'week', pageSize: 5 } as const;

/** «Preguntas por responder» on an editor's start page: the overdue and this week's questions, each linked. */
export function DueQuestionsPanel() {
  const { t } = useTranslation();
  const overdue = useQuery({ queryKey: questionKeys.list(overdueQuery), queryFn: ({ signal }) => api<QuestionPage>('/api/questions?due=overdue&pageSize=5', { signal }) });
  const week = useQuery({ queryKey: questionKeys.list(weekQuery), queryFn: ({ signal }) => api<QuestionPage>('/api/questions?due=week&pageSize=5', { signal }) });
  if (overdue.isPending || week.isPending) return <LoadingState />;
  if (overdue.isError) return <ErrorState error={overdue.error} onRetry={() => void overdue.refetch()} />;
  if (week.isError) return <ErrorState error={week.error} onRetry={() => void week.refetch()} />;
  const items = [...overdue.data.items, ...week.data.items];
  return (
    <>
      {items.length === 0 ? (
        <Text c="dimmed">{t('home.questions.empty')}</Text>
      ) : (
        <>
          <Group gap="md" mb="xs">
            <Anchor component={Link} to="/preguntas?vence=vencidas" size="sm">
              {t('home.questions.overdue', { count: overdue.data.total })}
            </Anchor>
            <Anchor component={Link} to="/preguntas?vence=semana" size="sm">
              {t('home.questions.week', { count: week.data.total })}
            </Anchor>
          </Group>
          <List spacing={4}>
            {items.map((q) => (
              <List.Item key={q.id}>
                <Anchor component={Link} to={`/preguntas/${q.id}`}>
                  {q.text.length > 90 ? `${q.text.slice(0, 90)}…` : q.text}
                </Anchor>{' '}
                <Text span size="sm" c="dimmed">
                  ({q.dueDate ? formatShortDate(q.dueDate) : ''})
                </Text>
              </List.Item>
            ))}
          </List>
        </>
      )}
      <Anchor component={Link} to="/preguntas" size="sm" mt="xs" display="inline-block">
        {t('home.questions.all')}
      </Anchor>
    </>
  );
}
