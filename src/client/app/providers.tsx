import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { initI18n } from '../i18n';
import { ApiError } from '../lib/http';
import { cspNonce } from '../lib/csp-nonce';
import { createAppTheme, cssVariablesResolver } from './theme';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => !(error instanceof ApiError && error.status < 500) && failureCount < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

const AppOverlays = lazy(async () => ({ default: (await import('./overlays')).AppOverlays }));

/** The window events through which `modals.open…/close…` reach the ModalsProvider (@mantine/modals). */
const modalEvents = ['openModal', 'openConfirmModal', 'openContextModal', 'closeModal', 'closeContextModal', 'closeAllModals', 'updateModal', 'updateContextModal'].map(
  (name) => `mantine-modals:${name}`,
);

/**
 * Mounts the dialogs and notifications (overlays.tsx) after the first page, so no page waits for them: on the
 * person's first click or key, at the first dialog asked for, or after a while. A dialog asked for before they
 * are up is kept and opened once they are; a notification waits in its store.
 */
function DeferredOverlays() {
  const [ready, setReady] = useState(false);
  const queued = useRef<CustomEvent[]>([]);
  const mounted = useRef(false);
  useEffect(() => {
    const load = () => setReady(true);
    const keep = (event: Event) => {
      if (mounted.current) return;
      queued.current.push(new CustomEvent(event.type, { detail: (event as CustomEvent).detail }));
      load();
    };
    for (const type of modalEvents) window.addEventListener(type, keep);
    window.addEventListener('pointerdown', load, { capture: true, once: true });
    window.addEventListener('keydown', load, { capture: true, once: true });
    const timer = window.setTimeout(load, 10_000);
    return () => {
      for (const type of modalEvents) window.removeEventListener(type, keep);
      window.removeEventListener('pointerdown', load, { capture: true });
      window.removeEventListener('keydown', load, { capture: true });
      window.clearTimeout(timer);
    };
  }, []);
  const onMounted = useCallback(() => {
    mounted.current = true;
    for (const event of queued.current.splice(0)) window.dispatchEvent(event);
  }, []);
  return ready ? (
    <Suspense fallback={null}>
      <AppOverlays onMounted={onMounted} />
    </Suspense>
  ) : null;
}

export function AppProviders({ children, queryClient }: { children: ReactNode; queryClient: QueryClient }) {
  const i18n = initI18n();
  const [theme] = useState(() => createAppTheme(i18n.t('actions.close')));
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light" getStyleNonce={() => cspNonce() ?? ''}>
        <QueryClientProvider client={queryClient}>
          {children}
          <DeferredOverlays />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
