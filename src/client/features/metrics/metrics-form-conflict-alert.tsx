import { Alert, Button, Group, Text } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ForumMetricsRecord } from '../../../domain/metrics-update';
import { formatDateTime } from '../../lib/format';

interface MetricsFormConflictAlertProps {
  current: ForumMetricsRecord;
  busy: boolean;
  onLoad: () => void;
  onOverwrite: () => void;
  alertRef?: Ref<HTMLDivElement>;
}

/** Someone saved newer metrics while this person typed: who and when, and both ways out. */
export function MetricsFormConflictAlert({ current, busy, onLoad, onOverwrite, alertRef }: MetricsFormConflictAlertProps) {
  const { t } = useTranslation();
  return (
    <Alert ref={alertRef} tabIndex={-1} color="orange" variant="light" role="alert" title={t('metrics.conflict.title')}>
      <Text size="sm" mb="sm">
        {t('metrics.conflict.message', {
          who: current.updatedBy ?? '—',
          version: current.version,
          when: current.updatedAt ? formatDateTime(current.updatedAt) : '—',
        })}
      </Text>
      <Group gap="sm">
        <Button variant="default" onClick={onLoad} disabled={busy}>
          {t('metrics.conflict.load')}
        </Button>
        <Button color="orange.9" onClick={onOverwrite} loading={busy}>
          {t('metrics.conflict.overwrite')}
        </Button>
      </Group>
    </Alert>
  );
}
