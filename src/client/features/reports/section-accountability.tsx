import { List, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  commitmentFigureRows,
  commitmentsSectionTexts as c,
  commitmentTables,
  evaluationFigureRows,
  evaluationSectionTexts as e,
  evaluationTallyRows,
  type CommitmentsSectionData,
  type EvaluationSectionData,
} from '../../../domain/report-accountability';
import { WideTable } from '../../ui/wide-table';
import { FiguresTable } from './figures-table';

/** The generated parts of «Compromisos», «Seguimiento a compromisos» and «Evaluación de los foros» (the same rows as Word and print). */

function GridTable({ caption, header, rows, numeric, minWidth }: { caption: string; header: readonly string[]; rows: string[][]; numeric: boolean[]; minWidth: number }) {
  return (
    <WideTable label={caption} minWidth={minWidth}>
      <Table withTableBorder striped captionSide="top" fz="sm">
        <Table.Caption style={{ textAlign: 'left', fontWeight: 600 }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {header.map((h, i) => (
              <Table.Th key={i} scope="col" ta={numeric[i] ? 'right' : undefined}>
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, r) => (
            <Table.Tr key={r}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <Table.Th key={i} scope="row" fw={400}>
                    {cell}
                  </Table.Th>
                ) : (
                  <Table.Td key={i} ta={numeric[i] ? 'right' : undefined} style={numeric[i] ? { fontVariantNumeric: 'tabular-nums' } : undefined}>
                    {cell}
                  </Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

/** A generated part under its own h2 (the section page's h1 is the section's title), as the statistics are. */
function Generated({ id, title, hint, children }: { id: string; title: string; hint: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {hint}
      </Text>
      {children}
    </section>
  );
}

export function SectionCommitments({ data, followUp = false }: { data: CommitmentsSectionData; followUp?: boolean }) {
  const { t } = useTranslation();
  return (
    <Generated id="commitments-title" title={t(followUp ? 'reports.accountability.followUpTitle' : 'reports.accountability.commitmentsTitle')} hint={t('reports.accountability.commitmentsHint')}>
      <CommitmentsBody data={data} followUp={followUp} />
    </Generated>
  );
}

function CommitmentsBody({ data, followUp }: { data: CommitmentsSectionData; followUp: boolean }) {
  if (data.items.length === 0) return <Text c="dimmed">{followUp ? c.noneOpen(data.year) : c.none(data.year)}</Text>;
  return (
    <Stack gap="md">
      <FiguresTable caption={followUp ? c.followUpFiguresTitle(data.year) : c.figuresTitle(data.year)} header={c.figuresHeader} rows={commitmentFigureRows(data.figures, { openOnly: followUp })} />
      {commitmentTables(data.items).map((group) => (
        <GridTable key={group.forumTitle} caption={c.forumCaption(group.forumTitle)} header={c.header} rows={group.rows} numeric={[false, false, false, false, true]} minWidth={640} />
      ))}
    </Stack>
  );
}

export function SectionEvaluation({ data }: { data: EvaluationSectionData }) {
  const { t } = useTranslation();
  return (
    <Generated id="evaluation-title" title={t('reports.accountability.evaluationTitle')} hint={t('reports.accountability.evaluationHint')}>
      <EvaluationBody data={data} />
    </Generated>
  );
}

function EvaluationBody({ data }: { data: EvaluationSectionData }) {
  if (data.forums.length === 0) return <Text c="dimmed">{e.none}</Text>;
  return (
    <Stack gap="lg">
      {data.forums.map((forum) => (
        <Stack key={forum.forumId} gap="sm">
          <Title order={3} size="h4">
            {forum.forumTitle}
          </Title>
          {forum.responses === 0 ? (
            <Text c="dimmed">{e.noResponses}</Text>
          ) : (
            <>
              <FiguresTable caption={e.figuresCaption(forum.forumTitle)} header={e.figuresHeader} rows={evaluationFigureRows(forum)} />
              <GridTable caption={e.tallyCaption(forum.forumTitle)} header={e.tallyHeader} rows={evaluationTallyRows(forum)} numeric={[false, true, true, true, true, true, true, true]} minWidth={720} />
              <Text size="sm" c="dimmed">
                {e.scale}
              </Text>
              {forum.comments.length > 0 && (
                <>
                  <Text fw={600}>{e.commentsTitle}</Text>
                  <List spacing="xs">
                    {forum.comments.map((comment, i) => (
                      <List.Item key={i}>«{comment}»</List.Item>
                    ))}
                  </List>
                </>
              )}
            </>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
