import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" py="xl">
      <Title order={1} size="h2">
        {t('state.notFound')}
      </Title>
      <Text c="dimmed">{t('state.notFoundHint')}</Text>
      <Button component={Link} to="/foros">
        {t('state.goHome')}
      </Button>
    </Stack>
  );
}
