import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function ConsultationNotFound() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" py="xl" gap="sm">
      <Title order={1} size="h2">
        {t('consultations.form.notFound')}
      </Title>
      <Text c="dimmed">{t('consultations.form.notFoundHint')}</Text>
      <Button component={Link} to="/consultas">
        {t('consultations.backToList')}
      </Button>
    </Stack>
  );
}
