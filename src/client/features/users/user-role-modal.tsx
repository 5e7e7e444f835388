import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { assignableRoles, type Role, type User } from '../../../domain/user';
import { useCurrentUser } from '../../app/use-current-user';
import { errorMessage } from '../../lib/http';
import { useUpdateUser } from './api';

/** Change of role, with a sentence that says what will happen before it is confirmed. */
export function UserRoleModal({ user, isSelf, onClose }: { user: User | null; isSelf: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? t('users.role.title', { username: user.username }) : ''}>
      {user && <UserRoleForm key={user.id} user={user} isSelf={isSelf} onDone={onClose} />}
    </Modal>
  );
}

function UserRoleForm({ user, isSelf, onDone }: { user: User; isSelf: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const me = useCurrentUser();
  const [role, setRole] = useState<Role>(user.role);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const changed = role !== user.role;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!changed) {
      setFieldError(t('users.role.sameRole', { role: t(`roles.${user.role}`) }));
      return;
    }
    try {
      await update.mutateAsync({ id: user.id, input: { role }, self: isSelf });
      notifications.show({ color: 'teal.9', message: t('users.role.success', { username: user.username, role: t(`roles.${role}`) }) });
      onDone();
    } catch {
      // Shown in the alert below (e.g. the last active administrator).
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {update.error && (
          <Alert color="red.9" variant="outline" role="alert" title={t('users.failed')}>
            {errorMessage(update.error)}
          </Alert>
        )}
        <Select
          label={t('users.role.newRole')}
          data={assignableRoles(me?.role).map((value) => ({ value, label: t(`roles.${value}`) }))}
          value={role}
          onChange={(value) => {
            if (value) setRole(value as Role);
            setFieldError(undefined);
            update.reset();
          }}
          allowDeselect={false}
          required
          data-autofocus
          error={fieldError}
        />
        {changed && (
          <Text aria-live="polite">
            {t('users.role.confirmText', { username: user.username, from: t(`roles.${user.role}`), to: t(`roles.${role}`) })}
          </Text>
        )}
        {changed && isSelf && <Text fw={600}>{t('users.role.selfWarning')}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('users.role.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
