import { Alert, Badge, Button, Group, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../domain/metrics-format';
import { fileSizeText, ImportFilePicker } from '../import-file-picker';
import { WideTable } from '../wide-table';
import { ImportFailed } from './import-failed';
import type { OpenedExport } from './open-export';
import type { MappedImport as MappedImportHandle } from './use-mapped-import';

/** The first non-empty value of a column in the first rows (never for a personal column: it is not shown). */
export function exampleOf(rows: string[][], index: number): string {
  for (let r = 0; r < rows.length; r++) {
    const cell = rows[r][index]?.trim();
    if (cell) return cell.length > 60 ? `${cell.slice(0, 58)}…` : cell;
  }
  return '';
}

interface ColumnRolesTableProps<Role extends string> {
  file: OpenedExport;
  mapping: Record<string, Role>;
  roles: readonly Role[];
  roleLabel: (role: Role) => string;
  /** The role (or roles) of columns holding personal data: flagged, their values never shown. */
  personalRole?: Role | readonly Role[];
  ignoreRole: Role;
  disabled: boolean;
  onRole: (header: string, role: Role) => void;
}

/** Each column of the file: its header (personal ones flagged), an example value, and what it holds. */
export function ColumnRolesTable<Role extends string>({ file, mapping, roles, roleLabel, personalRole, ignoreRole, disabled, onRole }: ColumnRolesTableProps<Role>) {
  const { t } = useTranslation();
  return (
    <WideTable label={t('mappedImport.mapping')} minWidth={640}>
      <Table verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('mappedImport.column')}</Table.Th>
            <Table.Th scope="col">{t('mappedImport.example')}</Table.Th>
            <Table.Th scope="col">{t('mappedImport.role')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {file.header.map((header, index) => {
            const role = mapping[header] ?? ignoreRole;
            const personal = personalRole !== undefined && (typeof personalRole === 'string' ? role === personalRole : personalRole.includes(role));
            return (
              <Table.Tr key={`${header}-${index}`}>
                <Table.Th scope="row" fw={500}>
                  {header || '—'}
                  {personal && (
                    <Badge ml="xs" variant="outline" color="red.9" tt="none" fw={600}>
                      {t('mappedImport.personal')}
                    </Badge>
                  )}
                </Table.Th>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {personal ? '—' : exampleOf(file.sample, index)}
                  </Text>
                </Table.Td>
                <Table.Td miw={300}>
                  <Select
                    aria-label={t('mappedImport.roleOf', { header })}
                    data={roles.map((value) => ({ value, label: roleLabel(value) }))}
                    value={role}
                    onChange={(value) => value && onRole(header, value as Role)}
                    allowDeselect={false}
                    disabled={disabled}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

export interface MappedImportProps<Role extends string, Result> {
  importer: MappedImportHandle<Role, Result>;
  title: string;
  hint: ReactNode;
  roles: readonly Role[];
  ignoreRole: Role;
  personalRole?: Role | readonly Role[];
  roleLabel: (role: Role) => string;
  /** The dry run's answer as the person should see it (counts, first rows). */
  renderPreview: (result: Result) => ReactNode;
  canConfirm: (result: Result) => boolean;
  /** How many rows the import will save (for «Importando N filas…»). */
  rowsToSave: (result: Result) => number;
  doneText: (result: Result, name: string) => ReactNode;
  disabled?: boolean;
  /** Said beside the file button (e.g. why it is disabled). */
  notice?: ReactNode;
  /** More choices shown under the mapping (they go in the request body through the hook's `choices`). */
  options?: ReactNode;
  /** The heading level of the three sections (2 on a page of its own, 3 inside a tab under an h2). */
  order?: 2 | 3;
}

/**
 * The shared mapped import: choose a CSV/XLSX (read in a worker), map its columns, preview through the route's dry
 * run (a 422's rows listed as «Fila N: …»), confirm. Nothing is saved until then, and a file with problems saves nothing.
 */
export function MappedImport<Role extends string, Result>(props: MappedImportProps<Role, Result>) {
  const { importer, title, hint, roles, ignoreRole, personalRole, roleLabel, renderPreview, canConfirm, rowsToSave, doneText, disabled = false, notice, options, order = 2 } = props;
  const { t } = useTranslation();
  const id = useId();
  const { state, done, dryRun, commit } = importer;
  const reading = state.step === 'reading';
  const importing = commit.isPending;
  const previewResult = dryRun.data;
  return (
    <Stack gap="md">
      <Paper component="section" withBorder p="md" radius="md" aria-labelledby={`${id}-title`}>
        <Stack gap="xs">
          <Title order={order} size="h4" id={`${id}-title`}>
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
          {notice}
          <ImportFilePicker
            label={t('mappedImport.choose')}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={reading || importing || disabled}
            reading={state.step === 'reading' ? { text: t('mappedImport.analysing', { name: state.name, size: fileSizeText(state.size) }) } : null}
            failure={state.step === 'failed' ? { title: t('mappedImport.failed'), name: state.name, message: state.message, nothingSaved: t('mappedImport.nothingSaved') } : null}
            onDismiss={importer.dismissFailure}
            onFile={(file) => void importer.read(file)}
          />
          {done && (
            <Alert color="green" role="status" title={t('mappedImport.done')}>
              <Text size="sm">{doneText(done.result, done.name)}</Text>
            </Alert>
          )}
        </Stack>
      </Paper>

      {state.step === 'mapping' && (
        <Paper component="section" withBorder p="md" radius="md" aria-labelledby={`${id}-mapping`}>
          <Stack gap="sm">
            <Title order={order} size="h4" id={`${id}-mapping`}>
              {t('mappedImport.mapping')}
            </Title>
            <Text size="sm">{t('mappedImport.read', { count: state.file.rowCount, formatted: formatCount(state.file.rowCount), name: state.name })}</Text>
            <Text size="sm" c="dimmed">
              {state.remembered ? t('mappedImport.mappingRemembered') : t('mappedImport.mappingHint')}
            </Text>
            <ColumnRolesTable
              file={state.file}
              mapping={state.mapping}
              roles={roles}
              roleLabel={roleLabel}
              personalRole={personalRole}
              ignoreRole={ignoreRole}
              disabled={importing}
              onRole={importer.setRole}
            />
            {options}
            <Group gap="sm">
              <Button onClick={importer.preview} loading={dryRun.isPending} disabled={importing}>
                {t('mappedImport.preview')}
              </Button>
              <Button variant="default" disabled={importing} onClick={importer.discard}>
                {t('mappedImport.cancel')}
              </Button>
            </Group>
            {dryRun.isPending && (
              <Text size="sm" role="status">
                {t('mappedImport.previewing')}
              </Text>
            )}
            {dryRun.isError && <ImportFailed error={dryRun.error} />}
          </Stack>
        </Paper>
      )}

      {state.step === 'mapping' && previewResult !== undefined && (
        <Paper component="section" withBorder p="md" radius="md" aria-labelledby={`${id}-preview`}>
          <Stack gap="sm">
            <Title order={order} size="h4" id={`${id}-preview`}>
              {t('mappedImport.previewTitle')}
            </Title>
            {renderPreview(previewResult)}
            <Group gap="sm">
              <Button onClick={importer.confirm} disabled={!canConfirm(previewResult)} loading={importing}>
                {t('mappedImport.confirm')}
              </Button>
              {importing && (
                <Group gap="xs" role="status" aria-live="polite">
                  <Loader size="xs" aria-hidden />
                  <Text size="sm">{t('mappedImport.importing', { formatted: formatCount(rowsToSave(previewResult)) })}</Text>
                </Group>
              )}
            </Group>
            {commit.isError && <ImportFailed error={commit.error} />}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
