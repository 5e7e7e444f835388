import { Badge, Button, Code, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Organization } from '../../../domain/organization-admin';
import { formatInteger } from '../../lib/format';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { WideTable } from '../../ui/wide-table';
import { useCurrentOrganization } from '../../app/use-current-user';
import { organizationListQueryOptions } from './api';

/** /organizaciones: the system administrator's list of the installation's organisations, with their accounts and forums. */
export function OrganizationListPage() {
  const { t } = useTranslation();
  const list = useQuery(organizationListQueryOptions());
  const current = useCurrentOrganization();
  useDocumentTitle(`${t('organizations.title')} · ${t('appName')}`);
  const createButton = (
    <Button component={Link} to="/organizaciones/nueva">
      {t('organizations.create.open')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('organizations.title')} subtitle={t('organizations.subtitle')} actions={createButton} />
      {list.isPending ? (
        <LoadingState label={t('organizations.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState title={t('organizations.empty.title')} action={createButton}>
          {t('organizations.empty.hint')}
        </EmptyState>
      ) : (
        <OrganizationTable organizations={list.data} currentId={current?.id} />
      )}
    </>
  );
}

function OrganizationTable({ organizations, currentId }: { organizations: Organization[]; currentId: number | undefined }) {
  const { t } = useTranslation();
  return (
    <WideTable label={t('organizations.tableLabel')} minWidth={820}>
      <Table aria-label={t('organizations.tableLabel')} striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('organizations.columns.name')}</Table.Th>
            <Table.Th scope="col">{t('organizations.columns.acronym')}</Table.Th>
            <Table.Th scope="col">{t('organizations.columns.slug')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('organizations.columns.users')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('organizations.columns.forums')}
            </Table.Th>
            <Table.Th scope="col">{t('organizations.columns.status')}</Table.Th>
            <Table.Th scope="col">{t('organizations.columns.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {organizations.map((organization) => (
            <Table.Tr key={organization.id} data-slug={organization.slug}>
              <Table.Th scope="row" fw={600}>
                {organization.name}
                {organization.id === currentId && (
                  <Text span inherit fw={400}>
                    {' '}
                    {t('organizations.current')}
                  </Text>
                )}
              </Table.Th>
              <Table.Td>{organization.acronym || '—'}</Table.Td>
              <Table.Td>
                <Code c="dark.9">{organization.slug}</Code>
              </Table.Td>
              <Table.Td ta="right">{formatInteger(organization.users)}</Table.Td>
              <Table.Td ta="right">{formatInteger(organization.forums)}</Table.Td>
              <Table.Td>
                {organization.active ? (
                  <Badge variant="outline" color="teal.9" miw="max-content">
                    {t('organizations.status.active')}
                  </Badge>
                ) : (
                  <Badge variant="filled" color="gray.7" miw="max-content">
                    {t('organizations.status.inactive')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Button component={Link} to={`/organizaciones/${organization.id}`} size="compact-sm" variant="default" aria-label={t('organizations.editLabel', { name: organization.name })}>
                  {t('organizations.edit')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
