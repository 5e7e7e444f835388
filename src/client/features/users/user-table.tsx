import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../domain/user';
import { formatDate } from '../../lib/format';
import { WideTable } from '../../ui/wide-table';
import { useCurrentUser } from '../../app/use-current-user';

export type UserAction = 'role' | 'active' | 'password';

/** The accounts, one row each, with the actions an administrator can take on them. */
export function UserTable({ users, currentUserId, onAction }: { users: User[]; currentUserId: number | undefined; onAction: (action: UserAction, user: User) => void }) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  return (
    <WideTable label={t('users.tableLabel')} minWidth={760}>
      <Table aria-label={t('users.tableLabel')} striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('users.columns.username')}</Table.Th>
            <Table.Th scope="col">{t('users.columns.displayName')}</Table.Th>
            <Table.Th scope="col">{t('users.columns.role')}</Table.Th>
            <Table.Th scope="col">{t('users.columns.status')}</Table.Th>
            <Table.Th scope="col">{t('users.columns.createdAt')}</Table.Th>
            <Table.Th scope="col">{t('users.columns.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <UserRow key={user.id} user={user} isSelf={user.id === currentUserId} onAction={onAction} locked={user.role === 'sysadmin' && me?.role !== 'sysadmin'} />
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

/** `locked`: a sysadmin's account seen by an organisation's admin, who may not change it (the server says 403). */
function UserRow({ user, isSelf, onAction, locked }: { user: User; isSelf: boolean; onAction: (action: UserAction, user: User) => void; locked: boolean }) {
  const { t } = useTranslation();
  const vars = { username: user.username };
  return (
    <Table.Tr data-username={user.username}>
      <Table.Th scope="row" fw={600}>
        <Text span inherit>
          {user.username}
        </Text>
        {isSelf && (
          <Text span inherit fw={400}>
            {' '}
            {t('users.you')}
          </Text>
        )}
      </Table.Th>
      <Table.Td>{user.displayName}</Table.Td>
      <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
      <Table.Td>
        {user.active ? (
          <Badge variant="outline" color="teal.9">
            {t('users.status.active')}
          </Badge>
        ) : (
          <Badge variant="filled" color="gray.7">
            {t('users.status.inactive')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{formatDate(user.createdAt.slice(0, 10))}</Table.Td>
      <Table.Td>
        {locked ? (
          <Text size="sm" c="dimmed">
            {t('users.sysadminLocked')}
          </Text>
        ) : (
          <Group gap="xs" wrap="nowrap">
            <Button size="compact-sm" variant="default" aria-label={t('users.role.actionLabel', vars)} onClick={() => onAction('role', user)}>
              {t('users.role.action')}
            </Button>
            <Button size="compact-sm" variant="default" aria-label={t('users.password.actionLabel', vars)} onClick={() => onAction('password', user)}>
              {t('users.password.action')}
            </Button>
            {user.active ? (
              <Button size="compact-sm" variant="outline" color="red.9" aria-label={t('users.active.deactivateLabel', vars)} onClick={() => onAction('active', user)}>
                {t('users.active.deactivate')}
              </Button>
            ) : (
              <Button size="compact-sm" variant="outline" aria-label={t('users.active.reactivateLabel', vars)} onClick={() => onAction('active', user)}>
                {t('users.active.reactivate')}
              </Button>
            )}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
