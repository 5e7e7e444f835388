import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../domain/date-format';
import type { AutosaveStatus } from './section-autosave';


/** "Guardado a las 10:42" / "Guardando…" / "Sin conexión: …", announced politely as it changes. */
export function AutosaveStatusText({ status, onRetry }: { status: AutosaveStatus; onRetry: () => void }) {
  const { t } = useTranslation();
  let text: string;
  let color: string | undefined = 'dimmed';
  switch (status.kind) {
    case 'idle':
      text = status.savedAt ? t('reports.autosave.saved', { time: formatTime(status.savedAt) }) : t('reports.autosave.savedNever');
      break;
    case 'saving':
      text = t('reports.autosave.saving');
      break;
    case 'offline':
      text = t('reports.autosave.offline');
      color = 'red.9';
      break;
    case 'error':
      text = t('reports.autosave.error', { message: status.message });
      color = 'red.9';
      break;
    case 'conflict':
      text = t('reports.autosave.conflict');
      color = 'red.9';
      break;
  }
  return (
    <Group gap="sm" wrap="nowrap" align="center">
      <Text size="sm" c={color} role="status" aria-live="polite" data-autosave={status.kind}>
        {text}
      </Text>
      {(status.kind === 'offline' || status.kind === 'error') && (
        <Button size="compact-sm" variant="default" onClick={onRetry}>
          {t('reports.autosave.retryNow')}
        </Button>
      )}
    </Group>
  );
}
