import { Anchor, List, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { publicationYearsQueryOptions } from './api';

/** /publicacion: the years with a report, each to its «Publicación» screen. */
export function PublicationYearsPage() {
  const { t } = useTranslation();
  const years = useQuery(publicationYearsQueryOptions());
  return (
    <Stack gap="lg">
      <PageHeader title={t('publication.years.title')} subtitle={t('publication.years.subtitle')} />
      {years.isPending ? (
        <LoadingState />
      ) : years.isError ? (
        <ErrorState error={years.error} onRetry={() => years.refetch()} />
      ) : years.data.length === 0 ? (
        <EmptyState title={t('publication.years.empty')} />
      ) : (
        <List aria-label={t('publication.years.listLabel')} spacing="xs">
          {years.data.map((y) => (
            <List.Item key={y.year}>
              <Anchor component={Link} to={`/publicacion/${y.year}`}>
                {t('publication.years.open', { year: y.year })}
              </Anchor>
              <Text span c="dimmed" size="sm">
                {' '}
                — {y.title}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
