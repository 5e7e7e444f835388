import { Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { reportListQueryOptions, reportQueryOptions, yearMetricsQueryOptions } from '../lib/shared-queries';
import { isAdminRole } from '../../domain/roles';
import { useCurrentUser } from './use-current-user';
import { DueQuestionsPanel } from './due-questions-panel';

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/**
 * /inicio, the page after the login: what waits for this person in the latest year's report. A reviewer (and the
 * administrator) sees the sections in review that someone else changed; an editor the sections returned with
 * requested changes and the forums without metrics; each item links to where it is done.
 */
export function StartPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const reports = useQuery(reportListQueryOptions());
  const year = reports.data && reports.data.length > 0 ? Math.max(...reports.data.map((r) => r.year)) : null;
  const overview = useQuery({ ...reportQueryOptions(year ?? 0), enabled: year !== null });
  const writes = user?.role === 'editor' || isAdminRole(user?.role);
  const metrics = useQuery({ ...yearMetricsQueryOptions(year ?? 0), enabled: year !== null && writes });

  const body = () => {
    if (reports.isPending || (year !== null && overview.isPending)) return <LoadingState />;
    if (reports.isError) return <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />;
    if (year === null) return <EmptyState title={t('home.noReport')} />;
    if (overview.isError) return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
    const pending = overview.data!.pending.forMe;
    const sectionList = (empty: string) =>
      pending.length === 0 ? (
        <Text c="dimmed">{empty}</Text>
      ) : (
        <List spacing={4}>
          {pending.map((section) => (
            <List.Item key={section.sectionId}>
              <Anchor component={Link} to={`/informes/${year}/secciones/${section.sectionId}`}>
                {section.title}
              </Anchor>{' '}
              <Text span size="sm" c="dimmed">
                ({t(`reports.states.${section.state}`)})
              </Text>
            </List.Item>
          ))}
        </List>
      );
    const withoutMetrics = (metrics.data?.forums ?? []).filter((forum) => forum.metrics === null);
    return (
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: writes ? 2 : 1 }} spacing="lg">
          {user?.role === 'editor' ? (
            <Panel title={t('home.returned.title')}>{sectionList(t('home.returned.empty'))}</Panel>
          ) : (
            <Panel title={t('home.toReview.title')}>{sectionList(t('home.toReview.empty'))}</Panel>
          )}
          {writes && (
            <Panel title={t('home.noMetrics.title')}>
              {metrics.isPending ? (
                <LoadingState />
              ) : metrics.isError ? (
                <ErrorState error={metrics.error} onRetry={() => void metrics.refetch()} />
              ) : withoutMetrics.length === 0 ? (
                <Text c="dimmed">{t('home.noMetrics.empty')}</Text>
              ) : (
                <List spacing={4}>
                  {withoutMetrics.map((forum) => (
                    <List.Item key={forum.id}>
                      <Anchor component={Link} to={`/foros/${forum.id}/metricas`} aria-label={t('home.noMetrics.add', { title: forum.title })}>
                        {forum.title}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              )}
            </Panel>
          )}
          {writes && (
            <Panel title={t('home.questions.title')}>
              <DueQuestionsPanel />
            </Panel>
          )}
        </SimpleGrid>
        <Group gap="sm">
          <Button component={Link} to={`/informes/${year}`}>
            {t('home.links.report', { year })}
          </Button>
          <Button component={Link} to="/foros" variant="default">
            {t('home.links.forums')}
          </Button>
          {isAdminRole(user?.role) && (
            <Button component={Link} to="/cuentas" variant="default">
              {t('home.links.accounts')}
            </Button>
          )}
        </Group>
      </Stack>
    );
  };

  return (
    <>
      <PageHeader title={t('home.title')} subtitle={year !== null ? t('home.subtitle', { year }) : undefined} />
      {body()}
    </>
  );
}
