import { Button, Fieldset, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ForumFormRowListProps {
  /** A sub-heading (h3) when the list shares its section with other fields. */
  legend?: string;
  count: number;
  max: number;
  emptyText: string;
  addLabel: string;
  onAdd: () => void;
  /** A problem with the list as a whole (e.g. too many items). */
  error?: string;
  children: ReactNode;
  /** Id of the add button, so focus can return to it after a removal. */
  addId: string;
}

/** Editable rows with an "add" button below. */
export function ForumFormRowList({ legend, count, max, emptyText, addLabel, onAdd, error, children, addId }: ForumFormRowListProps) {
  const { t } = useTranslation();
  const full = count >= max;
  const body = (
    <Stack gap="sm">
      {count === 0 && (
        <Text c="dimmed" size="sm">
          {emptyText}
        </Text>
      )}
      {children}
      {error && (
        <Text c="red.9" size="sm">
          {error}
        </Text>
      )}
      <Group gap="sm">
        <Button id={addId} variant="outline" onClick={onAdd} disabled={full}>
          {addLabel}
        </Button>
        {full && (
          <Text size="sm" c="dimmed">
            {t('forumForm.rows.limitReached', { max })}
          </Text>
        )}
      </Group>
    </Stack>
  );
  if (!legend) return body;
  return (
    <Fieldset
      variant="unstyled"
      legend={
        <Title order={3} size="h5" mb="xs">
          {legend}
        </Title>
      }
    >
      {body}
    </Fieldset>
  );
}

/** One row of a list: a small fieldset named after the row ("Experto 2"), its fields, then its buttons. */
export function ForumFormRow({ legend, children, controls }: { legend: string; children: ReactNode; controls: ReactNode }) {
  return (
    <Fieldset legend={legend} variant="filled" radius="md" p="sm">
      <Stack gap="xs">
        {children}
        <Group justify="flex-end" gap="xs">
          {controls}
        </Group>
      </Stack>
    </Fieldset>
  );
}
