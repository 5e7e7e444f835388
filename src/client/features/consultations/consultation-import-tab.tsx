import { Alert, Anchor, Badge, Button, Group, List, Loader, Paper, Radio, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { consultationChannels, responseValueGroupKinds, type Consultation, type ConsultationChannel, type ResponseValueGroupKind } from '../../../domain/consultation';
import { importColumnRoles, lateModes, suggestMapping, type ImportColumnRole, type LateMode } from '../../../domain/consultation-import';
import { formatCount } from '../../../domain/metrics-format';
import { formatShortDate } from '../../lib/format';
import { ApiError, errorMessage } from '../../lib/http';
import { useImportDryRun, useImportResponses } from './api';
import { loadRememberedMapping, rememberMapping } from './consultation-import-mapping-store';
import { openExportFile, type OpenedExport } from './consultation-import-parse';
import type { ImportFileProblem } from './consultation-import-read';
import { ConsultationStatusNotice } from './consultation-status-notice';
import { WideTable } from '../../ui/wide-table';

type State =
  | { step: 'idle' }
  | { step: 'reading'; name: string; size: number }
  | { step: 'failed'; name: string; message: string }
  | { step: 'mapping'; name: string; file: OpenedExport; mapping: Record<string, ImportColumnRole>; remembered: boolean };

const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${formatCount(Math.ceil(bytes / 1024))} KB` : `${formatCount(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`);

/** The first non-empty value of a column in the first rows (never for a personal column: it is not shown). */
function exampleOf(rows: string[][], index: number): string {
  for (let r = 0; r < rows.length; r++) {
    const cell = rows[r][index]?.trim();
    if (cell) return cell.length > 60 ? `${cell.slice(0, 58)}…` : cell;
  }
  return '';
}

/** Issues of a 400 / 422 answer, as lines: the title, then each problem (row errors as "Fila N: …"). */
function problemLines(error: unknown, rowLabel: (row: number) => string): string[] {
  if (!(error instanceof ApiError)) return [errorMessage(error)];
  const issues = Array.isArray(error.body.errors) ? (error.body.errors as { row?: unknown; message?: unknown }[]) : [];
  const lines = issues.slice(0, 20).map((e) => (typeof e.row === 'number' ? `${rowLabel(e.row)}: ${String(e.message ?? '')}` : String(e.message ?? '')));
  if (lines.length === 0) return [errorMessage(error)];
  return [error.title, ...new Set(lines)];
}

/**
 * What kind of refusal an answer is: a file that was read but lacks something the import needs (400: a column or
 * the value group of the whole file), a consultation that takes no responses now (409), rows with problems (422).
 * «No se pudo leer el archivo» is only for a file that could not be read (see the tab's own failed state).
 */
function failedTitle(error: unknown): 'mapping' | 'status' | 'rows' | 'other' {
  if (!(error instanceof ApiError)) return 'other';
  return error.status === 400 ? 'mapping' : error.status === 409 ? 'status' : error.status === 422 ? 'rows' : 'other';
}

/** The message a refused preview gives at a field of this form (the value group of the whole file), if any. */
function fieldError(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError) || !Array.isArray(error.body.errors)) return undefined;
  const issue = (error.body.errors as { path?: unknown; message?: unknown }[]).find((e) => e.path === path);
  return issue ? String(issue.message ?? '') : undefined;
}

/** A refused preview or import: the route's problems (rows as «Fila N: …») and that nothing was saved. */
function ImportFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" title={t(`consultations.import.failedTitles.${failedTitle(error)}`)}>
      {problemLines(error, (row) => t('consultations.import.row', { row })).map((line, i) => (
        <Text key={i} size="sm">
          {line}
        </Text>
      ))}
      <Text size="sm">{t('consultations.import.nothingSaved')}</Text>
    </Alert>
  );
}

/**
 * Importar: a Google Forms / Microsoft Forms export (CSV or XLSX) read in a worker, its columns mapped (suggested,
 * then remembered for this consultation), a dry run to preview, and the import on confirmation. Nothing is saved
 * until then, and a file with errors saves nothing.
 */
export function ConsultationImportTab({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const runRef = useRef(0);
  const [state, setState] = useState<State>({ step: 'idle' });
  const [lateMode, setLateMode] = useState<LateMode>('mark');
  const [defaultChannel, setDefaultChannel] = useState<ConsultationChannel>(consultation.channels[0] ?? 'web');
  // Most topic-only forms do not ask whether the person is internal or external: «no indicado» until told otherwise.
  const [defaultValueGroupKind, setDefaultValueGroupKind] = useState<ResponseValueGroupKind>('unspecified');
  const [done, setDone] = useState<{ name: string; saved: number } | null>(null);
  // The worker holding the file's rows ends when the file is discarded, replaced or imported, or the tab closes.
  const openFile = state.step === 'mapping' ? state.file : null;
  useEffect(() => () => openFile?.close(), [openFile]);
  const dryRun = useImportDryRun(consultation.id);
  const importResponses = useImportResponses(consultation.id);
  const open = consultation.status === 'open';

  const problemText = (problem: ImportFileProblem) =>
    problem === 'tooManyRows' ? t('consultations.import.messages.tooManyRows', { max: formatCount(100_000) }) : t(`consultations.import.messages.${problem}`);

  const read = async (file: File) => {
    const run = ++runRef.current;
    dryRun.reset();
    importResponses.reset();
    setDone(null);
    setState({ step: 'reading', name: file.name, size: file.size });
    try {
      const result = await openExportFile(file);
      if (runRef.current !== run) {
        if (result.ok) result.file.close();
        return;
      }
      if (!result.ok) return setState({ step: 'failed', name: file.name, message: problemText(result.problem) });
      const remembered = loadRememberedMapping(consultation.id);
      const suggested = suggestMapping(result.file.header);
      let usedMemory = false;
      const mapping: Record<string, ImportColumnRole> = {};
      for (const header of result.file.header) {
        if (header in mapping) continue;
        if (remembered[header]) usedMemory = true;
        mapping[header] = remembered[header] ?? suggested[header] ?? 'ignore';
      }
      setState({ step: 'mapping', name: file.name, file: result.file, mapping, remembered: usedMemory });
    } catch {
      if (runRef.current === run) setState({ step: 'failed', name: file.name, message: problemText('binary') });
    }
  };

  /** The request body, encoded where the rows are (in the worker for a big file: the page does not pause). */
  const body = (s: Extract<State, { step: 'mapping' }>) => s.file.encode({ mapping: s.mapping, lateMode, defaultChannel, defaultValueGroupKind });

  const setRole = (header: string, role: ImportColumnRole) => {
    if (state.step !== 'mapping') return;
    dryRun.reset();
    importResponses.reset();
    setState({ ...state, mapping: { ...state.mapping, [header]: role } });
  };

  const preview = () => {
    if (state.step !== 'mapping') return;
    importResponses.reset();
    const current = state;
    dryRun.mutate(() => body(current));
  };

  const confirm = () => {
    if (state.step !== 'mapping') return;
    const current = state;
    importResponses.mutate(() => body(current), {
      onSuccess: (result) => {
        rememberMapping(consultation.id, current.mapping);
        const saved = result.accepted;
        setDone({ name: current.name, saved });
        setState({ step: 'idle' });
        dryRun.reset();
        notifications.show({ color: 'green', title: t('consultations.import.done'), message: t('consultations.import.doneText', { formatted: formatCount(saved), name: current.name }) });
      },
    });
  };

  const reading = state.step === 'reading';
  const importing = importResponses.isPending;
  const previewResult = dryRun.data;
  const canConfirm = previewResult !== undefined && previewResult.errorCount === 0 && previewResult.errors.length === 0 && previewResult.accepted > 0;
  const topicTitle = new Map(consultation.topics.map((topic) => [topic.id, topic.title]));

  return (
    <Stack gap="md">
      <Paper component="section" withBorder p="md" radius="md" aria-labelledby="consultation-import-title">
        <Stack gap="xs">
          <Title order={2} size="h4" id="consultation-import-title">
            {t('consultations.import.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('consultations.import.hint')}
          </Text>
          <ConsultationStatusNotice consultation={consultation} action="import" />
          <Group gap="sm">
            <Button variant="default" onClick={() => inputRef.current?.click()} disabled={reading || importing || !open} loading={reading}>
              {t('consultations.import.choose')}
            </Button>
            <input
              ref={inputRef}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-label={t('consultations.import.choose')}
              hidden
              disabled={reading || importing || !open}
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                event.currentTarget.value = '';
                if (file) void read(file);
              }}
            />
          </Group>
          {reading && (
            <Group gap="xs" role="status" aria-live="polite">
              <Loader size="xs" aria-hidden />
              <Text size="sm">{t('consultations.import.analysing', { name: state.name, size: sizeText(state.size) })}</Text>
            </Group>
          )}
          {state.step === 'failed' && (
            <Alert color="red" role="alert" title={t('consultations.import.failed')} withCloseButton closeButtonLabel={t('actions.close')} onClose={() => setState({ step: 'idle' })}>
              <Text size="sm">
                {state.name}: {state.message}
              </Text>
              <Text size="sm">{t('consultations.import.nothingSaved')}</Text>
            </Alert>
          )}
          {done && (
            <Alert color="green" role="status" title={t('consultations.import.done')}>
              <Text size="sm">{t('consultations.import.doneText', { formatted: formatCount(done.saved), name: done.name })}</Text>
              <Anchor component={Link} to={`/consultas/${consultation.id}?vista=resultados`} size="sm">
                {t('consultations.detail.tabs.results')}
              </Anchor>
            </Alert>
          )}
        </Stack>
      </Paper>

      {state.step === 'mapping' && (
        <Paper component="section" withBorder p="md" radius="md" aria-labelledby="consultation-mapping-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="consultation-mapping-title">
              {t('consultations.import.mapping')}
            </Title>
            <Text size="sm">{t('consultations.import.read', { count: state.file.rowCount, formatted: formatCount(state.file.rowCount), name: state.name })}</Text>
            <Text size="sm" c="dimmed">
              {state.remembered ? t('consultations.import.mappingRemembered') : t('consultations.import.mappingHint')}
            </Text>
            <WideTable label={t('consultations.import.mapping')} minWidth={640}>
              <Table verticalSpacing="xs" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('consultations.import.column')}</Table.Th>
                    <Table.Th scope="col">{t('consultations.import.example')}</Table.Th>
                    <Table.Th scope="col">{t('consultations.import.role')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {state.file.header.map((header, index) => {
                    const role = state.mapping[header] ?? 'ignore';
                    const personal = role === 'personal';
                    return (
                      <Table.Tr key={`${header}-${index}`}>
                        <Table.Th scope="row" fw={500}>
                          {header || '—'}
                          {personal && (
                            <Badge ml="xs" variant="outline" color="red.9" tt="none" fw={600}>
                              {t('consultations.import.personal')}
                            </Badge>
                          )}
                        </Table.Th>
                        <Table.Td>
                          <Text size="sm" c="dimmed">
                            {personal ? '—' : exampleOf(state.file.sample, index)}
                          </Text>
                        </Table.Td>
                        <Table.Td miw={340}>
                          <Select
                            aria-label={t('consultations.import.roleOf', { header })}
                            data={importColumnRoles.map((value) => ({ value, label: t(`consultations.import.roles.${value}`) }))}
                            value={role}
                            onChange={(value) => value && setRole(header, value as ImportColumnRole)}
                            allowDeselect={false}
                            disabled={importing}
                          />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </WideTable>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <Radio.Group
                label={t('consultations.import.lateMode')}
                value={lateMode}
                onChange={(value) => {
                  setLateMode(value as LateMode);
                  dryRun.reset();
                }}
              >
                <Stack gap={4} mt={4}>
                  {lateModes.map((mode) => (
                    <Radio key={mode} value={mode} label={t(`consultations.import.lateModes.${mode}`)} disabled={importing} />
                  ))}
                </Stack>
              </Radio.Group>
              <Select
                label={t('consultations.import.defaultChannel')}
                description={t('consultations.import.defaultChannelHint')}
                data={consultationChannels.map((value) => ({ value, label: t(`consultations.channels.${value}`) }))}
                value={defaultChannel}
                onChange={(value) => {
                  if (!value) return;
                  setDefaultChannel(value as ConsultationChannel);
                  dryRun.reset();
                }}
                allowDeselect={false}
                disabled={importing}
              />
              <Select
                label={t('consultations.import.defaultValueGroupKind')}
                description={t('consultations.import.defaultValueGroupKindHint')}
                data={responseValueGroupKinds.map((value) => ({ value, label: t(`consultations.kinds.${value}`) }))}
                value={defaultValueGroupKind}
                onChange={(value) => {
                  if (!value) return;
                  setDefaultValueGroupKind(value as ResponseValueGroupKind);
                  dryRun.reset();
                }}
                allowDeselect={false}
                disabled={importing}
                error={fieldError(dryRun.error, 'defaultValueGroupKind')}
              />
            </SimpleGrid>
            <Group gap="sm">
              <Button onClick={preview} loading={dryRun.isPending} disabled={importing}>
                {t('consultations.import.preview')}
              </Button>
              <Button
                variant="default"
                disabled={importing}
                onClick={() => {
                  dryRun.reset();
                  importResponses.reset();
                  setState({ step: 'idle' });
                }}
              >
                {t('consultations.import.cancel')}
              </Button>
            </Group>
            {dryRun.isPending && (
              <Text size="sm" role="status">
                {t('consultations.import.previewing')}
              </Text>
            )}
            {dryRun.isError && <ImportFailed error={dryRun.error} />}
          </Stack>
        </Paper>
      )}

      {state.step === 'mapping' && previewResult && (
        <Paper component="section" withBorder p="md" radius="md" aria-labelledby="consultation-preview-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="consultation-preview-title">
              {t('consultations.import.previewTitle')}
            </Title>
            <Group gap="lg" role="status">
              <Text size="sm">
                {t('consultations.import.total')}: <strong>{formatCount(previewResult.total)}</strong>
              </Text>
              <Text size="sm">
                {t('consultations.import.accepted')}: <strong>{formatCount(previewResult.accepted)}</strong>
              </Text>
              <Text size="sm">
                {t('consultations.import.late')}: <strong>{formatCount(previewResult.late)}</strong>
              </Text>
              <Text size="sm" c={previewResult.errorCount > 0 ? 'red.9' : undefined}>
                {t('consultations.import.errors')}: <strong>{formatCount(previewResult.errorCount)}</strong>
              </Text>
            </Group>
            {previewResult.dateOrder?.decidedBy === 'fallback' && (
              <Alert color="yellow" variant="light" role="note">
                <Text size="sm">
                  {t('consultations.import.dateOrderFallback', { order: t(previewResult.dateOrder.dayFirst ? 'consultations.import.dayFirst' : 'consultations.import.monthFirst') })}
                </Text>
              </Alert>
            )}
            {previewResult.droppedPersonalColumns.length > 0 && (
              <Text size="sm">{t('consultations.import.dropped', { columns: previewResult.droppedPersonalColumns.map((c) => `«${c}»`).join(', ') })}</Text>
            )}
            {previewResult.errors.length > 0 && (
              <Alert color="red" title={t('consultations.import.errorsTitle', { count: Math.min(previewResult.errors.length, 20) })}>
                <Text size="sm" mb="xs">
                  {t('consultations.import.errorsBlock')}
                </Text>
                <List size="sm">
                  {previewResult.errors.slice(0, 20).map((error) => (
                    <List.Item key={`${error.row}-${error.message}`}>
                      {t('consultations.import.row', { row: error.row })}: {error.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {previewResult.preview.length > 0 && (
              <WideTable label={t('consultations.import.previewRows')} minWidth={720}>
                <Table striped withTableBorder verticalSpacing="xs">
                  <caption style={{ captionSide: 'top', textAlign: 'left', paddingBottom: 4 }}>{t('consultations.import.previewRows')}</caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('consultations.responses.columns.date')}</Table.Th>
                      <Table.Th scope="col">{t('consultations.responses.columns.group')}</Table.Th>
                      <Table.Th scope="col">{t('consultations.responses.columns.topics')}</Table.Th>
                      <Table.Th scope="col">{t('consultations.responses.columns.proposal')}</Table.Th>
                      <Table.Th scope="col">{t('consultations.responses.columns.questions')}</Table.Th>
                      <Table.Th scope="col">{t('consultations.responses.columns.channel')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {previewResult.preview.slice(0, 10).map((row) => (
                      <Table.Tr key={row.row}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {formatShortDate(row.date)}
                          {row.late ? ` (${t('consultations.responses.late')})` : ''}
                        </Table.Td>
                        <Table.Td>
                          {t(`consultations.kinds.${row.valueGroupKind}`)}
                          {row.valueGroup ? ` · ${row.valueGroup}` : ''}
                        </Table.Td>
                        <Table.Td>{row.topicIds.map((id) => topicTitle.get(id) ?? `#${id}`).join('; ')}</Table.Td>
                        <Table.Td>{row.proposedTopic}</Table.Td>
                        <Table.Td>{row.questions.join(' · ')}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`consultations.channels.${row.channel}`)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </WideTable>
            )}
            <Group gap="sm">
              <Button onClick={confirm} disabled={!canConfirm} loading={importing}>
                {t('consultations.import.confirm')}
              </Button>
              {importing && (
                <Group gap="xs" role="status" aria-live="polite">
                  <Loader size="xs" aria-hidden />
                  <Text size="sm">{t('consultations.import.importing', { formatted: formatCount(previewResult.accepted) })}</Text>
                </Group>
              )}
            </Group>
            {importResponses.isError && <ImportFailed error={importResponses.error} />}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
