import { Anchor, Box, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ForumSummary } from '../../../domain/forum';
import { formatDate, formatInteger } from '../../lib/format';
import { ForumListStatusBadge } from './forum-list-status-badge';
import { WideTable } from '../../ui/wide-table';

/** One page of forums. On a phone: title with its status, and date (theme, platform and questions are on the forum's page). `busy` while the next page or filter is loading (the previous rows stay visible). */
export function ForumListTable({ items, busy }: { items: ForumSummary[]; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <WideTable label={t('forums.list.caption')} minWidth={760} narrowMinWidth={0}>
      <Table striped verticalSpacing="sm" aria-busy={busy} style={{ opacity: busy ? 0.6 : 1, transition: 'opacity 120ms' }}>
        <VisuallyHidden component="caption">{t('forums.list.caption')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('forums.list.columns.title')}</Table.Th>
            <Table.Th scope="col" visibleFrom="sm">
              {t('forums.list.columns.theme')}
            </Table.Th>
            <Table.Th scope="col">{t('forums.list.columns.date')}</Table.Th>
            <Table.Th scope="col" visibleFrom="sm">
              {t('forums.list.columns.platform')}
            </Table.Th>
            <Table.Th scope="col" visibleFrom="sm">
              {t('forums.list.columns.status')}
            </Table.Th>
            <Table.Th scope="col" ta="right" visibleFrom="sm">
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
                <Box hiddenFrom="sm" mt={4}>
                  <ForumListStatusBadge status={forum.status} />
                </Box>
              </Table.Td>
              <Table.Td visibleFrom="sm">{forum.theme}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {forum.date ? (
                  formatDate(forum.date)
                ) : (
                  <Text span c="dimmed" size="sm">
                    {t('forums.list.noDate')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td visibleFrom="sm">{t(`forums.platforms.${forum.platform}`)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }} visibleFrom="sm">
                <ForumListStatusBadge status={forum.status} />
              </Table.Td>
              <Table.Td ta="right" visibleFrom="sm">
                {formatInteger(forum.questionCount)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
