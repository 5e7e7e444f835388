import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../domain/audit';
import { forums as forumCatalog } from '../../i18n/es/forums';
import { formatDateTime } from '../../lib/format';
import { ErrorState, LoadingState } from '../../ui/states';
import { forumHistoryQueryOptions } from './api';
import { ForumDetailSection } from './forum-detail-section';
import { WideTable } from '../../ui/wide-table';
import { usePersonName } from '../../lib/use-person-name';

type ForumField = keyof typeof forumCatalog.fields;
const isForumField = (key: string): key is ForumField => Object.hasOwn(forumCatalog.fields, key);

/** The audit trail of one forum: when, who, what they did and, for changes, which fields. */
export function ForumHistorySection({ forumId }: { forumId: number }) {
  const { t } = useTranslation();
  const personName = usePersonName();
  const history = useQuery(forumHistoryQueryOptions(forumId));

  const details = (entry: AuditEntry) => {
    if (entry.action === 'update') {
      if (entry.changes.length === 0) return t('forums.history.noChanges');
      return entry.changes.map((key) => (isForumField(key) ? t(`forums.fields.${key}`) : key)).join(', ');
    }
    return entry.changes.join(', ');
  };

  const body = () => {
    if (history.isPending) return <LoadingState label={t('forums.history.loading')} />;
    if (history.isError) return <ErrorState message={t('forums.history.error')} error={history.error} onRetry={() => void history.refetch()} />;
    if (history.data.length === 0) return <Text c="dimmed">{t('forums.history.empty')}</Text>;
    return (
      <WideTable label={t('forums.history.caption')} minWidth={560}>
        <Table verticalSpacing="xs">
          <Table.Caption style={{ textAlign: 'left', captionSide: 'top', marginTop: 0 }}>
            <Text span size="sm" c="dimmed">
              {t('forums.history.caption')}
            </Text>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('forums.history.columns.at')}</Table.Th>
              <Table.Th scope="col">{t('forums.history.columns.user')}</Table.Th>
              <Table.Th scope="col">{t('forums.history.columns.action')}</Table.Th>
              <Table.Th scope="col">{t('forums.history.columns.details')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                </Table.Td>
                <Table.Td>{personName(entry.username)}</Table.Td>
                <Table.Td>{t(`forums.history.actions.${entry.action}`)}</Table.Td>
                <Table.Td>{details(entry)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
    );
  };

  return <ForumDetailSection title={t('forums.detail.sections.history')}>{body()}</ForumDetailSection>;
}
