import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { passwordResetSchema, type User } from '../../../domain/user';
import { passwordProblem } from '../../../domain/password-policy';
import { errorMessage } from '../../lib/http';
import { applyServerErrors } from './apply-server-errors';
import { useResetUserPassword } from './api';
import { NewPasswordField } from '../../ui/new-password-field';

/** A new password for an account (typed or generated); the old one and its sessions stop working. */
export function UserPasswordResetModal({ user, isSelf, onClose }: { user: User | null; isSelf: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? t('users.password.title', { username: user.username }) : ''}>
      {user && <UserPasswordResetForm key={user.id} user={user} isSelf={isSelf} onDone={onClose} />}
    </Modal>
  );
}

function UserPasswordResetForm({ user, isSelf, onDone }: { user: User; isSelf: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const reset = useResetUserPassword();
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm({ resolver: zodResolver(passwordResetSchema), defaultValues: { password: '' } });

  const onSubmit = form.handleSubmit(async ({ password }) => {
    setFormError(null);
    const weak = await passwordProblem(password, [user.username, user.displayName]);
    if (weak) {
      form.setError('password', { message: weak }, { shouldFocus: true });
      return;
    }
    try {
      await reset.mutateAsync({ id: user.id, password, self: isSelf });
      notifications.show({
        color: 'teal.9',
        title: t('users.password.success', { username: user.username }),
        message: t('users.password.successMessage', { name: user.displayName }),
        autoClose: 10_000,
      });
      onDone();
    } catch (error) {
      if (!applyServerErrors(error, ['password'], form.setError)) setFormError(error);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {formError != null && (
          <Alert color="red.9" variant="outline" role="alert" title={t('users.failed')}>
            {errorMessage(formError)}
          </Alert>
        )}
        <Text>{t('users.password.intro', { name: user.displayName })}</Text>
        {isSelf && <Text fw={600}>{t('users.password.selfWarning')}</Text>}
        <Controller
          control={form.control}
          name="password"
          render={({ field, fieldState }) => (
            <NewPasswordField
              inputRef={field.ref}
              name={field.name}
              label={t('users.fields.newPassword')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
              autoFocus
            />
          )}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={reset.isPending}>
            {t('users.password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
