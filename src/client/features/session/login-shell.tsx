import { MantineProvider } from '@mantine/core';
import { useState } from 'react';
import { cspNonce } from '../../lib/csp-nonce';
import type { SessionUser } from '../../../domain/roles';
import { createAppTheme, cssVariablesResolver } from '../../app/theme';
import { firstScreenTexts } from '../../i18n/first-screen';
import { LoginPage } from './login-page';

/**
 * The first screen of a person who is not logged in, shown by main.tsx before the app (router, React Query,
 * i18next, the pages) loads: the app starts loading when the form is sent, and takes over once logged in.
 */
export function LoginShell({ expired, onSubmit, onLoggedIn }: { expired: boolean; onSubmit: () => void; onLoggedIn: (user: SessionUser) => Promise<void> }) {
  const [theme] = useState(() => createAppTheme(firstScreenTexts.close));
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light" getStyleNonce={() => cspNonce() ?? ''}>
      <LoginPage expired={expired} onSubmit={onSubmit} onLoggedIn={onLoggedIn} />
    </MantineProvider>
  );
}
