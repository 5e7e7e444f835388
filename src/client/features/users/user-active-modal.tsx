import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../domain/user';
import { errorMessage } from '../../lib/http';
import { useUpdateUser } from './api';

/** Confirmation before deactivating (or reactivating) an account. */
export function UserActiveModal({ user, isSelf, onClose }: { user: User | null; isSelf: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const title = user ? t(user.active ? 'users.active.deactivateTitle' : 'users.active.reactivateTitle', { username: user.username }) : '';
  return (
    <Modal opened={user !== null} onClose={onClose} title={title}>
      {user && <UserActiveConfirm key={user.id} user={user} isSelf={isSelf} onDone={onClose} />}
    </Modal>
  );
}

function UserActiveConfirm({ user, isSelf, onDone }: { user: User; isSelf: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const deactivating = user.active;

  const confirm = async () => {
    try {
      await update.mutateAsync({ id: user.id, input: { active: !deactivating }, self: isSelf });
      notifications.show({ color: 'teal.9', message: t(deactivating ? 'users.active.deactivated' : 'users.active.reactivated', { username: user.username }) });
      onDone();
    } catch {
      // Shown in the alert below (e.g. the last active administrator).
    }
  };

  return (
    <Stack>
      {update.error && (
        <Alert color="red.9" variant="outline" role="alert" title={t('users.failed')}>
          {errorMessage(update.error)}
        </Alert>
      )}
      <Text>{t(deactivating ? 'users.active.deactivateText' : 'users.active.reactivateText', { name: user.displayName })}</Text>
      {deactivating && isSelf && <Text fw={600}>{t('users.active.selfWarning')}</Text>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone} data-autofocus>
          {t('actions.cancel')}
        </Button>
        <Button color={deactivating ? 'red.9' : undefined} loading={update.isPending} onClick={confirm}>
          {deactivating ? t('users.active.deactivate') : t('users.active.reactivate')}
        </Button>
      </Group>
    </Stack>
  );
}
