import { Anchor, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ForumSummary } from '../../../domain/forum';
import { formatDate, formatInteger } from '../../lib/format';
import { ForumListStatusBadge } from './forum-list-status-badge';

/** One page of forums. `busy` while the next page or filter is loading (the previous rows stay visible). */
export function ForumListTable({ items, busy }: { items: ForumSummary[]; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="sm" aria-busy={busy} style={{ opacity: busy ? 0.6 : 1, transition: 'opacity 120ms' }}>
        <VisuallyHidden component="caption">{t('forums.list.caption')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('forums.list.columns.title')}</Table.Th>
            <Table.Th scope="col">{t('forums.list.columns.theme')}</Table.Th>
            <Table.Th scope="col">{t('forums.list.columns.date')}</Table.Th>
            <Table.Th scope="col">{t('forums.list.columns.platform')}</Table.Th>
            <Table.Th scope="col">{t('forums.list.columns.status')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('forums.list.columns.questions')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((forum) => (
            <Table.Tr key={forum.id}>
              <Table.Td>
                <Anchor component={Link} to={`/foros/${forum.id}`} fw={600}>
                  {forum.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{forum.theme}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {forum.date ? (
                  formatDate(forum.date)
                ) : (
                  <Text span c="dimmed" size="sm">
                    {t('forums.list.noDate')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{t(`forums.platforms.${forum.platform}`)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <ForumListStatusBadge status={forum.status} />
              </Table.Td>
              <Table.Td ta="right">{formatInteger(forum.questionCount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
