import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../lib/http';
import { sessionQueryOptions, useLogin, type LoginInput } from './api';

/** Only same-app paths are followed after login (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/foros';
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const session = useQuery(sessionQueryOptions());
  const form = useForm<LoginInput>({ defaultValues: { username: '', password: '' } });
  const next = safeNext(params.get('next'));

  if (session.data) return <Navigate to={next} replace />;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await login.mutateAsync(values);
      navigate(next, { replace: true });
    } catch {
      form.setFocus('password');
    }
  });

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" p="xl" radius="md" w={400} maw="100%">
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <div>
              <Text c="blue.8" fw={700} size="sm">
                {t('appName')} · {t('appTagline')}
              </Text>
              <Title order={1} size="h2">
                {t('session.title')}
              </Title>
              <Text c="dimmed" size="sm">
                {t('session.intro')}
              </Text>
            </div>
            {params.get('expired') && !login.error && <Alert color="yellow">{t('session.expired')}</Alert>}
            {login.error && (
              <Alert color="red" role="alert" title={errorMessage(login.error)}>
                {null}
              </Alert>
            )}
            <TextInput
              label={t('session.username')}
              autoComplete="username"
              autoFocus
              required
              {...form.register('username', { validate: (v) => v.trim() !== '' || t('session.required') })}
              error={form.formState.errors.username?.message}
            />
            <PasswordInput
              label={t('session.password')}
              autoComplete="current-password"
              required
              {...form.register('password', { validate: (v) => v !== '' || t('session.required') })}
              error={form.formState.errors.password?.message}
            />
            <Button type="submit" loading={login.isPending}>
              {t('session.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
