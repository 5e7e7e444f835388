import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { assignableRoles, userCreateSchema, type Role, type UserCreateInput } from '../../../domain/user';
import { useCurrentUser } from '../../app/use-current-user';
import { passwordProblem } from '../../../domain/password-policy';
import { errorMessage } from '../../lib/http';
import { applyServerErrors } from './apply-server-errors';
import { useCreateUser } from './api';
import { NewPasswordField } from '../../ui/new-password-field';

const fields = ['username', 'displayName', 'role', 'password'] as const;

export function UserCreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.create.title')} size="lg">
      <UserCreateForm onDone={onClose} />
    </Modal>
  );
}

/** Mounted only while the modal is open, so each opening starts from an empty form. */
function UserCreateForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const me = useCurrentUser();
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm({
    resolver: zodResolver(userCreateSchema),
    defaultValues: { username: '', displayName: '', role: 'editor', password: '' } satisfies UserCreateInput,
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    // The same policy as the server, with the same Spanish reason, at the field before anything is sent.
    const weak = await passwordProblem(values.password, [values.username, values.displayName]);
    if (weak) {
      form.setError('password', { message: weak }, { shouldFocus: true });
      return;
    }
    try {
      const user = await create.mutateAsync(values);
      notifications.show({
        color: 'teal.9',
        title: t('users.create.success', { username: user.username }),
        message: t('users.create.successMessage', { name: user.displayName }),
        autoClose: 10_000,
      });
      onDone();
    } catch (error) {
      if (!applyServerErrors(error, fields, form.setError)) setFormError(error);
    }
  });

  // Only a sysadmin is offered the sysadmin role (the server refuses it to anyone else).
  const roleOptions = assignableRoles(me?.role).map((role) => ({ value: role, label: t(`roles.${role}`) }));

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {formError != null && (
          <Alert color="red.9" variant="outline" role="alert" title={t('users.failed')}>
            {errorMessage(formError)}
          </Alert>
        )}
        <TextInput
          label={t('users.fields.username')}
          description={t('users.fields.usernameHint')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          data-autofocus
          {...form.register('username')}
          error={errors.username?.message}
        />
        <TextInput label={t('users.fields.displayName')} autoComplete="off" required {...form.register('displayName')} error={errors.displayName?.message} />
        <Controller
          control={form.control}
          name="role"
          render={({ field, fieldState }) => (
            <Select
              ref={field.ref}
              name={field.name}
              label={t('users.fields.role')}
              data={roleOptions}
              value={field.value}
              onChange={(value) => field.onChange((value ?? '') as Role)}
              onBlur={field.onBlur}
              allowDeselect={false}
              required
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="password"
          render={({ field, fieldState }) => (
            <NewPasswordField
              inputRef={field.ref}
              name={field.name}
              label={t('users.fields.password')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
            />
          )}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('users.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
