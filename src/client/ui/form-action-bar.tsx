import { Button, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

interface FormActionBarProps {
  /** Names the bar for screen readers («Acciones del formulario …»). */
  label: string;
  /** What the person should know before saving (fields to fix, unsaved changes), announced politely. */
  status: string;
  statusIsError: boolean;
  cancelTo: string;
  busy: boolean;
  /** «Guardar» inactive (e.g. nothing changed since the last save). */
  saveDisabled?: boolean;
}

/** The bar that stays at the bottom of a long form: its status on the left, «Cancelar» and «Guardar» on the right. */
export function FormActionBar({ label, status, statusIsError, cancelTo, busy, saveDisabled = false }: FormActionBarProps) {
  const { t } = useTranslation();
  return (
    <Paper pos="sticky" bottom={0} withBorder shadow="sm" p="sm" radius="md" style={{ zIndex: 5 }} role="group" aria-label={label}>
      <Group justify="space-between" gap="sm" wrap="nowrap">
        <Text size="sm" c={statusIsError ? 'red.9' : 'dimmed'} aria-live="polite">
          {status}
        </Text>
        <Group gap="sm" wrap="nowrap">
          <Button component={Link} to={cancelTo} variant="default">
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={busy} disabled={saveDisabled}>
            {t('actions.save')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
