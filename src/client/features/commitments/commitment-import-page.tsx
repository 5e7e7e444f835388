import { Anchor, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { progressImportRoles, suggestProgressMapping, type ProgressImportResult, type ProgressImportRole } from '../../../domain/commitment';
import { formatCount } from '../../../domain/metrics-format';
import { ForbiddenPage } from '../../ui/forbidden-page';
import { MappedImport } from '../../ui/mapped-import/mapped-import';
import { useMappedImport } from '../../ui/mapped-import/use-mapped-import';
import { PageHeader } from '../../ui/page-header';
import { WideTable } from '../../ui/wide-table';
import { progressImportCommit, progressImportDryRun, useInvalidateCommitments } from './api';
import { useCanWriteCommitments } from './use-can-write';

/** /compromisos/importar: progress reported by the areas in a spreadsheet (area, id, progress, note), previewed, then saved all or nothing. */
export function CommitmentImportPage() {
  const { t } = useTranslation();
  const canWrite = useCanWriteCommitments();
  const invalidate = useInvalidateCommitments();
  const importer = useMappedImport<ProgressImportRole, ProgressImportResult>({
    roles: progressImportRoles,
    ignoreRole: 'ignore',
    suggest: suggestProgressMapping,
    rememberKey: 'foros:compromisos:avances:columnas',
    dryRun: progressImportDryRun,
    commit: progressImportCommit,
    onDone: () => void invalidate(),
  });
  useDocumentTitle(`${t('commitments.import.title')} · ${t('appName')}`);
  if (!canWrite) return <ForbiddenPage />;
  return (
    <>
      <Anchor component={Link} to="/compromisos" size="sm">
        {t('commitments.detail.back')}
      </Anchor>
      <PageHeader title={t('commitments.import.title')} />
      <MappedImport
        importer={importer}
        title={t('commitments.import.title')}
        hint={t('commitments.import.hint')}
        roles={progressImportRoles}
        ignoreRole="ignore"
        roleLabel={(role) => t(`commitments.import.roles.${role}`)}
        canConfirm={(r) => r.updated > 0}
        rowsToSave={(r) => r.updated}
        doneText={(r, name) => t('commitments.import.done', { formatted: formatCount(r.updated), name })}
        renderPreview={(r) => (
          <>
            <Text size="sm" role="status">
              {t('commitments.import.summary', { total: formatCount(r.total), updated: formatCount(r.updated) })}
            </Text>
            <WideTable label={t('commitments.import.previewRows')} minWidth={640}>
              <Table striped withTableBorder verticalSpacing="xs">
                <caption style={{ captionSide: 'top', textAlign: 'left', paddingBottom: 4 }}>{t('commitments.import.previewRows')}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('commitments.list.columns.id')}</Table.Th>
                    <Table.Th scope="col">{t('commitments.list.columns.text')}</Table.Th>
                    <Table.Th scope="col">{t('commitments.list.columns.area')}</Table.Th>
                    <Table.Th scope="col">{t('commitments.import.from')}</Table.Th>
                    <Table.Th scope="col">{t('commitments.import.to')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.preview.map((u) => (
                    <Table.Tr key={u.row}>
                      <Table.Td>{u.id}</Table.Td>
                      <Table.Td>{u.text}</Table.Td>
                      <Table.Td>{u.area}</Table.Td>
                      <Table.Td>{u.from} %</Table.Td>
                      <Table.Td>{u.to} %</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </WideTable>
          </>
        )}
      />
    </>
  );
}
