import '@mantine/notifications/styles.css';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Confirmation dialogs (`modals.openConfirmModal`) and notifications (`notifications.show`): loaded after the
 * first page, since no page needs them to show (DeferredOverlays in providers.tsx).
 */
export function AppOverlays({ onMounted }: { onMounted: () => void }) {
  const { t } = useTranslation();
  // After the providers' own effects (children first): their listeners are in place.
  useEffect(onMounted, [onMounted]);
  return (
    <>
      <ModalsProvider labels={{ confirm: t('actions.confirm'), cancel: t('actions.cancel') }} />
      <Notifications position="top-right" />
    </>
  );
}
