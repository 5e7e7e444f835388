import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import type { SessionUser } from '../../../domain/roles';
import { firstScreenTexts as texts } from '../../i18n/first-screen';
import { errorMessage } from '../../lib/http';
import { logIn, type LoginInput } from './session-requests';

export interface LoginPageProps {
  /** The session ended before (?expired=1): say so. */
  expired: boolean;
  /** Why the session ended, when the server said so (the organisation was deactivated). */
  notice?: string | null;
  /** Runs as the form is sent (the first screen starts loading the app then). */
  onSubmit?: () => void;
  /** The person is logged in; the page shows «Ingresando…» until this settles. */
  onLoggedIn: (user: SessionUser) => Promise<void> | void;
}

/**
 * The login form. It is the first screen: it needs neither the router, React Query nor i18next (main.tsx shows it
 * before the app loads; the app's /login route wraps it in login-route.tsx). Two fields only: plain state keeps
 * react-hook-form out of the first screen's bundle.
 */
export function LoginPage({ expired, notice, onSubmit: started, onLoggedIn }: LoginPageProps) {
  const t = texts.session;
  const [values, setValues] = useState<LoginInput>({ username: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof LoginInput, string>>>({});
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (values.username.trim() === '') found.username = t.required;
    if (values.password === '') found.password = t.required;
    setErrors(found);
    if (found.username) return usernameRef.current?.focus();
    if (found.password) return passwordRef.current?.focus();
    started?.();
    setPending(true);
    setFailure(null);
    try {
      const user = await logIn({ username: values.username.trim(), password: values.password });
      await onLoggedIn(user);
    } catch (error) {
      setFailure(error);
      setPending(false);
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
                {texts.appName} · {texts.appTagline}
              </Text>
              <Title order={1} size="h2">
                {t.title}
              </Title>
              <Text c="dimmed" size="sm">
                {t.intro}
              </Text>
            </div>
            {notice && !failure && (
              <Alert color="yellow" role="alert">
                {notice}
              </Alert>
            )}
            {expired && !notice && !failure && <Alert color="yellow">{t.expired}</Alert>}
            {failure != null && (
              <Alert color="red" role="alert" title={errorMessage(failure)}>
                {null}
              </Alert>
            )}
            <TextInput
              label={t.username}
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
              label={t.password}
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
            <Button type="submit" loading={pending}>
              {t.submit}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
