import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { i18next } from '../i18n';

/**
 * Asks before something that cannot be undone (deleting, discarding typed changes): the question in a
 * modal, the safe choice focused first, the confirm button in red.9 (white text on it keeps 5.4:1, WCAG AA)
 * and a named close button. Every destructive confirmation of the app goes through here.
 */
export function confirmDestructive(options: { title: string; message: string; confirmLabel: string; cancelLabel?: string; onConfirm: () => void; onClose?: () => void }) {
  modals.openConfirmModal({
    title: options.title,
    children: <Text size="sm">{options.message}</Text>,
    labels: { confirm: options.confirmLabel, cancel: options.cancelLabel ?? i18next.t('actions.cancel') },
    confirmProps: { color: 'red.9' },
    closeButtonProps: { 'aria-label': i18next.t('actions.close') },
    cancelProps: { 'data-autofocus': true },
    onConfirm: options.onConfirm,
    // Called however it closes (after onConfirm when confirmed): a caller waiting for the answer stops waiting.
    ...(options.onClose ? { onClose: options.onClose } : {}),
  });
}
