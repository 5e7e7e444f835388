import { Button } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../domain/user';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useCurrentUser } from '../../app/use-current-user';
import { userListQueryOptions } from './api';
import { UserActiveModal } from './user-active-modal';
import { UserCreateModal } from './user-create-modal';
import { UserPasswordResetModal } from './user-password-reset-modal';
import { UserRoleModal } from './user-role-modal';
import { UserTable, type UserAction } from './user-table';

/** /cuentas: the administrator creates accounts, changes roles, deactivates and resets passwords. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const list = useQuery(userListQueryOptions());
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<{ action: UserAction; user: User } | null>(null);

  const target = (action: UserAction) => (pending?.action === action ? pending.user : null);
  const isSelf = pending?.user.id === me?.id;
  const close = () => setPending(null);
  const createButton = <Button onClick={() => setCreating(true)}>{t('users.create.open')}</Button>;

  return (
    <>
      <PageHeader title={t('users.title')} subtitle={t('users.subtitle')} actions={createButton} />
      {list.isPending ? (
        <LoadingState label={t('users.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState title={t('users.empty.title')}>{t('users.empty.hint')}</EmptyState>
      ) : (
        <UserTable users={list.data} currentUserId={me?.id} onAction={(action, user) => setPending({ action, user })} />
      )}
      <UserCreateModal opened={creating} onClose={() => setCreating(false)} />
      <UserRoleModal user={target('role')} isSelf={isSelf} onClose={close} />
      <UserActiveModal user={target('active')} isSelf={isSelf} onClose={close} />
      <UserPasswordResetModal user={target('password')} isSelf={isSelf} onClose={close} />
    </>
  );
}
