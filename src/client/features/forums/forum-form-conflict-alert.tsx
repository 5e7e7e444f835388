import { Alert, Button, Group, Text } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Forum } from '../../../domain/forum';
import { formatDateTime } from '../../lib/format';

interface ForumFormConflictAlertProps {
  current: Forum;
  busy: boolean;
  onLoad: () => void;
  onOverwrite: () => void;
  alertRef?: Ref<HTMLDivElement>;
}

/** Someone saved a newer version while this person edited: say who and when, and offer both ways out. */
export function ForumFormConflictAlert({ current, busy, onLoad, onOverwrite, alertRef }: ForumFormConflictAlertProps) {
  const { t } = useTranslation();
  return (
    <Alert ref={alertRef} tabIndex={-1} color="orange" variant="light" role="alert" title={t('forumForm.conflict.title')}>
      <Text size="sm" mb="sm">
        {t('forumForm.conflict.message', { who: current.updatedBy, version: current.version, when: formatDateTime(current.updatedAt) })}
      </Text>
      <Group gap="sm">
        <Button variant="default" onClick={onLoad} disabled={busy}>
          {t('forumForm.conflict.load')}
        </Button>
        <Button color="orange.9" onClick={onOverwrite} loading={busy}>
          {t('forumForm.conflict.overwrite')}
        </Button>
      </Group>
    </Alert>
  );
}
