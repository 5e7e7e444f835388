import { Alert, Button, Group, Text } from '@mantine/core';
import type { Ref } from 'react';

interface ConflictAlertProps {
  title: string;
  /** Who saved the newer version, which one and when (from the feature's catalog). */
  message: string;
  loadLabel: string;
  overwriteLabel: string;
  busy: boolean;
  onLoad: () => void;
  onOverwrite: () => void;
  alertRef?: Ref<HTMLDivElement>;
}

/** Someone saved a newer version while this person edited (a 409): say who and when, and offer both ways out. */
export function ConflictAlert({ title, message, loadLabel, overwriteLabel, busy, onLoad, onOverwrite, alertRef }: ConflictAlertProps) {
  return (
    <Alert ref={alertRef} tabIndex={-1} color="orange" variant="light" role="alert" title={title}>
      <Text size="sm" mb="sm">
        {message}
      </Text>
      <Group gap="sm">
        <Button variant="default" onClick={onLoad} disabled={busy}>
          {loadLabel}
        </Button>
        <Button color="orange.9" onClick={onOverwrite} loading={busy}>
          {overwriteLabel}
        </Button>
      </Group>
    </Alert>
  );
}
