import { Alert, Button, List, Text } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/http';
import type { FieldErrors } from './metrics-form-values';

/** The server refused the figures (400/422): its title and each message once. */
export function MetricsServerAlert({ title, errors, alertRef }: { title: string; errors: FieldErrors; alertRef: Ref<HTMLDivElement> }) {
  const { t } = useTranslation();
  return (
    <Alert ref={alertRef} tabIndex={-1} color="red" role="alert" title={title}>
      <Text size="sm" mb="xs">
        {t('metrics.rules.server')}
      </Text>
      <List size="sm">
        {[...new Set(errors.values())].map((message) => (
          <List.Item key={message}>{message}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** The save failed for another reason (network, 500): what was typed is kept, and «Reintentar» sends it again. */
export function MetricsSaveErrorAlert({ error, busy, onRetry, alertRef }: { error: unknown; busy: boolean; onRetry: () => void; alertRef: Ref<HTMLDivElement> }) {
  const { t } = useTranslation();
  return (
    <Alert ref={alertRef} tabIndex={-1} color="red" role="alert" title={t('metrics.saveError.title')}>
      <Text size="sm">{errorMessage(error)}</Text>
      <Text size="sm" mb="sm">
        {t('metrics.saveError.kept')}
      </Text>
      <Button size="xs" variant="default" onClick={onRetry} loading={busy}>
        {t('actions.retry')}
      </Button>
    </Alert>
  );
}
