import { Paper, Stack, Text, Title } from '@mantine/core';
import { formatDate } from '../../lib/format';
import { RichTextView } from '../../ui/rich-text/rich-text-view';
import { FiguresTable } from './figures-table';
import { figuresGroupName, questionFigureRows, questionsSectionTexts as q, type QuestionsSectionData } from '../../../domain/report-questions';

/** The generated part of «Preguntas y respuestas»: each published question with its answer, then the timeliness figures. */
export function SectionQuestions({ data }: { data: QuestionsSectionData }) {
  if (data.figures.length === 0) return <Text c="dimmed">{q.noQuestions}</Text>;
  return (
    <Stack gap="md">
      <Title order={2} size="h4">
        {q.questionsTitle}
      </Title>
      {data.items.length === 0 && <Text c="dimmed">{q.noPublished}</Text>}
      {data.items.map((item) => (
        <Paper key={item.id} withBorder p="sm" component="article" aria-label={item.question}>
          <Text fw={600}>{item.question}</Text>
          {item.answer ? <RichTextView doc={item.answer} /> : <Text c="dimmed">{q.noAnswer}</Text>}
          <Text size="sm" c="dimmed">
            {item.forumTitle}. {q.meta(item, formatDate)}
          </Text>
        </Paper>
      ))}
      <Title order={2} size="h4">
        {q.figuresTitle}
      </Title>
      {data.figures.map((figures) => (
        <FiguresTable key={figures.forumId ?? 'total'} caption={figuresGroupName(figures)} header={q.figuresHeader} rows={questionFigureRows(figures)} />
      ))}
    </Stack>
  );
}
