import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
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
  // Two fields only: plain state keeps react-hook-form out of the first screen's bundle.
  const [values, setValues] = useState<LoginInput>({ username: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof LoginInput, string>>>({});
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const next = safeNext(params.get('next'));

  if (session.data) return <Navigate to={next} replace />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (values.username.trim() === '') found.username = t('session.required');
    if (values.password === '') found.password = t('session.required');
    setErrors(found);
    if (found.username) return usernameRef.current?.focus();
    if (found.password) return passwordRef.current?.focus();
    try {
      await login.mutateAsync({ username: values.username.trim(), password: values.password });
      navigate(next, { replace: true });
    } catch {
      passwordRef.current?.focus();
    }
  };

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
              ref={usernameRef}
              value={values.username}
              onChange={(e) => {
                const username = e.currentTarget.value;
                setValues((v) => ({ ...v, username }));
              }}
              error={errors.username}
            />
            <PasswordInput
              label={t('session.password')}
              autoComplete="current-password"
              required
              ref={passwordRef}
              value={values.password}
              onChange={(e) => {
                const password = e.currentTarget.value;
                setValues((v) => ({ ...v, password }));
              }}
              error={errors.password}
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
