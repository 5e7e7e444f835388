import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The consultation's note (what readers should know about its data), shown where its data are read; nothing when empty. */
export function ConsultationNote({ note }: { note: string }) {
  const { t } = useTranslation();
  if (!note.trim()) return null;
  return (
    <Alert color="blue" variant="light" title={t('consultations.note.title')} role="note">
      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
        {note}
      </Text>
    </Alert>
  );
}
