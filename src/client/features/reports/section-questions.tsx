import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { formatDate } from '../../lib/format';
import { RichTextView } from '../../ui/rich-text/rich-text-view';
import { figuresGroupName, questionFigureRows, questionsSectionTexts as q, type QuestionsSectionData } from '../../../domain/report-questions';

/** The generated part of «Preguntas y respuestas»: each published question with its answer, then the timeliness figures. */
export function SectionQuestions({ data }: { data: QuestionsSectionData }) {
  if (data.figures.length === 0) return <Text c="dimmed">{q.noQuestions}</Text>;
  return (
    <Stack gap="md">
      <Title order={3} size="h4">
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
      <Title order={3} size="h4">
        {q.figuresTitle}
      </Title>
      {data.figures.map((figures) => (
        <Table key={figures.forumId ?? 'total'} withTableBorder striped captionSide="top" fz="sm">
          <Table.Caption style={{ textAlign: 'left', fontWeight: 600 }}>{figuresGroupName(figures)}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{q.figuresHeader[0]}</Table.Th>
              <Table.Th scope="col" ta="right">
                {q.figuresHeader[1]}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {questionFigureRows(figures).map((row) => (
              <Table.Tr key={row.label}>
                <Table.Th scope="row" fw={400}>
                  {row.label}
                </Table.Th>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {row.value}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ))}
    </Stack>
  );
}
