import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseInput } from '../../../domain/consultation';
import { formatShortDate } from '../../lib/format';

/** The column headers of a response row (the responses tab, the import preview). */
export function ResponseColumnHeads() {
  const { t } = useTranslation();
  return (
    <>
      <Table.Th scope="col">{t('consultations.responses.columns.date')}</Table.Th>
      <Table.Th scope="col">{t('consultations.responses.columns.group')}</Table.Th>
      <Table.Th scope="col">{t('consultations.responses.columns.topics')}</Table.Th>
      <Table.Th scope="col">{t('consultations.responses.columns.proposal')}</Table.Th>
      <Table.Th scope="col">{t('consultations.responses.columns.questions')}</Table.Th>
      <Table.Th scope="col">{t('consultations.responses.columns.channel')}</Table.Th>
    </>
  );
}

/** A response's cells: date (and `late`, when it came late), value group, topics by title, proposal, questions, channel. */
export function ResponseCells({ response, topicTitle, late }: { response: ResponseInput; topicTitle: Map<number, string>; late: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {formatShortDate(response.date)}
        {response.late ? late : null}
      </Table.Td>
      <Table.Td>
        {t(`consultations.kinds.${response.valueGroupKind}`)}
        {response.valueGroup ? ` · ${response.valueGroup}` : ''}
      </Table.Td>
      <Table.Td>{response.topicIds.map((id) => topicTitle.get(id) ?? `#${id}`).join('; ')}</Table.Td>
      <Table.Td>{response.proposedTopic}</Table.Td>
      <Table.Td>{response.questions.join(' · ')}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`consultations.channels.${response.channel}`)}</Table.Td>
    </>
  );
}
