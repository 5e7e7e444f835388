import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function ReportNotFound({ section = false, year }: { section?: boolean; year?: number }) {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" py="xl" gap="sm">
      <Title order={1} size="h2">
        {section ? t('reports.section.notFound') : t('reports.overview.notFound')}
      </Title>
      {!section && <Text c="dimmed">{t('reports.overview.notFoundHint')}</Text>}
      <Button component={Link} to={section && year ? `/informes/${year}` : '/informes'}>
        {section ? t('reports.overview.backToOverview') : t('reports.overview.backToList')}
      </Button>
    </Stack>
  );
}
